using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using GradientMsp.Emulator.Domain;

namespace GradientMsp.Emulator
{
    /// <summary>The Billing page and the whole-state snapshot the control API shows.</summary>
    internal sealed partial class EmulatorState
    {
        // ---------- billing ----------

        private object BillingView(PartnerRecord p)
        {
            var cards = BillingCalculator.Cards(p, AllServicesLocked(p)).Select(c => new
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

        public ApiResult GetBilling(string organizationId)
        {
            lock (_gate)
            {
                if (!TryPartner(organizationId, out var p, out var nf)) return nf;
                return new ApiResult(200, BillingView(p));
            }
        }

        /// <summary>What a later count without no_build would do: the Billing page catches up with all counts.</summary>
        public ApiResult RebuildBilling(string organizationId)
        {
            lock (_gate)
            {
                if (!TryPartner(organizationId, out var p, out var nf)) return nf;
                BillingCalculator.Rebuild(p, Now);
                Touch();
                return new ApiResult(200, BillingView(p));
            }
        }

        // ---------- snapshot ----------

        public ApiResult Snapshot(string? organizationId)
        {
            lock (_gate)
            {
                foreach (var p in _doc.Partners) ProcessAlertsLocked(p, force: false);
                IEnumerable<PartnerRecord> partners = _doc.Partners;
                if (organizationId != null)
                {
                    if (!_partners.ContainsKey(organizationId)) return ApiResult.NotFound($"No partner organization with id: {organizationId}");
                    partners = partners.Where(x => x.OrganizationId == organizationId);
                }
                VendorRecord v = _doc.Vendor;
                return new ApiResult(200, new
                {
                    version = Version,
                    vendor = new
                    {
                        id = v.Id,
                        name = v.Name,
                        description = v.Description,
                        integrationPortalUrl = v.IntegrationPortalUrl,
                        vendorSupportPageUrl = v.VendorSupportPageUrl,
                        skus = v.Skus.Select(s => new { id = s.Id, name = s.Name, description = s.Description, category = s.Category, subcategory = s.Subcategory }).ToList(),
                    },
                    defaultOrganizationId = _doc.DefaultOrganizationId,
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
                });
            }
        }
    }
}
