using System.Collections.Generic;
using System.Linq;
using GradientMsp.Emulator.Domain;

namespace GradientMsp.Emulator
{
    /// <summary>The control API's JSON views of the domain (docs/emulator.md). Called under the state lock
    /// (EmulatorState.Locked), so a view never sees a half-done change. A web page would read the same.</summary>
    internal sealed class ControlViews
    {
        private readonly EmulatorState _s;

        public ControlViews(EmulatorState s) => _s = s;

        public object PartnerSummary(PartnerRecord p) => new
        {
            organizationId = p.OrganizationId,
            name = p.Name,
            integrationId = p.IntegrationId,
            isDefault = p.OrganizationId == _s.DefaultOrganizationId,
            connected = p.PartnerKey != null,
            partnerKey = p.PartnerKey,
            token = p.PartnerKey != null ? EmulatorState.TokenFor(_s.VendorKey, p.PartnerKey) : null,
            status = p.Status,
            nextEnabled = p.NextEnabled,
            setupFinished = p.SetupFinished,
            lastSyncedAt = JsonSetup.Iso(p.LastSyncedAt),
            accounts = p.Accounts.Count,
            organizationServices = p.Services.Count,
            psaClients = p.PsaClients.Count,
            psaServices = p.PsaServices.Count,
            contracts = p.Contracts.Count,
            billingRebuilds = p.BillingRebuilds,
            countPushes = p.CountPushes,
        };

        public object PsaView(PartnerRecord p) => new
        {
            clients = p.PsaClients.Select(c => new { id = c.Id, name = c.Name }).ToList(),
            services = p.PsaServices.Select(s => new { id = s.Id, name = s.Name }).ToList(),
            contracts = p.Contracts.Select(l => new
            {
                clientId = l.ClientId,
                clientName = p.PsaClients.FirstOrDefault(c => c.Id == l.ClientId)?.Name,
                serviceId = l.ServiceId,
                serviceName = p.PsaServices.FirstOrDefault(s => s.Id == l.ServiceId)?.Name,
                quantity = l.Quantity,
                contractName = l.ContractName,
            }).ToList(),
        };

        public object WizardView(PartnerRecord p)
        {
            var services = _s.AllServices(p);
            return new
            {
                organizationId = p.OrganizationId,
                connected = p.PartnerKey != null,
                status = p.Status,
                nextEnabled = p.NextEnabled,
                setupFinished = p.SetupFinished,
                accountsReceived = p.Accounts.Count,
                servicesReceived = services.Count,
                vendorServicesReceived = _s.Vendor.Skus.Count,
                organizationServicesReceived = p.Services.Count,
                mappedAccounts = p.Accounts.Count(a => a.Mapping != null),
                mappedServices = services.Count(s => s.Mapping != null),
                unmappedAccounts = p.Accounts.Where(a => a.Mapping == null).Select(a => a.Id).ToList(),
                unmappedServices = services.Where(s => s.Mapping == null).Select(s => s.Id).ToList(),
            };
        }

        public object MappingsView(PartnerRecord p) => new
        {
            accounts = p.Accounts.Select(a => new
            {
                accountId = a.Id,
                accountName = a.Name,
                psaClientId = a.Mapping?.PsaId,
                psaClientName = a.Mapping == null ? null : p.PsaClients.FirstOrDefault(c => c.Id == a.Mapping.PsaId)?.Name,
                mappingId = a.Mapping?.MappingId,
                autoMapped = a.Mapping?.Auto ?? false,
            }).ToList(),
            services = _s.AllServices(p).Select(s => new
            {
                serviceId = s.Id,
                kind = s.Kind,
                serviceName = s.Name,
                psaServiceId = s.Mapping?.PsaId,
                psaServiceName = s.Mapping == null ? null : p.PsaServices.FirstOrDefault(x => x.Id == s.Mapping.PsaId)?.Name,
                mappingId = s.Mapping?.MappingId,
                autoMapped = s.Mapping?.Auto ?? false,
            }).ToList(),
        };

