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
        [JsonProperty("lastSyncedAt")] public DateTimeOffset? LastSyncedAt { get; set; }
    }
}
