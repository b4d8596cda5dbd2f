using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using GradientMsp.Emulator.Domain;

namespace GradientMsp.Emulator
{
    /// <summary>The partner's side of Synthesize (what a person does in the web UI), for the control API.</summary>
    internal sealed partial class EmulatorState
    {
        // ---------- auto-mapping and alert processing ----------

        /// <summary>During the first setup (Connect → Finish), accounts and services whose name equals a
        /// PSA client/service name character for character are mapped automatically.</summary>
        private void AutoMapLocked(PartnerRecord p)
        {
            if (p.PartnerKey == null || p.SetupFinished) return;
            foreach (AccountRecord a in p.Accounts)
            {
                if (a.Mapping != null || a.ManuallyMapped) continue;
                PsaClient? c = p.PsaClients.FirstOrDefault(x => string.Equals(x.Name, a.Name, StringComparison.Ordinal));
                if (c != null) a.Mapping = new MappingRecord { PsaId = c.Id, MappingId = NewObjectId(), Auto = true };
            }
            foreach (OrgServiceRecord s in p.Services)
            {
                if (s.Mapping != null || s.ManuallyMapped) continue;
                PsaService? ps = FindPsaServiceByName(p, s.Name);
                if (ps != null) s.Mapping = new MappingRecord { PsaId = ps.Id, MappingId = NewObjectId(), Auto = true };
            }
            foreach (SkuRecord sku in _doc.Vendor.Skus)
            {
                SkuMappingRecord sm = p.SkuMapping(sku.Id);
                if (sm.Mapping != null || sm.ManuallyMapped) continue;
                PsaService? ps = FindPsaServiceByName(p, sku.Name);
                if (ps != null) sm.Mapping = new MappingRecord { PsaId = ps.Id, MappingId = NewObjectId(), Auto = true };
            }
        }

        private static PsaService? FindPsaServiceByName(PartnerRecord p, string name) =>
            p.PsaServices.FirstOrDefault(x => string.Equals(x.Name, name, StringComparison.Ordinal));

        // ---------- partners ----------

        private bool TryPartner(string organizationId, out PartnerRecord p, out ApiResult notFound)
        {
            notFound = default;
            if (_partners.TryGetValue(organizationId, out PartnerRecord? found))
            {
                p = found;
                return true;
            }
            p = null!;
            notFound = ApiResult.NotFound($"No partner organization with id: {organizationId}");
            return false;
        }

        private object PartnerSummary(PartnerRecord p) => new
        {
            organizationId = p.OrganizationId,
            name = p.Name,
            integrationId = p.IntegrationId,
            isDefault = p.OrganizationId == _doc.DefaultOrganizationId,
            connected = p.PartnerKey != null,
            partnerKey = p.PartnerKey,
            token = p.PartnerKey != null ? TokenFor(_doc.Vendor.Key, p.PartnerKey) : null,
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

        public ApiResult ListPartners()
        {
            lock (_gate) return new ApiResult(200, _doc.Partners.Select(PartnerSummary).ToList());
        }

        public ApiResult GetPartner(string organizationId)
        {
            lock (_gate)
            {
                if (!TryPartner(organizationId, out var p, out var nf)) return nf;
                return new ApiResult(200, PartnerSummary(p));
            }
        }

        /// <summary>Body: {name?, organizationId?, partnerKey?, connect? (default true), seedPsa? (default false), psa?}.</summary>
        public ApiResult CreatePartner(JsonNode? body)
        {
            JsonObject o = body as JsonObject ?? new JsonObject();
            var errors = new List<string>();
            Body.OptString(o, "name", errors, out string? name);
            Body.OptString(o, "organizationId", errors, out string? orgId);
            Body.OptString(o, "partnerKey", errors, out string? key);
            bool connect = !Body.OptBool(o, "connect", errors, out bool c) || c;
            Body.OptBool(o, "seedPsa", errors, out bool seedPsa);
            if (key != null && (key.Length == 0 || key.Contains(':'))) errors.Add("partnerKey must be non-empty and contain no ':'");
            if (errors.Count > 0) return ApiResult.BadRequest(string.Join("; ", errors));
            lock (_gate)
            {
                if (orgId != null && _partners.ContainsKey(orgId)) return ApiResult.Conflict($"Partner organization {orgId} already exists");
                if (key != null && _doc.Partners.Any(x => x.PartnerKey == key)) return ApiResult.Conflict("partnerKey is already in use");
                PartnerRecord p = NewPartner(name ?? $"Partner {_doc.Partners.Count + 1}", orgId, connect ? key ?? RandomHex(32) : null);
                if (seedPsa) SeedPsa(p);
                if (o["psa"] is JsonObject psa)
                {
                    ApiResult? err = ApplyPsaLocked(p, psa);
                    if (err.HasValue) return err.Value;
                }
                _doc.Partners.Add(p);
                _partners[p.OrganizationId] = p;
                RebuildTokensLocked();
                Touch();
                return new ApiResult(201, PartnerSummary(p));
            }
        }

