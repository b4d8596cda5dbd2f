using System.Collections.Generic;
using Newtonsoft.Json;

namespace GradientMsp.Client.Models
{
    /// <summary>The vendor (GET /vendor-api) with its vendor-level services ("skus").</summary>
    public sealed class GradientVendor
    {
        [JsonProperty("id")] public string? Id { get; set; }
        [JsonProperty("name")] public string? Name { get; set; }
        [JsonProperty("description")] public string? Description { get; set; }
        [JsonProperty("vendorSupportPageUrl")] public string? VendorSupportPageUrl { get; set; }
        /// <summary>What Synthesize's "Open Vendor Portal" opens.</summary>
        [JsonProperty("integrationPortalUrl")] public string? IntegrationPortalUrl { get; set; }
        [JsonProperty("externalIntegrationStatus")] public string? ExternalIntegrationStatus { get; set; }
        [JsonProperty("skus")] public List<GradientService> Services { get; set; } = new List<GradientService>();
    }

    /// <summary>Fields of PATCH /vendor-api; null fields are not sent.</summary>
    public sealed class VendorUpdate
    {
        [JsonProperty("name", NullValueHandling = NullValueHandling.Ignore)] public string? Name { get; set; }
        [JsonProperty("description", NullValueHandling = NullValueHandling.Ignore)] public string? Description { get; set; }
        [JsonProperty("vendorSupportPageUrl", NullValueHandling = NullValueHandling.Ignore)] public string? VendorSupportPageUrl { get; set; }
        [JsonProperty("integrationPortalUrl", NullValueHandling = NullValueHandling.Ignore)] public string? IntegrationPortalUrl { get; set; }
    }

    /// <summary>A vendor-level service (a "sku"): visible to every partner of the vendor.</summary>
    public sealed class GradientService
    {
        /// <summary>Gradient's id for the service; the serviceId of the count route.</summary>
        [JsonProperty("id")] public string? Id { get; set; }
        /// <summary>Deprecated duplicate of <see cref="Id"/> that older responses carry.</summary>
        [JsonProperty("_id")] public string? LegacyId { get; set; }
        [JsonProperty("name")] public string? Name { get; set; }
        [JsonProperty("description")] public string? Description { get; set; }
        [JsonProperty("logo")] public string? Logo { get; set; }
        [JsonProperty("category")] public string? Category { get; set; }
        [JsonProperty("subcategory")] public string? Subcategory { get; set; }
        [JsonProperty("supportArticle")] public string? SupportArticle { get; set; }
        [JsonProperty("supportContact")] public string? SupportContact { get; set; }
    }

    /// <summary>Body of POST /vendor-api/service.</summary>
    public sealed class NewService
    {
        [JsonProperty("name")] public string Name { get; set; } = "";
        [JsonProperty("description")] public string Description { get; set; } = "";
        /// <summary>One of <see cref="ServiceCategories.Categories"/>, exactly.</summary>
        [JsonProperty("category")] public string Category { get; set; } = "";
        /// <summary>One of <see cref="ServiceCategories.Subcategories"/>, exactly.</summary>
        [JsonProperty("subcategory")] public string Subcategory { get; set; } = "";
        [JsonProperty("supportArticle", NullValueHandling = NullValueHandling.Ignore)] public string? SupportArticle { get; set; }
        [JsonProperty("supportContact", NullValueHandling = NullValueHandling.Ignore)] public string? SupportContact { get; set; }
    }

    /// <summary>Fields for PATCH /vendor-api/service/{id}; null fields are not sent.</summary>
    public sealed class ServiceUpdate
    {
        [JsonProperty("name", NullValueHandling = NullValueHandling.Ignore)] public string? Name { get; set; }
        [JsonProperty("description", NullValueHandling = NullValueHandling.Ignore)] public string? Description { get; set; }
        [JsonProperty("category", NullValueHandling = NullValueHandling.Ignore)] public string? Category { get; set; }
        [JsonProperty("subcategory", NullValueHandling = NullValueHandling.Ignore)] public string? Subcategory { get; set; }
        [JsonProperty("supportArticle", NullValueHandling = NullValueHandling.Ignore)] public string? SupportArticle { get; set; }
        [JsonProperty("supportContact", NullValueHandling = NullValueHandling.Ignore)] public string? SupportContact { get; set; }
    }
}
