using System.Collections.Generic;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace GradientMsp.Client.Emulator
{
    // Small POCOs for the emulator's control API (docs/emulator.md). Field names are the API's camelCase.

    public sealed class EmulatorInfo
    {
        [JsonProperty("baseUri")] public string BaseUri { get; set; } = "";
        [JsonProperty("apiBaseUri")] public string ApiBaseUri { get; set; } = "";
        [JsonProperty("controlBaseUri")] public string ControlBaseUri { get; set; } = "";
        [JsonProperty("vendorKey")] public string VendorKey { get; set; } = "";
        [JsonProperty("partnerKey")] public string? PartnerKey { get; set; }
        [JsonProperty("organizationId")] public string OrganizationId { get; set; } = "";
        [JsonProperty("token")] public string? Token { get; set; }
        [JsonProperty("rateLimit")] public int RateLimit { get; set; }
        [JsonProperty("alertDelayMs")] public int AlertDelayMs { get; set; }
        [JsonProperty("stateFile")] public string? StateFile { get; set; }
        [JsonProperty("requestLogCapacity")] public int RequestLogCapacity { get; set; }
        [JsonProperty("processId")] public int ProcessId { get; set; }
    }

    public sealed class EmulatorSettings
    {
        [JsonProperty("rateLimit")] public int RateLimit { get; set; }
        [JsonProperty("alertDelayMs")] public int AlertDelayMs { get; set; }
    }

    public sealed class EmulatorPartner
    {
        [JsonProperty("organizationId")] public string OrganizationId { get; set; } = "";
        [JsonProperty("name")] public string Name { get; set; } = "";
        [JsonProperty("integrationId")] public string IntegrationId { get; set; } = "";
        [JsonProperty("isDefault")] public bool IsDefault { get; set; }
        [JsonProperty("connected")] public bool Connected { get; set; }
        [JsonProperty("partnerKey")] public string? PartnerKey { get; set; }
        [JsonProperty("token")] public string? Token { get; set; }
        [JsonProperty("status")] public string Status { get; set; } = "";
        [JsonProperty("nextEnabled")] public bool NextEnabled { get; set; }
        [JsonProperty("setupFinished")] public bool SetupFinished { get; set; }
        [JsonProperty("lastSyncedAt")] public string? LastSyncedAt { get; set; }
        [JsonProperty("accounts")] public int Accounts { get; set; }
        [JsonProperty("organizationServices")] public int OrganizationServices { get; set; }
        [JsonProperty("psaClients")] public int PsaClients { get; set; }
        [JsonProperty("psaServices")] public int PsaServices { get; set; }
        [JsonProperty("contracts")] public int Contracts { get; set; }
        [JsonProperty("billingRebuilds")] public long BillingRebuilds { get; set; }
        [JsonProperty("countPushes")] public long CountPushes { get; set; }
    }

    /// <summary>Body of "create partner". Null fields are not sent.</summary>
    public sealed class EmulatorNewPartner
    {
        [JsonProperty("name", NullValueHandling = NullValueHandling.Ignore)] public string? Name { get; set; }
        [JsonProperty("organizationId", NullValueHandling = NullValueHandling.Ignore)] public string? OrganizationId { get; set; }
        [JsonProperty("partnerKey", NullValueHandling = NullValueHandling.Ignore)] public string? PartnerKey { get; set; }
        /// <summary>Connect and generate a key at once (default true).</summary>
        [JsonProperty("connect", NullValueHandling = NullValueHandling.Ignore)] public bool? Connect { get; set; }
        /// <summary>Give it the seeded PSA clients, services and contract lines.</summary>
        [JsonProperty("seedPsa", NullValueHandling = NullValueHandling.Ignore)] public bool? SeedPsa { get; set; }
        [JsonProperty("psa", NullValueHandling = NullValueHandling.Ignore)] public EmulatorPsaUpdate? Psa { get; set; }
    }

    public sealed class EmulatorPsaItem
    {
        [JsonProperty("id", NullValueHandling = NullValueHandling.Ignore)] public string? Id { get; set; }
        [JsonProperty("name")] public string Name { get; set; } = "";
    }

    public sealed class EmulatorContractLine
    {
        [JsonProperty("clientId", NullValueHandling = NullValueHandling.Ignore)] public string? ClientId { get; set; }
        [JsonProperty("clientName", NullValueHandling = NullValueHandling.Ignore)] public string? ClientName { get; set; }
        [JsonProperty("serviceId", NullValueHandling = NullValueHandling.Ignore)] public string? ServiceId { get; set; }
        [JsonProperty("serviceName", NullValueHandling = NullValueHandling.Ignore)] public string? ServiceName { get; set; }
        /// <summary>Null removes the line (when sent in an update).</summary>
        [JsonProperty("quantity")] public decimal? Quantity { get; set; }
        [JsonProperty("contractName", NullValueHandling = NullValueHandling.Ignore)] public string? ContractName { get; set; }
    }

    /// <summary>Merge into the partner's PSA: clients and services by id (new ones get ids), contract lines by client × service.</summary>
    public sealed class EmulatorPsaUpdate
    {
        [JsonProperty("clients", NullValueHandling = NullValueHandling.Ignore)] public List<EmulatorPsaItem>? Clients { get; set; }
        [JsonProperty("services", NullValueHandling = NullValueHandling.Ignore)] public List<EmulatorPsaItem>? Services { get; set; }
        [JsonProperty("contracts", NullValueHandling = NullValueHandling.Ignore)] public List<EmulatorContractLine>? Contracts { get; set; }
    }

    public sealed class EmulatorPsaData
    {
        [JsonProperty("clients")] public List<EmulatorPsaItem> Clients { get; set; } = new List<EmulatorPsaItem>();
        [JsonProperty("services")] public List<EmulatorPsaItem> Services { get; set; } = new List<EmulatorPsaItem>();
        [JsonProperty("contracts")] public List<EmulatorContractLine> Contracts { get; set; } = new List<EmulatorContractLine>();
    }

    public sealed class EmulatorDisconnectResult
    {
        [JsonProperty("organizationId")] public string OrganizationId { get; set; } = "";
        [JsonProperty("wasConnected")] public bool WasConnected { get; set; }
        [JsonProperty("deletedAccounts")] public int DeletedAccounts { get; set; }
        [JsonProperty("deletedCounts")] public int DeletedCounts { get; set; }
        [JsonProperty("status")] public string Status { get; set; } = "";
    }

    public sealed class EmulatorWizardState
    {
        [JsonProperty("organizationId")] public string OrganizationId { get; set; } = "";
        [JsonProperty("connected")] public bool Connected { get; set; }
        [JsonProperty("status")] public string Status { get; set; } = "";
        /// <summary>True only while the status is pending or active (QA step "Confirm Next lights up").</summary>
        [JsonProperty("nextEnabled")] public bool NextEnabled { get; set; }
        [JsonProperty("setupFinished")] public bool SetupFinished { get; set; }
        [JsonProperty("accountsReceived")] public int AccountsReceived { get; set; }
        [JsonProperty("servicesReceived")] public int ServicesReceived { get; set; }
        [JsonProperty("vendorServicesReceived")] public int VendorServicesReceived { get; set; }
        [JsonProperty("organizationServicesReceived")] public int OrganizationServicesReceived { get; set; }
        [JsonProperty("mappedAccounts")] public int MappedAccounts { get; set; }
        [JsonProperty("mappedServices")] public int MappedServices { get; set; }
        [JsonProperty("unmappedAccounts")] public List<string> UnmappedAccounts { get; set; } = new List<string>();
        [JsonProperty("unmappedServices")] public List<string> UnmappedServices { get; set; } = new List<string>();
    }

    public sealed class EmulatorAccountMapping
    {
        [JsonProperty("accountId")] public string AccountId { get; set; } = "";
        [JsonProperty("accountName")] public string AccountName { get; set; } = "";
        [JsonProperty("psaClientId")] public string? PsaClientId { get; set; }
        [JsonProperty("psaClientName")] public string? PsaClientName { get; set; }
        [JsonProperty("mappingId")] public string? MappingId { get; set; }
        [JsonProperty("autoMapped")] public bool AutoMapped { get; set; }
    }

    public sealed class EmulatorServiceMapping
    {
        [JsonProperty("serviceId")] public string ServiceId { get; set; } = "";
        /// <summary>"vendor" (a sku of POST /service) or "organization" (POST /organization/services).</summary>
        [JsonProperty("kind")] public string Kind { get; set; } = "";
        [JsonProperty("serviceName")] public string ServiceName { get; set; } = "";
        [JsonProperty("psaServiceId")] public string? PsaServiceId { get; set; }
        [JsonProperty("psaServiceName")] public string? PsaServiceName { get; set; }
        [JsonProperty("mappingId")] public string? MappingId { get; set; }
        [JsonProperty("autoMapped")] public bool AutoMapped { get; set; }
    }

    public sealed class EmulatorMappings
    {
        [JsonProperty("accounts")] public List<EmulatorAccountMapping> Accounts { get; set; } = new List<EmulatorAccountMapping>();
        [JsonProperty("services")] public List<EmulatorServiceMapping> Services { get; set; } = new List<EmulatorServiceMapping>();
    }

    public sealed class EmulatorBillingCard
    {
        [JsonProperty("accountId")] public string AccountId { get; set; } = "";
        [JsonProperty("accountName")] public string AccountName { get; set; } = "";
        [JsonProperty("psaClientId")] public string PsaClientId { get; set; } = "";
        [JsonProperty("psaClientName")] public string? PsaClientName { get; set; }
        [JsonProperty("serviceId")] public string ServiceId { get; set; } = "";
        [JsonProperty("serviceKind")] public string ServiceKind { get; set; } = "";
        [JsonProperty("serviceName")] public string ServiceName { get; set; } = "";
        [JsonProperty("psaServiceId")] public string PsaServiceId { get; set; } = "";
        [JsonProperty("psaServiceName")] public string? PsaServiceName { get; set; }
        [JsonProperty("contractName")] public string? ContractName { get; set; }
        [JsonProperty("psaQuantity")] public decimal? PsaQuantity { get; set; }
        [JsonProperty("importedQuantity")] public decimal? ImportedQuantity { get; set; }
        /// <summary>NewRevenueFound, Reconcile, NoChange, or "-" (PSA line, nothing imported).</summary>
        [JsonProperty("state")] public string State { get; set; } = "";
    }

    public sealed class EmulatorBillingPage
    {
        [JsonProperty("organizationId")] public string OrganizationId { get; set; } = "";
        [JsonProperty("billingRebuilds")] public long BillingRebuilds { get; set; }
        [JsonProperty("lastBuiltAt")] public string? LastBuiltAt { get; set; }
        /// <summary>Counts were pushed with no_build=true and the page has not been rebuilt since.</summary>
        [JsonProperty("pendingBuild")] public bool PendingBuild { get; set; }
        [JsonProperty("cards")] public List<EmulatorBillingCard> Cards { get; set; } = new List<EmulatorBillingCard>();
    }

    public sealed class EmulatorAlert
    {
        [JsonProperty("messageId")] public string MessageId { get; set; } = "";
        [JsonProperty("alertId")] public string AlertId { get; set; } = "";
        [JsonProperty("correlationId")] public string CorrelationId { get; set; } = "";
        [JsonProperty("accountId")] public string AccountId { get; set; } = "";
        [JsonProperty("serviceId")] public string? ServiceId { get; set; }
        [JsonProperty("title")] public string Title { get; set; } = "";
        [JsonProperty("description")] public string Description { get; set; } = "";
        [JsonProperty("priority")] public int Priority { get; set; }
        [JsonProperty("status")] public int Status { get; set; }
        [JsonProperty("dueDateTime")] public string? DueDateTime { get; set; }
        [JsonProperty("queuedAt")] public string QueuedAt { get; set; } = "";
        /// <summary>pending, success or failed.</summary>
        [JsonProperty("state")] public string State { get; set; } = "";
        [JsonProperty("ticketId")] public string? TicketId { get; set; }
        [JsonProperty("processedAt")] public string? ProcessedAt { get; set; }
        [JsonProperty("statusCode")] public int? StatusCode { get; set; }
        [JsonProperty("errors")] public List<string>? Errors { get; set; }
    }

    public sealed class EmulatorTicket
    {
        [JsonProperty("ticketId")] public string TicketId { get; set; } = "";
        [JsonProperty("messageId")] public string MessageId { get; set; } = "";
        [JsonProperty("alertId")] public string AlertId { get; set; } = "";
        [JsonProperty("accountId")] public string AccountId { get; set; } = "";
        [JsonProperty("psaClientId")] public string PsaClientId { get; set; } = "";
        [JsonProperty("psaClientName")] public string PsaClientName { get; set; } = "";
        [JsonProperty("serviceId")] public string? ServiceId { get; set; }
        [JsonProperty("psaServiceId")] public string? PsaServiceId { get; set; }
        [JsonProperty("title")] public string Title { get; set; } = "";
        [JsonProperty("description")] public string Description { get; set; } = "";
        [JsonProperty("priority")] public string Priority { get; set; } = "";
        [JsonProperty("status")] public int Status { get; set; }
        [JsonProperty("dueDateTime")] public string? DueDateTime { get; set; }
        [JsonProperty("createdAt")] public string CreatedAt { get; set; } = "";
    }

    public sealed class EmulatorRequestLogEntry
    {
        [JsonProperty("index")] public long Index { get; set; }
        [JsonProperty("time")] public string Time { get; set; } = "";
        [JsonProperty("method")] public string Method { get; set; } = "";
        [JsonProperty("path")] public string Path { get; set; } = "";
        [JsonProperty("query")] public string Query { get; set; } = "";
        /// <summary>HTTP status; 0 when a fault aborted the connection, 499 when the client went away.</summary>
        [JsonProperty("status")] public int Status { get; set; }
        [JsonProperty("elapsedMs")] public double ElapsedMs { get; set; }
        [JsonProperty("organizationId")] public string? OrganizationId { get; set; }
        [JsonProperty("partner")] public string? Partner { get; set; }
        [JsonProperty("fault")] public string? Fault { get; set; }
        [JsonProperty("note")] public string? Note { get; set; }
    }

    public sealed class EmulatorRequestLog
    {
        /// <summary>Pass this as "since" on the next call to get only newer entries.</summary>
        [JsonProperty("nextIndex")] public long NextIndex { get; set; }
        [JsonProperty("oldestIndex")] public long OldestIndex { get; set; }
        [JsonProperty("capacity")] public int Capacity { get; set; }
        [JsonProperty("entries")] public List<EmulatorRequestLogEntry> Entries { get; set; } = new List<EmulatorRequestLogEntry>();
    }

    /// <summary>A fault to inject. Kind "status" (StatusCode required), "latency" (LatencyMs), "abort" (no answer, nothing done) or "dropAnswer" (the request is handled, then the connection is dropped instead of the answer).</summary>
    public sealed class EmulatorFaultSpec
    {
        /// <summary>Glob ('*' = anything); "/api/..." = full path, otherwise relative to /api/vendor-api; null = all.</summary>
        [JsonProperty("path", NullValueHandling = NullValueHandling.Ignore)] public string? Path { get; set; }
        [JsonProperty("method", NullValueHandling = NullValueHandling.Ignore)] public string? Method { get; set; }
        [JsonProperty("kind")] public string Kind { get; set; } = "status";
        [JsonProperty("statusCode", NullValueHandling = NullValueHandling.Ignore)] public int? StatusCode { get; set; }
        [JsonProperty("retryAfterSeconds", NullValueHandling = NullValueHandling.Ignore)] public int? RetryAfterSeconds { get; set; }
        [JsonProperty("latencyMs", NullValueHandling = NullValueHandling.Ignore)] public int? LatencyMs { get; set; }
        /// <summary>Apply to the next N matching requests only (null = until cleared).</summary>
        [JsonProperty("count", NullValueHandling = NullValueHandling.Ignore)] public int? Count { get; set; }
        [JsonProperty("probability", NullValueHandling = NullValueHandling.Ignore)] public double? Probability { get; set; }
        [JsonProperty("message", NullValueHandling = NullValueHandling.Ignore)] public string? Message { get; set; }
    }

    public sealed class EmulatorFault
    {
        [JsonProperty("id")] public string Id { get; set; } = "";
        [JsonProperty("path")] public string? Path { get; set; }
        [JsonProperty("method")] public string? Method { get; set; }
        [JsonProperty("kind")] public string Kind { get; set; } = "";
        [JsonProperty("statusCode")] public int? StatusCode { get; set; }
        [JsonProperty("retryAfterSeconds")] public int? RetryAfterSeconds { get; set; }
        [JsonProperty("latencyMs")] public int LatencyMs { get; set; }
        [JsonProperty("remaining")] public int? Remaining { get; set; }
        [JsonProperty("probability")] public double Probability { get; set; }
        [JsonProperty("message")] public string? Message { get; set; }
        [JsonProperty("hits")] public long Hits { get; set; }
    }

    public sealed class EmulatorCount
    {
        [JsonProperty("accountId")] public string AccountId { get; set; } = "";
        [JsonProperty("serviceId")] public string ServiceId { get; set; } = "";
        [JsonProperty("serviceKind")] public string ServiceKind { get; set; } = "";
        [JsonProperty("unitCount")] public decimal UnitCount { get; set; }
        /// <summary>What the Billing page shows (value at the last rebuild); null if never built.</summary>
        [JsonProperty("builtUnitCount")] public decimal? BuiltUnitCount { get; set; }
        [JsonProperty("lastNoBuild")] public bool LastNoBuild { get; set; }
        [JsonProperty("pushes")] public int Pushes { get; set; }
        [JsonProperty("updatedAt")] public string UpdatedAt { get; set; } = "";
    }

    public sealed class EmulatorAccount
    {
        [JsonProperty("id")] public string Id { get; set; } = "";
        [JsonProperty("name")] public string Name { get; set; } = "";
        [JsonProperty("description")] public string Description { get; set; } = "";
        [JsonProperty("isActive")] public bool IsActive { get; set; }
        [JsonProperty("isArrears")] public bool IsArrears { get; set; }
        [JsonProperty("psaClientId")] public string? PsaClientId { get; set; }
        [JsonProperty("mappingId")] public string? MappingId { get; set; }
    }

    public sealed class EmulatorOrganizationService
    {
        [JsonProperty("id")] public string Id { get; set; } = "";
        [JsonProperty("name")] public string Name { get; set; } = "";
        [JsonProperty("description")] public string Description { get; set; } = "";
        [JsonProperty("isActive")] public bool IsActive { get; set; }
        [JsonProperty("isArrears")] public bool IsArrears { get; set; }
        [JsonProperty("psaServiceId")] public string? PsaServiceId { get; set; }
        [JsonProperty("mappingId")] public string? MappingId { get; set; }
    }

    public sealed class EmulatorSku
    {
        [JsonProperty("id")] public string Id { get; set; } = "";
        [JsonProperty("name")] public string Name { get; set; } = "";
        [JsonProperty("description")] public string Description { get; set; } = "";
        [JsonProperty("category")] public string Category { get; set; } = "";
        [JsonProperty("subcategory")] public string Subcategory { get; set; } = "";
    }

    public sealed class EmulatorVendorSnapshot
    {
        [JsonProperty("id")] public string Id { get; set; } = "";
        [JsonProperty("name")] public string Name { get; set; } = "";
        [JsonProperty("description")] public string Description { get; set; } = "";
        [JsonProperty("integrationPortalUrl")] public string? IntegrationPortalUrl { get; set; }
        [JsonProperty("vendorSupportPageUrl")] public string? VendorSupportPageUrl { get; set; }
        [JsonProperty("skus")] public List<EmulatorSku> Skus { get; set; } = new List<EmulatorSku>();
    }

    public sealed class EmulatorPartnerSnapshot
    {
        [JsonProperty("summary")] public EmulatorPartner Summary { get; set; } = new EmulatorPartner();
        [JsonProperty("accounts")] public List<EmulatorAccount> Accounts { get; set; } = new List<EmulatorAccount>();
        [JsonProperty("services")] public List<EmulatorOrganizationService> Services { get; set; } = new List<EmulatorOrganizationService>();
        [JsonProperty("counts")] public List<EmulatorCount> Counts { get; set; } = new List<EmulatorCount>();
        /// <summary>Count pushes without no_build=true (each rebuilds the Billing page), plus explicit rebuilds.</summary>
        [JsonProperty("billingRebuilds")] public long BillingRebuilds { get; set; }
        [JsonProperty("countPushes")] public long CountPushes { get; set; }
        [JsonProperty("mappings")] public EmulatorMappings Mappings { get; set; } = new EmulatorMappings();
        [JsonProperty("alerts")] public List<EmulatorAlert> Alerts { get; set; } = new List<EmulatorAlert>();
        [JsonProperty("tickets")] public List<EmulatorTicket> Tickets { get; set; } = new List<EmulatorTicket>();
    }

    public sealed class EmulatorSnapshot
    {
        [JsonProperty("version")] public long Version { get; set; }
        [JsonProperty("vendor")] public EmulatorVendorSnapshot Vendor { get; set; } = new EmulatorVendorSnapshot();
        [JsonProperty("defaultOrganizationId")] public string DefaultOrganizationId { get; set; } = "";
        [JsonProperty("partners")] public List<EmulatorPartnerSnapshot> Partners { get; set; } = new List<EmulatorPartnerSnapshot>();
        /// <summary>
        /// The raw JSON, for tests that check fields this POCO does not carry. Internal: a Newtonsoft
        /// type must not reach the cmdlets, which live outside the client's load context.
        /// </summary>
        [JsonIgnore] internal JObject? Raw { get; set; }
    }
}