        // ---------- PSA data ----------

        private object PsaView(PartnerRecord p) => new
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

        public ApiResult GetPsa(string organizationId)
        {
            lock (_gate)
            {
                if (!TryPartner(organizationId, out var p, out var nf)) return nf;
                return new ApiResult(200, PsaView(p));
            }
        }

        /// <summary>Merges PSA clients, services and contract lines: {clients:[{id?,name}], services:[{id?,name}],
        /// contracts:[{clientId|clientName, serviceId|serviceName, quantity|null, contractName?}]}; quantity null removes a line.</summary>
        public ApiResult UpdatePsa(string organizationId, JsonNode? body)
        {
            if (body is not JsonObject o) return ApiResult.BadRequest("body must be an object");
            lock (_gate)
            {
                if (!TryPartner(organizationId, out var p, out var nf)) return nf;
                ApiResult? err = ApplyPsaLocked(p, o);
                if (err.HasValue) return err.Value;
                AutoMapLocked(p);
                Touch();
                return new ApiResult(200, PsaView(p));
            }
        }

        private ApiResult? ApplyPsaLocked(PartnerRecord p, JsonObject o)
        {
            var errors = new List<string>();
            if (o["clients"] is JsonArray clients)
            {
                foreach (JsonNode? n in clients)
                {
                    if (n is not JsonObject co) { errors.Add("clients[] must be objects"); continue; }
                    string? name = Body.ReqString(co, "name", errors);
                    Body.OptString(co, "id", errors, out string? id);
                    if (name == null) continue;
                    id ??= $"psa-client-{p.PsaClients.Count + 1}";
                    PsaClient? existing = p.PsaClients.FirstOrDefault(c => c.Id == id);
                    if (existing != null) existing.Name = name;
                    else p.PsaClients.Add(new PsaClient { Id = id, Name = name });
                }
            }
            if (o["services"] is JsonArray services)
            {
                foreach (JsonNode? n in services)
                {
                    if (n is not JsonObject so) { errors.Add("services[] must be objects"); continue; }
                    string? name = Body.ReqString(so, "name", errors);
                    Body.OptString(so, "id", errors, out string? id);
                    if (name == null) continue;
                    id ??= $"psa-service-{p.PsaServices.Count + 1}";
                    PsaService? existing = p.PsaServices.FirstOrDefault(s => s.Id == id);
                    if (existing != null) existing.Name = name;
                    else p.PsaServices.Add(new PsaService { Id = id, Name = name });
                }
            }
            if (o["contracts"] is JsonArray contracts)
            {
                foreach (JsonNode? n in contracts)
                {
                    if (n is not JsonObject lo) { errors.Add("contracts[] must be objects"); continue; }
                    Body.OptString(lo, "clientId", errors, out string? clientId);
                    Body.OptString(lo, "clientName", errors, out string? clientName);
                    Body.OptString(lo, "serviceId", errors, out string? serviceId);
                    Body.OptString(lo, "serviceName", errors, out string? serviceName);
                    Body.OptString(lo, "contractName", errors, out string? contractName);
                    PsaClient? client = p.PsaClients.FirstOrDefault(c => c.Id == clientId || (clientId == null && c.Name == clientName));
                    PsaService? service = p.PsaServices.FirstOrDefault(s => s.Id == serviceId || (serviceId == null && s.Name == serviceName));
                    if (client == null) { errors.Add($"unknown PSA client '{clientId ?? clientName}'"); continue; }
                    if (service == null) { errors.Add($"unknown PSA service '{serviceId ?? serviceName}'"); continue; }
                    ContractLine? line = p.Contracts.FirstOrDefault(l => l.ClientId == client.Id && l.ServiceId == service.Id);
                    JsonNode? q = lo["quantity"];
                    if (q == null)
                    {
                        if (line != null) p.Contracts.Remove(line);
                        continue;
                    }
                    if (!Body.TryNumber(q, out decimal quantity) || quantity < 0) { errors.Add("quantity must be a non-negative number or null"); continue; }
                    if (line == null)
                    {
                        line = new ContractLine { ClientId = client.Id, ServiceId = service.Id };
                        p.Contracts.Add(line);
                    }
                    line.Quantity = quantity;
                    line.ContractName = contractName ?? (line.ContractName.Length > 0 ? line.ContractName : $"{client.Name} Managed Services");
                }
            }
            return errors.Count > 0 ? ApiResult.BadRequest(string.Join("; ", errors)) : (ApiResult?)null;
        }

