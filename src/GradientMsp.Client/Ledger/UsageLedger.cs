using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using GradientMsp.Client.Models;
using LiteDB;

namespace GradientMsp.Client.Ledger
{
    /// <summary>
    /// The push ledger: one file (LiteDB, fully managed) that records, per partner organization x account x
    /// service, the count that was answered 201, when, and by which run (docs/usage-sync.md, "Ledger").
    /// </summary>
    /// <remarks>
    /// One writer at a time: opening takes an OS lock on "&lt;file&gt;.lock" (FileShare.None: a share lock on
    /// Windows, flock on Linux and macOS), released by the OS when the process ends, even on kill -9; a second
    /// run gets <see cref="UsageLedgerProblem.InUse"/> at once instead of a corrupt file. Writes are batched,
    /// each batch one LiteDB transaction (LiteDB journals it, so a kill mid-batch loses the batch, never the
    /// file). Thread-safe: engines of several partners record from worker threads.
    /// The LiteDB types stay inside this assembly: the cmdlets see only the ledger's own types.
    /// </remarks>
    public sealed class UsageLedger : IDisposable
    {
        /// <summary>The layout this version writes. A file with a higher number was written by a newer module.</summary>
        public const int SchemaVersion = 1;

        /// <summary>Records buffered per partner before they are written in one transaction.</summary>
        public const int BatchSize = 500;

        internal const char Separator = '\u001f';
        private const string MetaId = "ledger";

        private readonly FileStream _lock;
        private readonly LiteDatabase _db;
        private readonly object _writeGate = new object();
        private readonly byte[] _salt;
        private int _disposed;

        private UsageLedger(string path, FileStream lockFile, LiteDatabase db, byte[] salt, TimeProvider time)
        {
            Path = path;
            _lock = lockFile;
            _db = db;
            _salt = salt;
            Time = time;
            Entries = db.GetCollection(EntriesName);
            PartnerRecords = db.GetCollection(PartnersName);
            DateTimeOffset now = time.GetUtcNow();
            RunId = now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N").Substring(0, 6);
        }

        private const string EntriesName = "entries";
        private const string PartnersName = "partners";
        private const string MetaName = "meta";

        /// <summary>The full path of the ledger file.</summary>
        public string Path { get; }

        /// <summary>This run's id, written on every entry it records: UTC start time and a random suffix.</summary>
        public string RunId { get; }

        internal TimeProvider Time { get; }

        internal ILiteCollection<BsonDocument> Entries { get; }

        internal ILiteCollection<BsonDocument> PartnerRecords { get; }

        /// <summary>Opens (or creates) the ledger at <paramref name="path"/>. The cmdlets use this overload.</summary>
        public static UsageLedger Open(string path) => Open(path, TimeProvider.System);

        /// <summary>Opens (or creates) the ledger; throws <see cref="UsageLedgerException"/> with what to do when it cannot.</summary>
        public static UsageLedger Open(string path, TimeProvider time)
        {
            if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("The ledger path is empty.", nameof(path));
            if (time == null) throw new ArgumentNullException(nameof(time));
            string full;
            try
            {
                full = System.IO.Path.GetFullPath(path);
            }
            catch (Exception ex) when (ex is ArgumentException || ex is NotSupportedException || ex is PathTooLongException)
            {
                throw new UsageLedgerException(UsageLedgerProblem.Unreachable, $"'{path}' is not a usable file path ({ex.Message}). Give -LedgerPath a file path such as C:\\ProgramData\\GradientMsp\\usage-ledger.db.", ex);
            }

            if (Directory.Exists(full))
                throw new UsageLedgerException(UsageLedgerProblem.Unreachable, $"The ledger path '{full}' is a folder. Give a file in it instead, such as '{System.IO.Path.Combine(full, "usage-ledger.db")}'.");
            string? folder = System.IO.Path.GetDirectoryName(full);
            if (folder != null && !Directory.Exists(folder))
                throw new UsageLedgerException(UsageLedgerProblem.Unreachable, $"The folder of the ledger '{full}' does not exist. Create it first (New-Item -ItemType Directory -Path '{folder}'), or give another -LedgerPath.");

            FileStream lockFile = TakeLock(full);
            LiteDatabase? db = null;
            try
            {
                // LiteDB would rewrite a file that is not its own (it truncates it): look first.
                if (!LooksLikeLiteDb(full))
                    throw NotALedger(full, "it is not a LiteDB database file", null);
                try
                {
                    db = new LiteDatabase(new ConnectionString { Filename = full, Connection = ConnectionType.Direct });
                }
                catch (Exception ex) when (ex is LiteException || ex is InvalidCastException || ex is IOException || ex is InvalidOperationException || ex is ArgumentException)
                {
                    throw NotALedger(full, ex.Message, ex);
                }

                byte[] salt = ReadOrCreateMeta(db, full, time);
                return new UsageLedger(full, lockFile, db, salt, time);
            }
            catch
            {
                db?.Dispose();
                lockFile.Dispose();
                throw;
            }
        }

