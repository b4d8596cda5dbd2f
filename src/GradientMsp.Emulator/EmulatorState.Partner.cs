using System;
using System.Collections.Generic;
using System.Linq;
using GradientMsp.Emulator.Domain;

namespace GradientMsp.Emulator
{
    /// <summary>What the partner creating a partner organization asks for (the control API's POST /partners).</summary>
    internal sealed class NewPartnerInput
    {
        public string? Name;
        public string? OrganizationId;
        public string? PartnerKey;
        public bool Connect = true;
        public bool SeedPsa;
        public PsaUpdate? Psa;
    }

    /// <summary>What a disconnect removed.</summary>
    internal sealed record DisconnectOutcome(PartnerRecord Partner, bool WasConnected, int DeletedAccounts, int DeletedCounts);

    /// <summary>The partner's side of Synthesize (what a person does in the web UI). Typed inputs, typed
    /// results; the control API turns them into JSON and statuses.</summary>
    internal sealed partial class EmulatorState
    {
        /// <summary>Runs <paramref name="f"/> under the state lock, so an endpoint can read a view of what a domain
        /// call just changed without another request slipping in between (the lock is re-entrant).</summary>
        internal T Locked<T>(Func<T> f)
        {
            lock (_gate) return f();
        }

        internal VendorRecord Vendor { get { lock (_gate) return _doc.Vendor; } }

        internal IReadOnlyList<PartnerRecord> Partners { get { lock (_gate) return _doc.Partners; } }

        /// <summary>Every service the partner sees: vendor skus, then organization services.</summary>
        internal List<ServiceRef> AllServices(PartnerRecord p)
        {
            lock (_gate) return p.AllServices(_doc.Vendor.Skus);
        }

        internal static DomainError NoPartner(string organizationId) => DomainError.NotFound($"No partner organization with id: {organizationId}");

        public Result<PartnerRecord> FindPartner(string organizationId)
        {
            lock (_gate) return _partners.TryGetValue(organizationId, out PartnerRecord? p) ? p : NoPartner(organizationId);
        }

        public Result<PartnerRecord> CreatePartner(NewPartnerInput input)
        {
            lock (_gate)
            {
                if (input.OrganizationId != null && _partners.ContainsKey(input.OrganizationId))
                    return DomainError.Conflict($"Partner organization {input.OrganizationId} already exists");
                if (input.PartnerKey != null && KeyInUse(input.PartnerKey)) return KeyTaken;
                PartnerRecord p = NewPartner(input.Name ?? $"Partner {_doc.Partners.Count + 1}", input.OrganizationId,
                    input.Connect ? input.PartnerKey ?? RandomHex(32) : null);
                if (input.SeedPsa) SeedPsa(p);
                if (input.Psa?.ApplyTo(p) is DomainError err) return err;
                _doc.Partners.Add(p);
                _partners[p.OrganizationId] = p;
                RebuildTokensLocked();
                Touch();
                return p;
            }
        }

        private static readonly DomainError KeyTaken = DomainError.Conflict("partnerKey is already in use");

        private bool KeyInUse(string key) => _doc.Partners.Any(x => x.PartnerKey == key);

        /// <summary>Merges PSA data; valid entries stay applied even when the result is an error.</summary>
        public Result<PartnerRecord> UpdatePsa(string organizationId, PsaUpdate update)
        {
            lock (_gate)
            {
                if (!_partners.TryGetValue(organizationId, out PartnerRecord? p)) return NoPartner(organizationId);
                if (update.ApplyTo(p) is DomainError err) return err;
                AutoMapLocked(p);
                Touch();
                return p;
            }
        }

        /// <summary>"Connect" + "Generate API Token": a new partner key, status inactive, a new setup.</summary>
        public Result<PartnerRecord> Connect(string organizationId, string? partnerKey)
        {
            lock (_gate)
            {
                if (!_partners.TryGetValue(organizationId, out PartnerRecord? p)) return NoPartner(organizationId);
                if (p.Connected) return DomainError.Conflict("The integration is already connected; disconnect it first or regenerate the key");
                if (partnerKey != null && KeyInUse(partnerKey)) return KeyTaken;
                p.PartnerKey = partnerKey ?? RandomHex(32);
                p.Status = "inactive";
                p.SetupFinished = false;
                p.Connections++;
                RebuildTokensLocked();
                AutoMapLocked(p);
                Touch();
                return p;
            }
        }

        /// <summary>"Generate a new Partner API Key" without disconnecting: old token → 401, accounts kept.</summary>
        public Result<PartnerRecord> RegenerateKey(string organizationId, string? partnerKey)
        {
            lock (_gate)
            {
                if (!_partners.TryGetValue(organizationId, out PartnerRecord? p)) return NoPartner(organizationId);
                if (!p.Connected) return DomainError.Conflict("The integration is not connected; connect it first");
                if (partnerKey != null && KeyInUse(partnerKey)) return KeyTaken;
                p.PartnerKey = partnerKey ?? RandomHex(32);
                RebuildTokensLocked();
                Touch();
                return p;
            }
        }

