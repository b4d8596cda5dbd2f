using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using GradientMsp.Client.Ledger;

namespace GradientMsp.Client.Usage
{
    // UsageSyncEngine, the ledger half (Options.Ledger set; docs/usage-sync.md, "Ledger"): rows whose count
    // already landed are Unchanged, landed counts are recorded after their 201, pairs the ledger has but the
    // input lacks are Missing (or pushed as 0), and a run that sends nothing still rebuilds billing once.
    public sealed partial class UsageSyncEngine
    {
        private long _unchanged, _missing, _missingReported;
        private int _sawRetry;   // a retried result was among the rows: the input is not a whole export
        private Pending? _lastUnchanged;     // caller's thread only: the row re-sent to keep lastSyncedAt fresh
        private bool _keptFresh;
        private string? _ledgerProblem;

        /// <summary>True (and the Unchanged result emitted) when the ledger vouches that Gradient has this row's count.</summary>
        private bool SkipUnchanged(Pending item)
        {
            UsageLedgerEntry? entry;
            try
            {
                entry = Options.Ledger!.Find(item.AccountId, item.ServiceId);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                NoteLedgerProblem(ex);
                return false;   // cannot tell: send it
            }

            item.Ledger = entry;
            if (Options.Force || entry == null || !entry.Trusted || entry.UnitCount != item.UnitCount) return false;
            ulong pair = PairKey(item.AccountId, item.ServiceId);
            lock (_lock)
            {
                // An earlier row of this run set the pair (perhaps to another count): this one must be sent to stand.
                if (_seen.ContainsKey(pair)) return false;
                _seen[pair] = item.Row.Index;
            }

            _lastUnchanged = item;
            Emit(Result(item, UsageOutcome.Unchanged, "Not sent: Gradient was told this count on " + Stamp(entry.LandedAt) + " (run " + entry.RunId + ")."));
            return true;
        }

        /// <summary>WhatIf with a ledger: the pair counts as present in the input, so it is not reported Missing.</summary>
        private void MarkSeen(Pending item)
        {
            ulong pair = PairKey(item.AccountId, item.ServiceId);
            lock (_lock)
            {
                if (!_seen.ContainsKey(pair)) _seen[pair] = item.Row.Index;
            }
        }

        private string WouldSend(Pending item)
        {
            UsageLedgerEntry? entry = item.Ledger;
            if (entry == null) return "WhatIf: would be sent (not in the ledger).";
            if (Options.Force) return "WhatIf: would be sent (-Force).";
            if (!entry.Trusted)
                return "WhatIf: would be sent (the ledger's " + Count(entry.UnitCount) + " of " + Stamp(entry.LandedAt) + " is not trusted"
                       + (Options.Ledger!.DistrustReason == null ? ": a later push of the pair did not land)." : ": " + Options.Ledger.DistrustReason + ").");
            return "WhatIf: would be sent (the ledger has " + Count(entry.UnitCount) + ", landed " + Stamp(entry.LandedAt) + ").";
        }

        /// <summary>
        /// Pairs the ledger has for this partner that no row of the run named: reported Missing, or with
        /// ZeroMissing pushed as 0 like any other row (the last of them may be the billing-rebuild push).
        /// </summary>
        private async Task MissingAsync(CancellationToken cancellationToken)
        {
            // A retry (results piped back) is part of an export: every pair it lacks would look Missing, and
            // with ZeroMissing be pushed as 0, zeroing the bill of every customer whose row had landed.
            if (Volatile.Read(ref _sawRetry) != 0) return;

            // Collected first (missing pairs are few in a healthy run), so no cursor stays open while pushes record.
            var missing = new List<UsageLedgerEntry>();
            try
            {
                foreach (UsageLedgerEntry entry in Options.Ledger!.Entries())
                {
                    ulong pair = PairKey(entry.AccountId, entry.ServiceId);
                    bool seen;
                    lock (_lock) seen = _seen.ContainsKey(pair);
                    if (!seen) missing.Add(entry);
                }
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                NoteLedgerProblem(ex);
                return;
            }

            foreach (UsageLedgerEntry entry in missing)
            {
                Interlocked.Increment(ref _missing);
                var row = new UsageRow { AccountId = entry.AccountId, ServiceId = entry.ServiceId, UnitCount = 0m };
                var item = new Pending(row, entry.AccountId, entry.ServiceId, 0m) { Ledger = entry };
                string was = "Missing from the input: the ledger has " + Count(entry.UnitCount) + " (landed " + Stamp(entry.LandedAt) + ", run " + entry.RunId + ")";
                if (Options.ZeroMissing && !Options.WhatIf && !IsStopped && !_runToken.IsCancellationRequested)
                {
                    item.Note = was + "; pushed as 0.";
                    await AcceptAsync(item, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    var result = Result(item, UsageOutcome.Missing, was + (Options.ZeroMissing
                        ? "; would be pushed as 0."
                        : ", and Gradient keeps billing it. Add the row, or run with -ZeroMissing to push 0."));
                    result.UnitCount = null;
                    Emit(result);
                }
            }
        }

        /// <summary>No push rebuilt billing (every row was unchanged, or the last ones did not land): re-send one
        /// unchanged row, same count, without no_build, so billing is rebuilt and lastSyncedAt moves.</summary>
        private async Task KeepFreshAsync()
        {
            Pending? again = _lastUnchanged;
            if (again == null || Options.WhatIf || Volatile.Read(ref _billingRebuilt) != 0 || IsStopped || _runToken.IsCancellationRequested) return;
            if (await PushAsync(again, noBuild: false, report: false, ownsSlot: false).ConfigureAwait(false) == UsageOutcome.Pushed)
            {
                Volatile.Write(ref _billingRebuilt, 1);
                _keptFresh = true;
            }
        }

        private void RecordLanded(Pending item)
        {
            if (Options.Ledger == null) return;
            try
            {
                Options.Ledger.Landed(item.AccountId, item.ServiceId, item.UnitCount);
            }
            catch (Exception ex)
            {
                NoteLedgerProblem(ex);
            }
        }

        private void RecordUncertain(Pending item)
        {
            if (Options.Ledger == null) return;
            try
            {
                Options.Ledger.Uncertain(item.AccountId, item.ServiceId);
            }
            catch (Exception ex)
            {
                NoteLedgerProblem(ex);
            }
        }

        /// <summary>Writes what is buffered; returns the first ledger problem of the run, if any.</summary>
        private string? FlushLedger()
        {
            if (Options.Ledger == null) return null;
            try
            {
                Options.Ledger.Flush();
            }
            catch (Exception ex)
            {
                NoteLedgerProblem(ex);
            }

            return Volatile.Read(ref _ledgerProblem);
        }

        private void NoteLedgerProblem(Exception ex)
            => Interlocked.CompareExchange(ref _ledgerProblem, "The ledger could not be read or written (" + ex.GetType().Name + ": " + ex.Message + "). Rows it could not record are sent again on the next run; check the disk and the file.", null);

        private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        private static string Count(decimal count) => count.ToString(CultureInfo.InvariantCulture);
    }
}
