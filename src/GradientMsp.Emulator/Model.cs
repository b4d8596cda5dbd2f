using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace GradientMsp.Emulator
{
    // The emulator's state. These classes are also the --state-file format (camelCase JSON);
    // members marked [JsonIgnore] are indexes rebuilt after loading.

    public sealed class StateDocument
    {
        public int FormatVersion { get; set; } = 1;
        public VendorRecord Vendor { get; set; } = new VendorRecord();
        public List<PartnerRecord> Partners { get; set; } = new List<PartnerRecord>();
        public string DefaultOrganizationId { get; set; } = "";
        public long NextTicketNumber { get; set; } = 1000;
        /// <summary>The first journal generation this snapshot does not hold (StateJournal).</summary>
        public long JournalGeneration { get; set; }
    }

    public sealed class VendorRecord
    {
        public string Key { get; set; } = "";
        public string Id { get; set; } = "";
        public string Name { get; set; } = "";
        public string Description { get; set; } = "";
        public string IntegrationType { get; set; } = "custom";
        public string? ImageUri { get; set; }
        public bool IsDistributor { get; set; }
        public string? IntegrationPortalUrl { get; set; }
        public string? VendorSupportPageUrl { get; set; }
        public string ExternalIntegrationStatus { get; set; } = "notIntegrated";
        public string OrganizationId { get; set; } = "";
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }
        public List<SkuRecord> Skus { get; set; } = new List<SkuRecord>();
    }

    /// <summary>A vendor-level service (visible to every partner); the id is assigned by the emulator.</summary>
    public sealed class SkuRecord
    {
        public string Id { get; set; } = "";
        public string Name { get; set; } = "";
        public string Description { get; set; } = "";
        public string? Logo { get; set; }
        public string Category { get; set; } = "";
        public string Subcategory { get; set; } = "";
        public string? SupportArticle { get; set; }
        public string? SupportContact { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
    }

    public sealed class MappingRecord
    {
        /// <summary>PSA client id (accounts) or PSA service id (services).</summary>
        public string PsaId { get; set; } = "";
        public string MappingId { get; set; } = "";
        /// <summary>True when the emulator auto-mapped by exact name during the first setup.</summary>
        public bool Auto { get; set; }
    }

    /// <summary>What accounts and organization services share: both are mapping properties the vendor
    /// names and the partner maps.</summary>
    public abstract class MappingPropertyRecord
    {
        public string Id { get; set; } = "";
        public string Name { get; set; } = "";
        public string Description { get; set; } = "";
        public bool IsActive { get; set; } = true;
        public bool IsArrears { get; set; }
        public MappingRecord? Mapping { get; set; }
        /// <summary>The partner set the mapping by hand (incl. unmapping); auto-mapping leaves it alone.</summary>
        public bool ManuallyMapped { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
    }

    public sealed class AccountRecord : MappingPropertyRecord
    {
    }

    /// <summary>An organization-level service: one partner only, id chosen by the vendor.</summary>
    public sealed class OrgServiceRecord : MappingPropertyRecord
    {
    }

    public sealed class SkuMappingRecord
    {
        public string SkuId { get; set; } = "";
        public MappingRecord? Mapping { get; set; }
        public bool ManuallyMapped { get; set; }
    }

    public sealed class PsaClient
    {
        public string Id { get; set; } = "";
        public string Name { get; set; } = "";
    }

    public sealed class PsaService
    {
        public string Id { get; set; } = "";
        public string Name { get; set; } = "";
    }

    /// <summary>A contract line in the partner's PSA: one client × one PSA service with a quantity.</summary>
    public sealed class ContractLine
    {
        public string ClientId { get; set; } = "";
        public string ServiceId { get; set; } = "";
        public decimal Quantity { get; set; }
        public string ContractName { get; set; } = "";
    }

    public sealed class CountRecord
    {
        public string AccountId { get; set; } = "";
        public string ServiceId { get; set; } = "";
        /// <summary>"sku" (vendor-level) or "org" (organization service).</summary>
        public string ServiceKind { get; set; } = "sku";
        public decimal UnitCount { get; set; }
        /// <summary>The value the Billing page shows: the unit count as of the last billing rebuild.</summary>
        public decimal? BuiltUnitCount { get; set; }
        public bool LastNoBuild { get; set; }
        public int Pushes { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }
    }

    public sealed class AlertRecord
    {
        public string MessageId { get; set; } = "";
        public string AlertId { get; set; } = "";
        public string CorrelationId { get; set; } = "";
        public string AccountId { get; set; } = "";
        public string Title { get; set; } = "";
        public string Description { get; set; } = "";
        public int Priority { get; set; }
        public int Status { get; set; }
        public string? DueDateTime { get; set; }
        public string? ServiceId { get; set; }
        public DateTimeOffset QueuedAt { get; set; }
        /// <summary>pending, success or failed (the debug route's values).</summary>
        public string State { get; set; } = "pending";
        public string? TicketId { get; set; }
        public DateTimeOffset? ProcessedAt { get; set; }
        public int? StatusCode { get; set; }
        public List<string>? Errors { get; set; }
    }

    public sealed class TicketRecord
    {
        public string TicketId { get; set; } = "";
        public string MessageId { get; set; } = "";
        public string AlertId { get; set; } = "";
        public string AccountId { get; set; } = "";
        public string PsaClientId { get; set; } = "";
        public string PsaClientName { get; set; } = "";
        public string? ServiceId { get; set; }
        public string? PsaServiceId { get; set; }
        public string Title { get; set; } = "";
        public string Description { get; set; } = "";
        public string Priority { get; set; } = "";
        public int Status { get; set; }
        public string? DueDateTime { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
    }
}
