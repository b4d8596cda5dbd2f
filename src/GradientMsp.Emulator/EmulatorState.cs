using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using GradientMsp.Contracts;

namespace GradientMsp.Emulator
{
    /// <summary>
    /// All emulator state, guarded by one short lock. Token look-up is lock-free (an immutable
    /// dictionary swapped on key changes), so the hot count path takes the lock once, briefly.
    /// </summary>
    internal sealed partial class EmulatorState
    {
        public const string NeverSynced = "1900-01-01T00:00:00.000Z";

        private readonly object _gate = new object();
        private readonly TimeProvider _time;
        private readonly EmulatorOptions _options;
        private StateDocument _doc = new StateDocument();
        private readonly Dictionary<string, PartnerRecord> _partners = new Dictionary<string, PartnerRecord>(StringComparer.Ordinal);
        private readonly Dictionary<string, SkuRecord> _skuIndex = new Dictionary<string, SkuRecord>(StringComparer.Ordinal);
        private volatile Dictionary<string, PartnerRecord> _tokens = new Dictionary<string, PartnerRecord>(StringComparer.Ordinal);
        private long _version;

        public EmulatorState(EmulatorOptions options, TimeProvider time, StateDocument? loaded = null)
        {
            _options = options;
            _time = time;
            AlertDelayMs = options.AlertDelayMs;
            if (loaded != null) LoadLocked(ApplyKeyOverrides(loaded));
            else LoadLocked(CreateInitial(options.Seed));
        }

        /// <summary>Bumped on every change; the state-file writer saves when it moves.</summary>
        public long Version => Interlocked.Read(ref _version);

        public int AlertDelayMs { get; set; }

        public TimeProvider Time => _time;

        public string VendorKey { get { lock (_gate) return _doc.Vendor.Key; } }

        public string DefaultOrganizationId { get { lock (_gate) return _doc.DefaultOrganizationId; } }

        public string? PartnerKeyOf(string organizationId)
        {
            lock (_gate) return _partners.TryGetValue(organizationId, out var p) ? p.PartnerKey : null;
        }

        private DateTimeOffset Now => _time.GetUtcNow();

        private void Touch() => Interlocked.Increment(ref _version);

        // ---------- ids and keys ----------

        private static readonly char[] Hex = "0123456789abcdef".ToCharArray();

        internal static string RandomHex(int chars)
        {
            Span<byte> bytes = stackalloc byte[(chars + 1) / 2];
            RandomNumberGenerator.Fill(bytes);
            var sb = new StringBuilder(chars);
            foreach (byte b in bytes)
            {
                sb.Append(Hex[b >> 4]);
                if (sb.Length < chars) sb.Append(Hex[b & 0xF]);
            }
            return sb.ToString();
        }

        /// <summary>A 24-hex-digit id in the style of the MongoDB ObjectIds the real API shows.</summary>
        internal string NewObjectId()
        {
            uint seconds = (uint)Now.ToUnixTimeSeconds();
            return seconds.ToString("x8", System.Globalization.CultureInfo.InvariantCulture) + RandomHex(16);
        }

        public static string TokenFor(string vendorKey, string partnerKey) => VendorApiContract.Token(vendorKey, partnerKey);

        // ---------- initial state, load, reset ----------

        private StateDocument CreateInitial(bool seed)
        {
            DateTimeOffset now = Now;
            var doc = new StateDocument();
            doc.Vendor = new VendorRecord
            {
                Key = _options.VendorKey ?? RandomHex(32),
                Id = NewObjectId(),
                Name = "Emulated Vendor",
                Description = "A vendor served by the local Synthesize emulator",
                OrganizationId = NewObjectId(),
                CreatedAt = now,
                UpdatedAt = now,
            };
            PartnerRecord p = NewPartner("Seeded MSP", null, _options.PartnerKey ?? RandomHex(32));
            if (seed) SeedPsa(p);
            doc.Partners.Add(p);
            doc.DefaultOrganizationId = p.OrganizationId;
            return doc;
        }

        private PartnerRecord NewPartner(string name, string? organizationId, string? partnerKey)
        {
            var p = new PartnerRecord
            {
                OrganizationId = organizationId ?? NewObjectId(),
                Name = name,
                IntegrationId = NewObjectId(),
                PartnerKey = partnerKey,
                Status = "inactive",
                Connections = partnerKey != null ? 1 : 0,
            };
            return p;
        }

        /// <summary>The default PSA data of the seeded partner (what Gradient's vendor support would build).</summary>
        internal static void SeedPsa(PartnerRecord p)
        {
            string[] clients = { "Contoso Ltd", "Fabrikam Inc", "Northwind Traders", "Tailspin Toys" };
            string[] services = { "Endpoint Protection", "Cloud Backup", "Email Security", "Managed Workstation" };
            for (int i = 0; i < clients.Length; i++)
                p.PsaClients.Add(new PsaClient { Id = $"psa-client-{i + 1}", Name = clients[i] });
            for (int i = 0; i < services.Length; i++)
                p.PsaServices.Add(new PsaService { Id = $"psa-service-{i + 1}", Name = services[i] });
            void Line(int c, int s, decimal q) => p.Contracts.Add(new ContractLine
            {
                ClientId = $"psa-client-{c}", ServiceId = $"psa-service-{s}", Quantity = q,
                ContractName = $"{clients[c - 1]} Managed Services",
            });
            Line(1, 1, 25);
            Line(1, 2, 10);
            Line(2, 1, 40);
            Line(2, 3, 40);
            Line(3, 2, 5);
            Line(4, 4, 12);
        }