        private static FileStream TakeLock(string full)
        {
            string lockPath = full + ".lock";
            try
            {
                // Never deleted: deleting a lock file that another process may be opening lets two runs hold "the" lock.
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (UnauthorizedAccessException ex)
            {
                throw new UsageLedgerException(UsageLedgerProblem.Unreachable, $"The ledger's lock file '{lockPath}' cannot be opened: {ex.Message} Give the account that runs the job write access to that folder, or another -LedgerPath.", ex);
            }
            catch (IOException ex)
            {
                throw new UsageLedgerException(UsageLedgerProblem.InUse, $"The ledger '{full}' is in use by another run (its lock file '{lockPath}' is held). Two runs cannot write one ledger at once: wait for the other run to finish and try again, or give this run its own -LedgerPath.", ex);
            }
        }

        private static readonly byte[] LiteDbSignature = System.Text.Encoding.ASCII.GetBytes("** This is a LiteDB file **");

        /// <summary>True for a missing or empty file (a new ledger) and for a file with LiteDB's header signature (at byte 32).</summary>
        private static bool LooksLikeLiteDb(string full)
        {
            var info = new FileInfo(full);
            if (!info.Exists || info.Length == 0) return true;
            try
            {
                using (var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
                {
                    var header = new byte[32 + LiteDbSignature.Length];
                    int read = 0, got;
                    while (read < header.Length && (got = stream.Read(header, read, header.Length - read)) > 0) read += got;
                    if (read < header.Length) return false;
                    for (int i = 0; i < LiteDbSignature.Length; i++)
                    {
                        if (header[32 + i] != LiteDbSignature[i]) return false;
                    }

                    return true;
                }
            }
            catch (IOException)
            {
                return true;   // let LiteDB report what is wrong
            }
        }

        private static UsageLedgerException NotALedger(string full, string detail, Exception? inner)
            => new UsageLedgerException(UsageLedgerProblem.NotALedger, $"'{full}' is not a GradientMsp usage ledger, or it is damaged ({detail}). Give -LedgerPath a new file name, or restore the ledger from a backup; a run with a new ledger sends every row once and records them.", inner);

        private static byte[] ReadOrCreateMeta(LiteDatabase db, string full, TimeProvider time)
        {
            ILiteCollection<BsonDocument> meta = db.GetCollection(MetaName);
            BsonDocument? doc;
            try
            {
                doc = meta.FindById(MetaId);
            }
            catch (Exception ex) when (ex is LiteException || ex is InvalidCastException)
            {
                throw NotALedger(full, ex.Message, ex);
            }

            if (doc == null)
            {
                if (db.GetCollectionNames().Any(name => name != MetaName))
                    throw NotALedger(full, "it holds a LiteDB database without GradientMsp's ledger record", null);
                var salt = new byte[32];
                using (var random = RandomNumberGenerator.Create()) random.GetBytes(salt);
                meta.Insert(new BsonDocument
                {
                    ["_id"] = MetaId,
                    ["schema"] = SchemaVersion,
                    ["salt"] = salt,
                    ["createdAt"] = time.GetUtcNow().UtcTicks,
                });
                return salt;
            }

            int schema = doc["schema"].IsInt32 ? doc["schema"].AsInt32 : 0;
            if (schema > SchemaVersion)
                throw new UsageLedgerException(UsageLedgerProblem.UnsupportedVersion, $"The ledger '{full}' was written by a newer GradientMsp (ledger schema {schema}; this version reads up to {SchemaVersion}). Update the module (Update-Module GradientMsp) on this machine, or give this run another -LedgerPath.");
            if (schema < SchemaVersion)
            {
                // Schema 1 is the first layout; a later version adds its upgrade steps here, in one transaction.
                throw new UsageLedgerException(UsageLedgerProblem.UnsupportedVersion, $"The ledger '{full}' has schema {schema}, which this version cannot upgrade (it reads schema {SchemaVersion}). Move the file aside and give -LedgerPath a new file: the first run sends every row once and records it.");
            }

            return doc["salt"].AsBinary;
        }

        /// <summary>
        /// The ledger's view of one partner for this run. Compares the partner's identity (key fingerprint,
        /// integration, vendor) with the one recorded: when it differs, every entry recorded before stops being
        /// trusted (so every row is sent again) and <see cref="UsageLedgerPartner.DistrustReason"/> says why.
        /// The new identity is written at once, before any push, so a crash cannot make old entries trusted again.
        /// </summary>
        public UsageLedgerPartner Partner(GradientIntegration integration, GradientCredential credential)
        {
            if (integration == null) throw new ArgumentNullException(nameof(integration));
            if (credential == null) throw new ArgumentNullException(nameof(credential));
            if (string.IsNullOrWhiteSpace(integration.OrganizationId))
                throw new ArgumentException("The integration has no organization id.", nameof(integration));
            ThrowIfDisposed();

            string organizationId = integration.OrganizationId!;
            string fingerprint = credential.PartnerKeyFingerprint(_salt);
            lock (_writeGate)
            {
                BsonDocument? known = PartnerRecords.FindById(organizationId);
                int generation = 1;
                string? reason = null;
                bool isNew = known == null;
                if (known != null)
                {
                    generation = known["g"].AsInt32;
                    if (known["k"].AsString != fingerprint)
                        reason = "the partner key differs from the one recorded (a new key, or a disconnect and reconnect, which deletes the partner's accounts and counts)";
                    else if (Differs(known["i"], integration.IntegrationId))
                        reason = $"the integration differs from the one recorded (was {Text(known["i"])}, now {integration.IntegrationId ?? "none"}: the partner disconnected and reconnected, which deletes the accounts and counts)";
                    else if (Differs(known["v"], integration.VendorId))
                        reason = $"the vendor differs from the one recorded (was {Text(known["v"])}, now {integration.VendorId ?? "none"})";
                    else if (integration.Status != null && !string.Equals(integration.Status, "active", StringComparison.OrdinalIgnoreCase))
                        // A count that lands makes the integration active; one that is not active any more was
                        // most likely disconnected (and reconnected with the same key), which deletes the counts.
                        reason = $"the integration's status is '{integration.Status}', not 'active' as after a sync whose counts landed (a disconnect resets it, and deletes the partner's accounts and counts)";
                    if (reason != null) generation++;
                }

                PartnerRecords.Upsert(new BsonDocument
                {
                    ["_id"] = organizationId,
                    ["n"] = integration.Name == null ? BsonValue.Null : new BsonValue(integration.Name),
                    ["i"] = integration.IntegrationId == null ? BsonValue.Null : new BsonValue(integration.IntegrationId),
                    ["v"] = integration.VendorId == null ? BsonValue.Null : new BsonValue(integration.VendorId),
                    ["k"] = fingerprint,
                    ["g"] = generation,
                    ["t"] = Time.GetUtcNow().UtcTicks,
                    ["r"] = RunId,
                });
                return new UsageLedgerPartner(this, organizationId, integration.Name, generation, isNew, reason);
            }
        }

        /// <summary>The partners the ledger knows, with their identity when last synced.</summary>
        public IReadOnlyList<UsageLedgerPartnerInfo> Partners()
        {
            ThrowIfDisposed();
            return PartnerRecords.FindAll().Select(ToInfo).ToList();
        }

        /// <summary>
        /// Entries, streamed in key order, optionally only one organization's (by id or exact name), account or
        /// service. Trusted says whether the ledger still vouches for each (see <see cref="UsageLedgerEntry.Trusted"/>).
        /// </summary>
        public IEnumerable<UsageLedgerEntry> Read(string? organization = null, string? accountId = null, string? serviceId = null)
        {
            ThrowIfDisposed();
            var partners = PartnerRecords.FindAll().ToDictionary(p => p["_id"].AsString, p => p, StringComparer.Ordinal);
            IEnumerable<string> scopes = organization == null
                ? new string?[] { null }!
                : partners.Values.Where(p => p["_id"].AsString == organization || string.Equals(Text(p["n"]), organization, StringComparison.OrdinalIgnoreCase))
                    .Select(p => p["_id"].AsString).ToList();
            foreach (string? scope in scopes)
            {
                IEnumerable<BsonDocument> docs = scope == null ? Entries.FindAll() : Scan(scope);
                foreach (BsonDocument doc in docs)
                {
                    if (accountId != null && doc["a"].AsString != accountId) continue;
                    if (serviceId != null && doc["s"].AsString != serviceId) continue;
                    string org = doc["o"].AsString;
                    partners.TryGetValue(org, out BsonDocument? partner);
                    yield return ToEntry(doc, Text(partner?["n"]), partner == null ? 0 : partner["g"].AsInt32);
                }
            }
        }

        /// <summary>One organization's entries, by a range over the primary key (its ids all start with the organization id).</summary>
        internal IEnumerable<BsonDocument> Scan(string organizationId)
        {
            string prefix = organizationId + Separator;
            foreach (BsonDocument doc in Entries.Find(Query.StartsWith("_id", prefix)))
            {
                if (doc["_id"].AsString.StartsWith(prefix, StringComparison.Ordinal)) yield return doc;
            }
        }

        internal static string Key(string organizationId, string accountId, string serviceId)
            => organizationId + Separator + accountId + Separator + serviceId;

        internal static UsageLedgerEntry ToEntry(BsonDocument doc, string? organizationName, int generation) => new UsageLedgerEntry
        {
            OrganizationId = doc["o"].AsString,
            OrganizationName = organizationName,
            AccountId = doc["a"].AsString,
            ServiceId = doc["s"].AsString,
            UnitCount = doc["c"].AsDecimal,
            LandedAt = new DateTimeOffset(doc["t"].AsInt64, TimeSpan.Zero),
            RunId = doc["r"].AsString,
            Trusted = doc["g"].AsInt32 == generation && !doc["u"].AsBoolean,
        };

        /// <summary>Writes one batch in one transaction. Called with the partner's buffered records.</summary>
        internal void Write(string organizationId, int generation, IReadOnlyList<LedgerWrite> writes)
        {
            if (writes.Count == 0) return;
            lock (_writeGate)
            {
                ThrowIfDisposed();
                // Later records of a pair replace earlier ones in the same batch.
                var docs = new Dictionary<string, BsonDocument>(StringComparer.Ordinal);
                foreach (LedgerWrite write in writes)
                {
                    string key = Key(organizationId, write.AccountId, write.ServiceId);
                    if (write.Landed)
                    {
                        docs[key] = new BsonDocument
                        {
                            ["_id"] = key,
                            ["o"] = organizationId,
                            ["a"] = write.AccountId,
                            ["s"] = write.ServiceId,
                            ["c"] = write.UnitCount,
                            ["t"] = write.At.UtcTicks,
                            ["r"] = RunId,
                            ["g"] = generation,
                            ["u"] = false,
                        };
                    }
                    else
                    {
                        // Not landed (unmapped, failed, cut off): keep what last landed, but stop vouching for it.
                        BsonDocument? doc = docs.TryGetValue(key, out BsonDocument? pending) ? pending : Entries.FindById(key);
                        if (doc == null) continue;
                        doc["u"] = true;
                        docs[key] = doc;
                    }
                }

                Transactions++;
                if (!_db.BeginTrans()) throw new InvalidOperationException("A ledger transaction is already open on this thread.");
                try
                {
                    Entries.Upsert(docs.Values);
                    _db.Commit();
                }
                catch
                {
                    _db.Rollback();
                    throw;
                }
            }
        }

        /// <summary>Batches written so far (for the tests: writes are batched, not one transaction per row).</summary>
        internal long Transactions { get; private set; }

        internal BsonDocument? FindEntry(string key) => Entries.FindById(key);

        public void Dispose()
        {
            if (System.Threading.Interlocked.Exchange(ref _disposed, 1) != 0) return;
            lock (_writeGate)
            {
                _db.Dispose();
                _lock.Dispose();
            }
        }

        private void ThrowIfDisposed()
        {
            if (System.Threading.Volatile.Read(ref _disposed) != 0) throw new ObjectDisposedException(nameof(UsageLedger));
        }

        private static bool Differs(BsonValue recorded, string? now)
            => !recorded.IsNull && now != null && recorded.AsString != now;

        private static string? Text(BsonValue? value) => value == null || value.IsNull ? null : value.AsString;

        private static UsageLedgerPartnerInfo ToInfo(BsonDocument p) => new UsageLedgerPartnerInfo
        {
            OrganizationId = p["_id"].AsString,
            OrganizationName = Text(p["n"]),
            IntegrationId = Text(p["i"]),
            VendorId = Text(p["v"]),
            KeyFingerprint = p["k"].AsString,
            Generation = p["g"].AsInt32,
            LastRunAt = new DateTimeOffset(p["t"].AsInt64, TimeSpan.Zero),
            LastRunId = p["r"].AsString,
        };
    }

    /// <summary>One buffered record: a count that landed, or a pair whose count the ledger stops vouching for.</summary>
    internal readonly struct LedgerWrite
    {
        public LedgerWrite(string accountId, string serviceId, decimal unitCount, bool landed, DateTimeOffset at)
        {
            AccountId = accountId; ServiceId = serviceId; UnitCount = unitCount; Landed = landed; At = at;
        }

        public string AccountId { get; }
        public string ServiceId { get; }
        public decimal UnitCount { get; }
        public bool Landed { get; }
        public DateTimeOffset At { get; }
    }
}
