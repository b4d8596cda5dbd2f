using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace GradientMsp.Emulator
{
    // Vendor API response shapes, field names exactly as in docs/gradient-api.md §2.3.

    internal sealed class Envelope
    {
        public Envelope(int status, object data, string message)
        {
            Status = status;
            Data = data;
            Message = message;
        }

        [JsonPropertyName("status")] public int Status { get; }
        [JsonPropertyName("data")] public object Data { get; }
        [JsonPropertyName("message")] public string Message { get; }
    }

    internal sealed class ResponseDto
    {
        public ResponseDto(int status, string message)
        {
            Status = status;
            Message = message;
        }

        [JsonPropertyName("status")] public int Status { get; }
        [JsonPropertyName("message")] public string Message { get; }
    }

    internal sealed class VendorDataDto
    {
        [JsonPropertyName("_id")] public string UnderscoreId { get; set; } = "";
        [JsonPropertyName("id")] public string Id { get; set; } = "";
        [JsonPropertyName("name")] public string Name { get; set; } = "";
        [JsonPropertyName("description")] public string Description { get; set; } = "";
        [JsonPropertyName("integrationType")] public string IntegrationType { get; set; } = "";
        [JsonPropertyName("imageUri")] public string? ImageUri { get; set; }
        [JsonPropertyName("isDistributor")] public bool IsDistributor { get; set; }
        [JsonPropertyName("integrationPortalUrl")] public string? IntegrationPortalUrl { get; set; }
        [JsonPropertyName("vendorSupportPageUrl")] public string? VendorSupportPageUrl { get; set; }
        [JsonPropertyName("externalIntegrationStatus")] public string ExternalIntegrationStatus { get; set; } = "";
        [JsonPropertyName("mappingResponsibilities")] public string[] MappingResponsibilities { get; set; } = { "accounts", "services" };
        [JsonPropertyName("modules")] public VariationDto[] Modules { get; set; } = { new VariationDto("alerts"), new VariationDto("billing") };
        [JsonPropertyName("organizationId")] public string OrganizationId { get; set; } = "";
        [JsonPropertyName("attributes")] public object[] Attributes { get; set; } = System.Array.Empty<object>();
        [JsonPropertyName("skus")] public List<SkuDto> Skus { get; set; } = new List<SkuDto>();
        [JsonPropertyName("createdAt")] public string CreatedAt { get; set; } = "";
        [JsonPropertyName("updatedAt")] public string UpdatedAt { get; set; } = "";
        [JsonPropertyName("__v")] public int V { get; set; }
    }

    internal sealed class VariationDto
    {
        public VariationDto(string variation) => Variation = variation;
        [JsonPropertyName("variation")] public string Variation { get; }
    }

    internal sealed class SkuDto
    {
        [JsonPropertyName("_id")] public string UnderscoreId { get; set; } = "";
        [JsonPropertyName("id")] public string Id { get; set; } = "";
        [JsonPropertyName("name")] public string Name { get; set; } = "";
        [JsonPropertyName("description")] public string Description { get; set; } = "";
        [JsonPropertyName("logo")] public string? Logo { get; set; }
        [JsonPropertyName("category")] public string Category { get; set; } = "";
        [JsonPropertyName("subcategory")] public string Subcategory { get; set; } = "";
        [JsonPropertyName("supportArticle")] public string? SupportArticle { get; set; }
        [JsonPropertyName("supportContact")] public string? SupportContact { get; set; }
    }

    internal sealed class IntegrationDataDto
    {
        [JsonPropertyName("organizationId")] public string OrganizationId { get; set; } = "";
        [JsonPropertyName("name")] public string Name { get; set; } = "";
        [JsonPropertyName("vendorId")] public string VendorId { get; set; } = "";
        [JsonPropertyName("vendorName")] public string VendorName { get; set; } = "";
        [JsonPropertyName("integrationId")] public string IntegrationId { get; set; } = "";
        [JsonPropertyName("status")] public string Status { get; set; } = "";
        [JsonPropertyName("lastSyncedAt")] public string LastSyncedAt { get; set; } = "";
    }

    /// <summary>Account / organization service as read back (newest spec: with isMapped and mappingId).</summary>
    internal sealed class MappingPropertyDto
    {
        [JsonPropertyName("id")] public string Id { get; set; } = "";
        [JsonPropertyName("name")] public string Name { get; set; } = "";
        [JsonPropertyName("description")] public string Description { get; set; } = "";
        [JsonPropertyName("isMapped")] public bool IsMapped { get; set; }
        [JsonPropertyName("mappingId")] public string? MappingId { get; set; }
    }

    internal sealed class AlertCreatedDto
    {
        [JsonPropertyName("messageId")] public string MessageId { get; set; } = "";
        [JsonPropertyName("alertId")] public string AlertId { get; set; } = "";
        [JsonPropertyName("correlationID")] public string CorrelationId { get; set; } = "";
    }

    internal sealed class RetrieveAlertResponseDto
    {
        [JsonPropertyName("ticketId")] public string? TicketId { get; set; }
        [JsonPropertyName("createdAt")] public string? CreatedAt { get; set; }
        [JsonPropertyName("message")] public string? Message { get; set; }
        [JsonPropertyName("messageId")] public string? MessageId { get; set; }
        [JsonPropertyName("status")] public string? Status { get; set; }
        [JsonPropertyName("statusCode")] public int? StatusCode { get; set; }
        [JsonPropertyName("errors")] public List<string>? Errors { get; set; }
    }

    internal sealed class ClientsResponseDto
    {
        [JsonPropertyName("meta")] public ClientsMetaDto Meta { get; set; } = new ClientsMetaDto();
        [JsonPropertyName("clients")] public List<ClientDto> Clients { get; set; } = new List<ClientDto>();
    }

    internal sealed class ClientsMetaDto
    {
        [JsonPropertyName("total")] public int Total { get; set; }
        [JsonPropertyName("count")] public int Count { get; set; }
        [JsonPropertyName("pageSize")] public int PageSize { get; set; }
        [JsonPropertyName("hasMore")] public bool HasMore { get; set; }
        [JsonPropertyName("lastId")] public string? LastId { get; set; }
    }

    internal sealed class ClientDto
    {
        [JsonPropertyName("_id")] public string UnderscoreId { get; set; } = "";
        [JsonPropertyName("id")] public string Id { get; set; } = "";
        [JsonPropertyName("name")] public string Name { get; set; } = "";
    }
}