        /// <summary>Disconnect: the vendor's accounts, counts and mappings go and the token stops working.</summary>
        public Result<DisconnectOutcome> Disconnect(string organizationId)
        {
            lock (_gate)
            {
                if (!_partners.TryGetValue(organizationId, out PartnerRecord? p)) return NoPartner(organizationId);
                var outcome = new DisconnectOutcome(p, p.Connected, p.Accounts.Count, p.Counts.Count);
                p.Disconnect();
                RebuildTokensLocked();
                Touch();
                return outcome;
            }
        }

        /// <summary>The wizard's Finish: auto-mapping stops. Only once Next is enabled.</summary>
        public Result<PartnerRecord> Finish(string organizationId)
        {
            lock (_gate)
            {
                if (!_partners.TryGetValue(organizationId, out PartnerRecord? p)) return NoPartner(organizationId);
                if (!p.NextEnabled)
                    return DomainError.Conflict($"Next is not enabled (connected: {p.Connected}, status: {p.Status}); the vendor must set the status to pending");
                p.SetupFinished = true;
                Touch();
                return p;
            }
        }

        /// <summary>Maps an account to a PSA client by id (or else by name); neither given unmaps.</summary>
        public Result<PartnerRecord> MapAccount(string organizationId, string accountId, string? psaClientId, string? psaClientName)
        {
            lock (_gate)
            {
                if (!_partners.TryGetValue(organizationId, out PartnerRecord? p)) return NoPartner(organizationId);
                if (p.FindAccount(accountId) is not AccountRecord a) return DomainError.NotFound($"No account found with id: {accountId}");
                if (psaClientId == null && psaClientName == null) a.Mapping = null;
                else
                {
                    PsaClient? c = p.PsaClients.FirstOrDefault(x => psaClientId != null ? x.Id == psaClientId : x.Name == psaClientName);
                    if (c == null) return DomainError.Invalid($"Unknown PSA client '{psaClientId ?? psaClientName}'");
                    a.Mapping = new MappingRecord { PsaId = c.Id, MappingId = a.Mapping?.MappingId ?? NewObjectId() };
                }
                a.ManuallyMapped = true;
                Touch();
                return p;
            }
        }

        /// <summary>Maps a vendor sku or an organization service to a PSA service; neither given unmaps.</summary>
        public Result<PartnerRecord> MapService(string organizationId, string serviceId, string? psaServiceId, string? psaServiceName)
        {
            lock (_gate)
            {
                if (!_partners.TryGetValue(organizationId, out PartnerRecord? p)) return NoPartner(organizationId);
                MappingRecord? mapping = null;
                if (psaServiceId != null || psaServiceName != null)
                {
                    PsaService? ps = p.PsaServices.FirstOrDefault(x => psaServiceId != null ? x.Id == psaServiceId : x.Name == psaServiceName);
                    if (ps == null) return DomainError.Invalid($"Unknown PSA service '{psaServiceId ?? psaServiceName}'");
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
                else return DomainError.NotFound($"No service found with id: {serviceId}");
                Touch();
                return p;
            }
        }

        /// <summary>What a later count without no_build would do: the Billing page catches up with all counts.</summary>
        public Result<PartnerRecord> RebuildBilling(string organizationId)
        {
            lock (_gate)
            {
                if (!_partners.TryGetValue(organizationId, out PartnerRecord? p)) return NoPartner(organizationId);
                BillingCalculator.Rebuild(p, Now);
                Touch();
                return p;
            }
        }

        /// <summary>The partner, with alerts past the alert delay turned into tickets first.</summary>
        public Result<PartnerRecord> WithDueAlertsProcessed(string organizationId)
        {
            lock (_gate)
            {
                if (!_partners.TryGetValue(organizationId, out PartnerRecord? p)) return NoPartner(organizationId);
                ProcessAlertsLocked(p, force: false);
                return p;
            }
        }

        /// <summary>Processes every queued alert now, ignoring the alert delay; returns how many.</summary>
        public int ProcessAllAlerts()
        {
            lock (_gate)
            {
                int n = 0;
                foreach (var p in _doc.Partners) n += ProcessAlertsLocked(p, force: true);
                return n;
            }
        }

        /// <summary>The partners a snapshot shows (all, or one), with due alerts processed everywhere first.</summary>
        public Result<List<PartnerRecord>> SnapshotPartners(string? organizationId)
        {
            lock (_gate)
            {
                foreach (var p in _doc.Partners) ProcessAlertsLocked(p, force: false);
                if (organizationId == null) return _doc.Partners.ToList();
                if (!_partners.ContainsKey(organizationId)) return NoPartner(organizationId);
                return _doc.Partners.Where(x => x.OrganizationId == organizationId).ToList();
            }
        }

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
    }
}