        // ---------- connect / key / disconnect ----------

        /// <summary>"Connect" + "Generate API Token": a new partner key, status inactive, a new setup.</summary>
        public ApiResult Connect(string organizationId, string? partnerKey)
        {
            lock (_gate)
            {
                if (!TryPartner(organizationId, out var p, out var nf)) return nf;
                if (p.PartnerKey != null) return ApiResult.Conflict("The integration is already connected; disconnect it first or regenerate the key");
                if (partnerKey != null && _doc.Partners.Any(x => x.PartnerKey == partnerKey)) return ApiResult.Conflict("partnerKey is already in use");
                p.PartnerKey = partnerKey ?? RandomHex(32);
                p.Status = "inactive";
                p.SetupFinished = false;
                p.Connections++;
                RebuildTokensLocked();
                AutoMapLocked(p);
                Touch();
                return new ApiResult(200, PartnerSummary(p));
            }
        }

        /// <summary>"Generate a new Partner API Key" without disconnecting: old token → 401, accounts kept.</summary>
        public ApiResult RegenerateKey(string organizationId, string? partnerKey)
        {
            lock (_gate)
            {
                if (!TryPartner(organizationId, out var p, out var nf)) return nf;
                if (p.PartnerKey == null) return ApiResult.Conflict("The integration is not connected; connect it first");
                if (partnerKey != null && _doc.Partners.Any(x => x.PartnerKey == partnerKey)) return ApiResult.Conflict("partnerKey is already in use");
                p.PartnerKey = partnerKey ?? RandomHex(32);
                RebuildTokensLocked();
                Touch();
                return new ApiResult(200, PartnerSummary(p));
            }
        }

        /// <summary>Disconnect: every account the vendor created is deleted (with its counts and mappings),
        /// service mappings are cleared, the token stops working and the status becomes inactive.</summary>
        public ApiResult Disconnect(string organizationId)
        {
            lock (_gate)
            {
                if (!TryPartner(organizationId, out var p, out var nf)) return nf;
                bool was = p.Connected;
                int deleted = p.Accounts.Count;
                int counts = p.Counts.Count;
                p.Disconnect();
                RebuildTokensLocked();
                Touch();
                return new ApiResult(200, new { organizationId = p.OrganizationId, wasConnected = was, deletedAccounts = deleted, deletedCounts = counts, status = p.Status });
            }
        }

        // ---------- wizard ----------

        private object WizardView(PartnerRecord p)
        {
            var services = AllServicesLocked(p);
            return new
            {
                organizationId = p.OrganizationId,
                connected = p.PartnerKey != null,
                status = p.Status,
                nextEnabled = p.NextEnabled,
                setupFinished = p.SetupFinished,
                accountsReceived = p.Accounts.Count,
                servicesReceived = services.Count,
                vendorServicesReceived = _doc.Vendor.Skus.Count,
                organizationServicesReceived = p.Services.Count,
                mappedAccounts = p.Accounts.Count(a => a.Mapping != null),
                mappedServices = services.Count(s => s.Mapping != null),
                unmappedAccounts = p.Accounts.Where(a => a.Mapping == null).Select(a => a.Id).ToList(),
                unmappedServices = services.Where(s => s.Mapping == null).Select(s => s.Id).ToList(),
            };
        }

        private List<ServiceRef> AllServicesLocked(PartnerRecord p) => p.AllServices(_doc.Vendor.Skus);

