using Newtonsoft.Json;

namespace GradientMsp.Client.Models
{
    /// <summary>An account (one of the MSP's customers) as the vendor created it for this partner.</summary>
    public sealed class GradientAccount
    {
        /// <summary>The vendor's own id for the account; the accountId of the count and alert routes.</summary>
        [JsonProperty("id")] public string? Id { get; set; }
        [JsonProperty("name")] public string? Name { get; set; }
        [JsonProperty("description")] public string? Description { get; set; }
        /// <summary>Newer spec only: whether the partner has mapped the account. Null when not reported.</summary>
        [JsonProperty("isMapped")] public bool? IsMapped { get; set; }
        [JsonProperty("mappingId")] public string? MappingId { get; set; }
    }

    /// <summary>One element of the POST /organization/accounts body.</summary>
    public sealed class NewAccount
    {
        [JsonProperty("id")] public string Id { get; set; } = "";
        [JsonProperty("name")] public string Name { get; set; } = "";
        [JsonProperty("description")] public string Description { get; set; } = "";
        [JsonProperty("isArrears", NullValueHandling = NullValueHandling.Ignore)] public bool? IsArrears { get; set; }
    }

    /// <summary>Fields for PATCH /organization/accounts/{id} and /organization/services/{id}; null fields are not sent.</summary>
    public sealed class MappingPropertyUpdate
    {
        [JsonProperty("id", NullValueHandling = NullValueHandling.Ignore)] public string? Id { get; set; }
        [JsonProperty("name", NullValueHandling = NullValueHandling.Ignore)] public string? Name { get; set; }
        [JsonProperty("description", NullValueHandling = NullValueHandling.Ignore)] public string? Description { get; set; }
        [JsonProperty("isActive", NullValueHandling = NullValueHandling.Ignore)] public bool? IsActive { get; set; }
        [JsonProperty("isArrears", NullValueHandling = NullValueHandling.Ignore)] public bool? IsArrears { get; set; }
    }

    /// <summary>A partner-specific ("organization") service; the vendor chooses its id.</summary>
    public sealed class GradientOrganizationService
    {
        [JsonProperty("id")] public string? Id { get; set; }
        [JsonProperty("name")] public string? Name { get; set; }
        [JsonProperty("description")] public string? Description { get; set; }
        [JsonProperty("isMapped")] public bool? IsMapped { get; set; }
        [JsonProperty("mappingId")] public string? MappingId { get; set; }
    }

    /// <summary>One element of the POST /organization/services body.</summary>
    public sealed class NewOrganizationService
    {
        [JsonProperty("id")] public string Id { get; set; } = "";
        [JsonProperty("name")] public string Name { get; set; } = "";
        [JsonProperty("description")] public string Description { get; set; } = "";
        [JsonProperty("isArrears", NullValueHandling = NullValueHandling.Ignore)] public bool? IsArrears { get; set; }
    }
}
