using System;
using Newtonsoft.Json;

namespace GradientMsp.Client.Models
{
    /// <summary>The partner's integration settings (GET /organization): whose token this is and its status.</summary>
    public sealed class GradientIntegration
    {
        [JsonProperty("organizationId")] public string? OrganizationId { get; set; }
        /// <summary>The partner organization's name.</summary>
        [JsonProperty("name")] public string? Name { get; set; }
        [JsonProperty("vendorId")] public string? VendorId { get; set; }
        [JsonProperty("vendorName")] public string? VendorName { get; set; }
        [JsonProperty("integrationId")] public string? IntegrationId { get; set; }
        /// <summary>The raw status as the service sent it (lower case on the wire).</summary>
        [JsonProperty("status")] public string? Status { get; set; }
        private DateTimeOffset? _lastSyncedAt;

        /// <summary>
        /// When usage was last synced; null if never. Gradient sends a 1900 date (and a default value
        /// would be 0001) for "never" (docs/gradient-api.md), so anything before 1901 reads as null.
        /// </summary>
        [JsonProperty("lastSyncedAt")]
        public DateTimeOffset? LastSyncedAt
        {
            get => _lastSyncedAt;
            set => _lastSyncedAt = value.HasValue && value.Value.UtcDateTime.Year <= NeverSyncedBeforeYear ? null : value;
        }

        /// <summary>Timestamps in this year or earlier are Gradient's never-synced placeholder.</summary>
        public const int NeverSyncedBeforeYear = 1900;
    }
}