        private StateDocument ApplyKeyOverrides(StateDocument doc)
        {
            if (_options.VendorKey != null) doc.Vendor.Key = _options.VendorKey;
            if (_options.PartnerKey != null)
            {
                foreach (var p in doc.Partners)
                    if (p.OrganizationId == doc.DefaultOrganizationId) p.PartnerKey = _options.PartnerKey;
            }
            return doc;
        }

        private void LoadLocked(StateDocument doc)
        {
            lock (_gate)
            {
                _doc = doc;
                _partners.Clear();
                foreach (var p in doc.Partners)
                {
                    p.RebuildIndexes();
                    _partners[p.OrganizationId] = p;
                }
                _skuIndex.Clear();
                foreach (var s in doc.Vendor.Skus) _skuIndex[s.Id] = s;
                RebuildTokensLocked();
                Touch();
            }
        }

        /// <summary>Back to a fresh state. Keys given on the command line are kept, as is the default
        /// partner's key, so a READY line stays valid across resets.</summary>
        public void Reset(bool seed)
        {
            lock (_gate)
            {
                string vendorKey = _doc.Vendor.Key;
                PartnerRecord? old = _partners.TryGetValue(_doc.DefaultOrganizationId, out var d) ? d : null;
                StateDocument fresh = CreateInitial(seed);
                fresh.Vendor.Key = vendorKey;
                PartnerRecord def = fresh.Partners[0];
                if (old != null)
                {
                    def.OrganizationId = old.OrganizationId;
                    def.PartnerKey = old.PartnerKey ?? def.PartnerKey;
                    fresh.DefaultOrganizationId = old.OrganizationId;
                }
                LoadLocked(fresh);
            }
        }

        private void RebuildTokensLocked()
        {
            var map = new Dictionary<string, PartnerRecord>(StringComparer.Ordinal);
            foreach (var p in _doc.Partners)
                if (p.PartnerKey != null) map[TokenFor(_doc.Vendor.Key, p.PartnerKey)] = p;
            _tokens = map;
        }

        /// <summary>The partner a GRADIENT-TOKEN belongs to, or null (→ 401). Lock-free.</summary>
        public PartnerRecord? Authenticate(string? token)
        {
            if (string.IsNullOrEmpty(token)) return null;
            return _tokens.TryGetValue(token, out var p) ? p : null;
        }

        // ---------- persistence ----------

        /// <summary>The --state-file journal, set once at start (null without a state file).</summary>
        internal StateJournal? Journal { get; set; }

        /// <summary>The state as the snapshot writer saves it; with a journal, a new generation starts with it.</summary>
        public byte[] Serialize(out long version, out long journalGeneration)
        {
            lock (_gate)
            {
                version = Version;
                if (Journal != null) _doc.JournalGeneration = Journal.Rotate();
                journalGeneration = _doc.JournalGeneration;
                return JsonSerializer.SerializeToUtf8Bytes(_doc, JsonSetup.StateFile);
            }
        }

        /// <summary>The whole state document, for the journal's first line (called under the lock).</summary>
        internal StateDocument DocumentLocked() => _doc;

        /// <summary>Applies journaled counts over the loaded snapshot, in order (a count is absolute).</summary>
        internal int Replay(IEnumerable<CountEntry> counts)
        {
            int applied = 0;
            lock (_gate)
            {
                foreach (CountEntry c in counts)
                {
                    if (!_partners.TryGetValue(c.OrganizationId, out PartnerRecord? p)) continue;
                    p.RecordCount(c.AccountId, c.ServiceId, c.Kind, c.UnitCount, c.NoBuild, c.At);
                    applied++;
                }
                if (applied > 0) Touch();
            }
            return applied;
        }

        /// <summary>
        /// Reads a state file. Anything that cannot be served is an <see cref="InvalidDataException"/>
        /// (exit code 3 with a message): no vendor or partner, a record without an id, a default
        /// organization that is not one of the partners. A UTF-8 BOM (what editors and PowerShell 5.1's
        /// Set-Content -Encoding UTF8 write) is accepted.
        /// </summary>
        public static StateDocument Deserialize(byte[] json)
        {
            ReadOnlySpan<byte> text = json;
            if (text.Length >= 3 && text[0] == 0xEF && text[1] == 0xBB && text[2] == 0xBF) text = text.Slice(3);
            StateDocument? doc = JsonSerializer.Deserialize<StateDocument>(text, JsonSetup.StateFile);
            if (doc == null || doc.Vendor == null || doc.Partners == null || doc.Partners.Count == 0 || string.IsNullOrEmpty(doc.Vendor.Key))
                throw new InvalidDataException("The state file holds no vendor or partner.");
            foreach (PartnerRecord? p in doc.Partners)
            {
                if (p == null || string.IsNullOrEmpty(p.OrganizationId))
                    throw new InvalidDataException("The state file has a partner without an organizationId.");
                try
                {
                    p.RebuildIndexes();
                }
                catch (Exception e) when (e is ArgumentException or NullReferenceException)
                {
                    // Dictionary keys: a null id (or two records with one id) in accounts, services, mappings, counts or alerts.
                    throw new InvalidDataException("The state file has a record without an id, or two with the same id, under partner '"
                                                   + p.OrganizationId + "': " + e.Message, e);
                }
            }
            if (doc.Vendor.Skus == null || doc.Vendor.Skus.Exists(s => s == null || string.IsNullOrEmpty(s.Id)))
                throw new InvalidDataException("The state file has a vendor service without an id.");
            if (!doc.Partners.Exists(p => p.OrganizationId == doc.DefaultOrganizationId))
                throw new InvalidDataException("The state file's defaultOrganizationId '" + doc.DefaultOrganizationId
                                               + "' is not one of its partners.");
            return doc;
        }
    }
}
