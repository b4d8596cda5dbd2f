using System;
using System.Collections.Generic;
using LiteDB;

namespace GradientMsp.Client.Ledger
{
    /// <summary>
    /// The ledger for one partner organization during one run: what was last landed for a pair, and the
    /// records of this run (buffered, written <see cref="UsageLedger.BatchSize"/> at a time or at least once a
    /// second, each batch one transaction). A record is made only after the answer: a crash between the
    /// answer and the write costs a re-send next run, never a false "landed".
    /// </summary>
    public sealed class UsageLedgerPartner
    {
        private static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(1);
        private readonly UsageLedger _ledger;
        private readonly object _gate = new object();
        private List<LedgerWrite> _pending = new List<LedgerWrite>();
        private long _lastFlush;

        internal UsageLedgerPartner(UsageLedger ledger, string organizationId, string? organizationName, int generation, bool isNew, string? distrustReason)
        {
            _ledger = ledger;
            OrganizationId = organizationId;
            OrganizationName = organizationName;
            Generation = generation;
            IsNew = isNew;
            DistrustReason = distrustReason;
            _lastFlush = ledger.Time.GetTimestamp();
        }

        public string OrganizationId { get; }

        public string? OrganizationName { get; }

        /// <summary>The ledger had no record of this partner before this run.</summary>
        public bool IsNew { get; }

        /// <summary>Why the entries recorded before this run are not trusted (every row is sent again), or null.</summary>
        public string? DistrustReason { get; }

        internal int Generation { get; }

        /// <summary>What the ledger says was last landed for the pair; null when nothing was. Check Trusted before skipping a row.</summary>
        public UsageLedgerEntry? Find(string accountId, string serviceId)
        {
            BsonDocument? doc = _ledger.FindEntry(UsageLedger.Key(OrganizationId, accountId, serviceId));
            return doc == null ? null : UsageLedger.ToEntry(doc, OrganizationName, Generation);
        }

        /// <summary>This partner's entries, streamed (the run's own records are written first).</summary>
        public IEnumerable<UsageLedgerEntry> Entries()
        {
            Flush();
            foreach (BsonDocument doc in _ledger.Scan(OrganizationId))
                yield return UsageLedger.ToEntry(doc, OrganizationName, Generation);
        }

        /// <summary>The count was answered 201.</summary>
        public void Landed(string accountId, string serviceId, decimal unitCount)
            => Add(new LedgerWrite(accountId, serviceId, unitCount, landed: true, _ledger.Time.GetUtcNow()));

        /// <summary>A push of the pair did not land, or may have landed unseen: the ledger stops vouching for the pair.</summary>
        public void Uncertain(string accountId, string serviceId)
            => Add(new LedgerWrite(accountId, serviceId, 0m, landed: false, _ledger.Time.GetUtcNow()));

        /// <summary>Writes the buffered records now, in one transaction.</summary>
        public void Flush()
        {
            // Written under the gate: two batches of one partner must land in the file in the order they were made.
            lock (_gate)
            {
                if (_pending.Count == 0) return;
                List<LedgerWrite> batch = _pending;
                _pending = new List<LedgerWrite>();
                _lastFlush = _ledger.Time.GetTimestamp();
                _ledger.Write(OrganizationId, Generation, batch);
            }
        }

        private void Add(LedgerWrite write)
        {
            lock (_gate)
            {
                _pending.Add(write);
                if (_pending.Count >= UsageLedger.BatchSize || _ledger.Time.GetElapsedTime(_lastFlush) >= FlushInterval) Flush();
            }
        }
    }
}
