using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Serialization;
using GradientMsp.Emulator.Domain;

namespace GradientMsp.Emulator
{
    /// <summary>
    /// The partner aggregate. Its lists are the --state-file format (so they stay public for the
    /// serializer); the look-up indexes are private and kept in step here, by the methods that add,
    /// rename and remove. Callers read the lists but change them only through these methods.
    /// </summary>
    public sealed class PartnerRecord
    {
        public string OrganizationId { get; set; } = "";
        public string Name { get; set; } = "";
        public string IntegrationId { get; set; } = "";
        /// <summary>Current Partner API key; null while the integration is not connected.</summary>
        public string? PartnerKey { get; set; }
        public string Status { get; set; } = "inactive";
        public DateTimeOffset? LastSyncedAt { get; set; }
        /// <summary>Finish was pressed since the last Connect; auto-mapping stops then.</summary>
        public bool SetupFinished { get; set; }
        public int Connections { get; set; }
        public List<PsaClient> PsaClients { get; set; } = new List<PsaClient>();
        public List<PsaService> PsaServices { get; set; } = new List<PsaService>();
        public List<ContractLine> Contracts { get; set; } = new List<ContractLine>();
        public List<AccountRecord> Accounts { get; set; } = new List<AccountRecord>();
        public List<OrgServiceRecord> Services { get; set; } = new List<OrgServiceRecord>();
        public List<SkuMappingRecord> SkuMappings { get; set; } = new List<SkuMappingRecord>();
        public List<CountRecord> Counts { get; set; } = new List<CountRecord>();
        public long BillingRebuilds { get; set; }
        public long CountPushes { get; set; }
        public List<AlertRecord> Alerts { get; set; } = new List<AlertRecord>();
        public List<TicketRecord> Tickets { get; set; } = new List<TicketRecord>();
        public DateTimeOffset? LastBuiltAt { get; set; }

        private readonly Dictionary<string, AccountRecord> _accounts = new Dictionary<string, AccountRecord>(StringComparer.Ordinal);
        private readonly Dictionary<string, OrgServiceRecord> _services = new Dictionary<string, OrgServiceRecord>(StringComparer.Ordinal);
        private readonly Dictionary<string, SkuMappingRecord> _skuMappings = new Dictionary<string, SkuMappingRecord>(StringComparer.Ordinal);
        private readonly Dictionary<(string Account, string Service), CountRecord> _counts = new Dictionary<(string, string), CountRecord>();
        private readonly Dictionary<string, AlertRecord> _alerts = new Dictionary<string, AlertRecord>(StringComparer.Ordinal);

        /// <summary>After loading from the state file, whose lists arrive without indexes.</summary>
        internal void RebuildIndexes()
        {
            _accounts.Clear();
            foreach (var a in Accounts) _accounts[a.Id] = a;
            _services.Clear();
            foreach (var s in Services) _services[s.Id] = s;
            _skuMappings.Clear();
            foreach (var m in SkuMappings) _skuMappings[m.SkuId] = m;
            _counts.Clear();
            foreach (var c in Counts) _counts[(c.AccountId, c.ServiceId)] = c;
            _alerts.Clear();
            foreach (var a in Alerts) _alerts[a.MessageId] = a;
        }

        [JsonIgnore] internal bool Connected => PartnerKey != null;

        /// <summary>The wizard's Next button: connected, and the vendor set the status to pending (or it is active).</summary>
        [JsonIgnore] internal bool NextEnabled => PartnerKey != null && (Status == "pending" || Status == "active");

        // ---------- accounts ----------

        internal AccountRecord? FindAccount(string id) => _accounts.TryGetValue(id, out var a) ? a : null;

        internal bool HasAccount(string id) => _accounts.ContainsKey(id);

        /// <summary>The account mapped to a PSA client (the deprecated clientOId of a count).</summary>
        internal AccountRecord? FindAccountMappedTo(string psaClientId) =>
            Accounts.FirstOrDefault(a => a.Mapping != null && a.Mapping.PsaId == psaClientId);

        internal void AddAccount(AccountRecord a)
        {
            Accounts.Add(a);
            _accounts[a.Id] = a;
        }

        /// <summary>A new account id carries its counts along.</summary>
        internal void RenameAccount(AccountRecord a, string newId)
        {
            if (newId == a.Id) return;
            string old = a.Id;
            _accounts.Remove(old);
            a.Id = newId;
            _accounts[newId] = a;
            foreach (CountRecord c in Counts)
            {
                if (c.AccountId != old) continue;
                _counts.Remove((old, c.ServiceId));
                c.AccountId = newId;
                _counts[(newId, c.ServiceId)] = c;
            }
        }