        public object BillingView(PartnerRecord p)
        {
            var cards = BillingCalculator.Cards(p, _s.AllServices(p)).Select(c => new
            {
                accountId = c.Account.Id,
                accountName = c.Account.Name,
                psaClientId = c.Account.Mapping!.PsaId,
                psaClientName = c.Client?.Name,
                serviceId = c.Service.Id,
                serviceKind = c.Service.Kind,
                serviceName = c.Service.Name,
                psaServiceId = c.Service.Mapping!.PsaId,
                psaServiceName = c.PsaService?.Name,
                contractName = c.Line?.ContractName,
                psaQuantity = c.Line?.Quantity,
                importedQuantity = c.ImportedQuantity,
                state = c.WireState,
            }).ToList();
            return new
            {
                organizationId = p.OrganizationId,
                billingRebuilds = p.BillingRebuilds,
                lastBuiltAt = JsonSetup.Iso(p.LastBuiltAt),
                pendingBuild = BillingCalculator.PendingBuild(p),
                cards,
            };
        }

        public static object AlertView(AlertRecord a) => new
        {
            messageId = a.MessageId,
            alertId = a.AlertId,
            correlationId = a.CorrelationId,
            accountId = a.AccountId,
            serviceId = a.ServiceId,
            title = a.Title,
            description = a.Description,
            priority = a.Priority,
            status = a.Status,
            dueDateTime = a.DueDateTime,
            queuedAt = JsonSetup.Iso(a.QueuedAt),
            state = a.State,
            ticketId = a.TicketId,
            processedAt = JsonSetup.Iso(a.ProcessedAt),
            statusCode = a.StatusCode,
            errors = a.Errors,
        };

        public static object TicketView(TicketRecord t) => new
        {
            ticketId = t.TicketId,
            messageId = t.MessageId,
            alertId = t.AlertId,
            accountId = t.AccountId,
            psaClientId = t.PsaClientId,
            psaClientName = t.PsaClientName,
            serviceId = t.ServiceId,
            psaServiceId = t.PsaServiceId,
            title = t.Title,
            description = t.Description,
            priority = t.Priority,
            status = t.Status,
            dueDateTime = t.DueDateTime,
            createdAt = JsonSetup.Iso(t.CreatedAt),
        };

        public object Disconnected(DisconnectOutcome d) => new
        {
            organizationId = d.Partner.OrganizationId,
            wasConnected = d.WasConnected,
            deletedAccounts = d.DeletedAccounts,
            deletedCounts = d.DeletedCounts,
            status = d.Partner.Status,
        };

        public object Snapshot(IEnumerable<PartnerRecord> partners)
        {
            VendorRecord v = _s.Vendor;
            return new
            {
                version = _s.Version,
                vendor = new
                {
                    id = v.Id,
                    name = v.Name,
                    description = v.Description,
                    integrationPortalUrl = v.IntegrationPortalUrl,
                    vendorSupportPageUrl = v.VendorSupportPageUrl,
                    skus = v.Skus.Select(s => new { id = s.Id, name = s.Name, description = s.Description, category = s.Category, subcategory = s.Subcategory }).ToList(),
                },
                defaultOrganizationId = _s.DefaultOrganizationId,
                partners = partners.Select(p => new
                {
                    summary = PartnerSummary(p),
                    accounts = p.Accounts.Select(a => new
                    {
                        id = a.Id,
                        name = a.Name,
                        description = a.Description,
                        isActive = a.IsActive,
                        isArrears = a.IsArrears,
                        psaClientId = a.Mapping?.PsaId,
                        mappingId = a.Mapping?.MappingId,
                    }).ToList(),
                    services = p.Services.Select(s => new
                    {
                        id = s.Id,
                        name = s.Name,
                        description = s.Description,
                        isActive = s.IsActive,
                        isArrears = s.IsArrears,
                        psaServiceId = s.Mapping?.PsaId,
                        mappingId = s.Mapping?.MappingId,
                    }).ToList(),
                    counts = p.Counts.Select(c => new
                    {
                        accountId = c.AccountId,
                        serviceId = c.ServiceId,
                        serviceKind = c.ServiceKind == "sku" ? "vendor" : "organization",
                        unitCount = c.UnitCount,
                        builtUnitCount = c.BuiltUnitCount,
                        lastNoBuild = c.LastNoBuild,
                        pushes = c.Pushes,
                        updatedAt = JsonSetup.Iso(c.UpdatedAt),
                    }).ToList(),
                    billingRebuilds = p.BillingRebuilds,
                    countPushes = p.CountPushes,
                    mappings = MappingsView(p),
                    alerts = p.Alerts.Select(AlertView).ToList(),
                    tickets = p.Tickets.Select(TicketView).ToList(),
                }).ToList(),
            };
        }
    }
}