        public ApiResult GetWizard(string organizationId)
        {
            lock (_gate)
            {
                if (!TryPartner(organizationId, out var p, out var nf)) return nf;
                return new ApiResult(200, WizardView(p));
            }
        }

        public ApiResult Finish(string organizationId)
        {
            lock (_gate)
            {
                if (!TryPartner(organizationId, out var p, out var nf)) return nf;
                if (!p.NextEnabled)
                    return ApiResult.Conflict($"Next is not enabled (connected: {p.PartnerKey != null}, status: {p.Status}); the vendor must set the status to pending");
                p.SetupFinished = true;
                Touch();
                return new ApiResult(200, WizardView(p));
            }
        }

        // ---------- mappings ----------

        private object MappingsView(PartnerRecord p) => new
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
            services = AllServicesLocked(p).Select(s => new
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

        public ApiResult GetMappings(string organizationId)
        {
            lock (_gate)
            {
                if (!TryPartner(organizationId, out var p, out var nf)) return nf;
                return new ApiResult(200, MappingsView(p));
            }
        }

        /// <summary>Body {psaClientId} or {psaClientName}; {psaClientId: null} unmaps.</summary>
        public ApiResult MapAccount(string organizationId, string accountId, JsonNode? body)
        {
            if (body is not JsonObject o) return ApiResult.BadRequest("body must be an object");
            var errors = new List<string>();
            Body.OptString(o, "psaClientId", errors, out string? clientId);
            Body.OptString(o, "psaClientName", errors, out string? clientName);
            if (errors.Count > 0) return ApiResult.BadRequest(string.Join("; ", errors));
            lock (_gate)
            {
                if (!TryPartner(organizationId, out var p, out var nf)) return nf;
                if (p.FindAccount(accountId) is not AccountRecord a) return ApiResult.NotFound($"No account found with id: {accountId}");
                if (clientId == null && clientName == null) a.Mapping = null;
                else
                {
                    PsaClient? c = p.PsaClients.FirstOrDefault(x => clientId != null ? x.Id == clientId : x.Name == clientName);
                    if (c == null) return ApiResult.BadRequest($"Unknown PSA client '{clientId ?? clientName}'");
                    a.Mapping = new MappingRecord { PsaId = c.Id, MappingId = a.Mapping?.MappingId ?? NewObjectId() };
                }
                a.ManuallyMapped = true;
                Touch();
                return new ApiResult(200, MappingsView(p));
            }
        }

        /// <summary>Body {psaServiceId} or {psaServiceName}; {psaServiceId: null} unmaps. The id may be a vendor sku id or an organization service id.</summary>
        public ApiResult MapService(string organizationId, string serviceId, JsonNode? body)
        {
            if (body is not JsonObject o) return ApiResult.BadRequest("body must be an object");
            var errors = new List<string>();
            Body.OptString(o, "psaServiceId", errors, out string? psaId);
            Body.OptString(o, "psaServiceName", errors, out string? psaName);
            if (errors.Count > 0) return ApiResult.BadRequest(string.Join("; ", errors));
            lock (_gate)
            {
                if (!TryPartner(organizationId, out var p, out var nf)) return nf;
                MappingRecord? mapping = null;
                if (psaId != null || psaName != null)
                {
                    PsaService? ps = p.PsaServices.FirstOrDefault(x => psaId != null ? x.Id == psaId : x.Name == psaName);
                    if (ps == null) return ApiResult.BadRequest($"Unknown PSA service '{psaId ?? psaName}'");
                    mapping = new MappingRecord { PsaId = ps.Id, MappingId = NewObjectId() };
                }
                if (_skuIndex.ContainsKey(serviceId))
                {
                    SkuMappingRecord sm = p.SkuMapping(serviceId);
                    if (mapping != null && sm.Mapping != null) mapping.MappingId = sm.Mapping.MappingId;
                    sm.Mapping = mapping;
                    sm.ManuallyMapped = true;
                }
                else if (p.FindService(serviceId) is OrgServiceRecord os)
                {
                    if (mapping != null && os.Mapping != null) mapping.MappingId = os.Mapping.MappingId;
                    os.Mapping = mapping;
                    os.ManuallyMapped = true;
                }
                else return ApiResult.NotFound($"No service found with id: {serviceId}");
                Touch();
                return new ApiResult(200, MappingsView(p));
            }
        }
    }
}