        // ---------- organization services and sku mappings ----------

        internal OrgServiceRecord? FindService(string id) => _services.TryGetValue(id, out var s) ? s : null;

        internal bool HasService(string id) => _services.ContainsKey(id);

        internal void AddService(OrgServiceRecord s)
        {
            Services.Add(s);
            _services[s.Id] = s;
        }

        /// <summary>A new organization-service id carries its counts along (sku counts of the same id stay).</summary>
        internal void RenameService(OrgServiceRecord s, string newId)
        {
            if (newId == s.Id) return;
            string old = s.Id;
            _services.Remove(old);
            s.Id = newId;
            _services[newId] = s;
            foreach (CountRecord c in Counts)
            {
                if (c.ServiceId != old || c.ServiceKind != "org") continue;
                _counts.Remove((c.AccountId, old));
                c.ServiceId = newId;
                _counts[(c.AccountId, newId)] = c;
            }
        }

        internal SkuMappingRecord? FindSkuMapping(string skuId) => _skuMappings.TryGetValue(skuId, out var m) ? m : null;

        /// <summary>This partner's mapping slot for a vendor sku, created on first use.</summary>
        internal SkuMappingRecord SkuMapping(string skuId)
        {
            if (!_skuMappings.TryGetValue(skuId, out SkuMappingRecord? sm))
            {
                sm = new SkuMappingRecord { SkuId = skuId };
                SkuMappings.Add(sm);
                _skuMappings[skuId] = sm;
            }
            return sm;
        }

        /// <summary>Every service this partner sees: the vendor's skus first, then its organization services.</summary>
        internal List<ServiceRef> AllServices(IEnumerable<SkuRecord> skus)
        {
            var list = new List<ServiceRef>();
            foreach (SkuRecord s in skus)
                list.Add(new ServiceRef(s.Id, ServiceRef.VendorKind, s.Name, FindSkuMapping(s.Id)?.Mapping));
            foreach (OrgServiceRecord s in Services)
                list.Add(new ServiceRef(s.Id, ServiceRef.OrganizationKind, s.Name, s.Mapping));
            return list;
        }

        // ---------- counts ----------

        internal CountRecord? FindCount(string accountId, string serviceId) =>
            _counts.TryGetValue((accountId, serviceId), out var c) ? c : null;

        /// <summary>A unit count pushed by the vendor; without no_build the Billing page is rebuilt at once.</summary>
        internal void RecordCount(string accountId, string serviceId, string kind, decimal unitCount, bool noBuild, DateTimeOffset now)
        {
            var key = (accountId, serviceId);
            if (!_counts.TryGetValue(key, out CountRecord? c))
            {
                c = new CountRecord { AccountId = accountId, ServiceId = serviceId, ServiceKind = kind };
                _counts[key] = c;
                Counts.Add(c);
            }
            c.UnitCount = unitCount;
            c.LastNoBuild = noBuild;
            c.Pushes++;
            c.UpdatedAt = now;
            CountPushes++;
            LastSyncedAt = now;
            if (!noBuild) BillingCalculator.Rebuild(this, now);
            if (Status != "active") Status = "active";
        }

        // ---------- alerts ----------

        internal AlertRecord? FindAlert(string messageId) => _alerts.TryGetValue(messageId, out var a) ? a : null;

        internal void AddAlert(AlertRecord a)
        {
            Alerts.Add(a);
            _alerts[a.MessageId] = a;
            if (Status != "active") Status = "active";
        }

        // ---------- PSA ----------

        internal PsaClient? FindPsaClient(string id) => PsaClients.FirstOrDefault(c => c.Id == id);

        internal PsaService? FindPsaService(string id) => PsaServices.FirstOrDefault(s => s.Id == id);

        internal ContractLine? FindContract(string psaClientId, string psaServiceId) =>
            Contracts.FirstOrDefault(l => l.ClientId == psaClientId && l.ServiceId == psaServiceId);

        // ---------- disconnect ----------

        /// <summary>Disconnect: every account the vendor created goes (with its counts and mappings), service
        /// mappings are cleared, the key is dropped and a new setup will be needed.</summary>
        internal void Disconnect()
        {
            Accounts.Clear();
            _accounts.Clear();
            Counts.Clear();
            _counts.Clear();
            foreach (var s in Services)
            {
                s.Mapping = null;
                s.ManuallyMapped = false;
            }
            SkuMappings.Clear();
            _skuMappings.Clear();
            PartnerKey = null;
            Status = "inactive";
            SetupFinished = false;
        }
    }
}
