using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace GradientMsp.Client.Usage
{
    // UsageSyncEngine, the ordering half: the same account x service twice in one run (the later row
    // stands), and the breaker that stops a run whose pushes cannot succeed (401, or a dead service).
    public sealed partial class UsageSyncEngine
    {
        // Every pair seen in the run, as a 64-bit hash -> the row number that last set it. A hash, not
        // the strings, keeps a 200,000-row run's memory flat enough; a collision (about 1 in 10^9 at
        // that size) would only misreport a row as a duplicate, never send a wrong count.
        private readonly Dictionary<ulong, long> _seen = new Dictionary<ulong, long>();
        private readonly HashSet<ulong> _duplicated = new HashSet<ulong>();
        // The latest row of each pair whose result is not reported yet (at most MaxConcurrency + 1).
        private readonly Dictionary<ulong, Pending> _live = new Dictionary<ulong, Pending>();
        private long _duplicatePairs;
        private int _consecutiveFailures;
        private int _stopKind;
        private string? _stopReason;

        /// <summary>Whether the run has stopped sending (breaker open, or abandoned).</summary>
        public bool IsStopped => Volatile.Read(ref _stopKind) != 0;

        /// <summary>
        /// Stops sending: the input ended early (the row source failed or the pipeline stopped). Pushes in
        /// flight finish and are reported; rows not yet sent end NotSent, and billing is not rebuilt.
        /// Call <see cref="CompleteAsync"/> afterwards to collect them.
        /// </summary>
        public void Abandon()
            => Trip(UsageSyncStop.Abandoned, "The input ended before this run did (the row source failed or the pipeline was stopped), so this row was not sent and billing was not rebuilt.");

        /// <summary>
        /// Records a checked row's pair. An earlier row of the pair whose result is still to come is
        /// marked superseded; this row is made to wait for its push. True when that earlier row is the
        /// held one, never sent: the caller drops it (coalesces) instead of pushing it.
        /// </summary>
        private bool Track(Pending item, Pending? held)
        {
            ulong pair = PairKey(item.AccountId, item.ServiceId);
            item.Pair = pair;
            lock (_lock)
            {
                bool coalesced = false;
                if (_seen.TryGetValue(pair, out long earlier))
                {
                    if (_duplicated.Add(pair)) _duplicatePairs++;
                    item.Supersedes = earlier;
                    if (_live.TryGetValue(pair, out var previous))
                    {
                        previous.SupersededBy = item.Row.Index;
                        if (ReferenceEquals(previous, held))
                        {
                            previous.Reported = true;
                            coalesced = true;
                        }
                        else
                        {
                            previous.Done ??= new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                            item.After = previous.Done.Task;
                        }
                    }
                }
                _seen[pair] = item.Row.Index;
                _live[pair] = item;
                return coalesced;
            }
        }

        /// <summary>After a push: turns the result into Superseded if a later row of the pair came meanwhile,
        /// frees a later row waiting on it, and counts failures for the breaker.</summary>
        private void Settle(Pending item, UsageResult result, GradientErrorKind? failure)
        {
            TaskCompletionSource<bool>? done;
            lock (_lock)
            {
                if (item.SupersededBy != 0)
                {
                    result.Reason = SupersededReason(item, sent: result.Outcome != UsageOutcome.NotSent)
                        + (result.Reason == null ? "" : " (" + result.Reason + ")");
                    result.Outcome = UsageOutcome.Superseded;
                }
                else if (item.Supersedes != 0)
                {
                    string note = "Row " + item.Supersedes.ToString(CultureInfo.InvariantCulture) + " earlier in the input set the same account and service; this row's count is the one that stands.";
                    result.Reason = result.Reason == null ? note : result.Reason + " " + note;
                }

                item.Reported = true;
                if (_live.TryGetValue(item.Pair, out var live) && ReferenceEquals(live, item)) _live.Remove(item.Pair);
                done = item.Done;

                if (result.Outcome == UsageOutcome.Pushed || result.Outcome == UsageOutcome.Unmapped)
                {
                    _consecutiveFailures = 0;
                }
                else if (failure == GradientErrorKind.Authentication)
                {
                    Trip(UsageSyncStop.AuthenticationFailed, "Not sent: Synthesize refused the keys (401) for an earlier push, so this run stopped sending on this connection. Check the partner key (and the vendor key), reconnect, and pipe the Failed and NotSent results back.");
                }
                else if (failure == GradientErrorKind.Connection || failure == GradientErrorKind.Timeout || failure == GradientErrorKind.ServerError)
                {
                    if (Options.BreakerThreshold > 0 && ++_consecutiveFailures >= Options.BreakerThreshold)
                    {
                        Trip(UsageSyncStop.CircuitOpen, "Not sent: " + _consecutiveFailures.ToString(CultureInfo.InvariantCulture)
                            + " pushes in a row could not reach Synthesize (the last: " + result.Reason + "), so this run stopped sending on this connection. When the service answers again, pipe the Failed and NotSent results back.");
                    }
                }
                else if (failure != null)
                {
                    _consecutiveFailures = 0;   // a problem with that row, not with the service
                }
            }

            done?.TrySetResult(true);
        }

        private void Trip(UsageSyncStop kind, string reason)
        {
            if (Interlocked.CompareExchange(ref _stopKind, (int)kind, 0) == 0) Volatile.Write(ref _stopReason, reason);
        }

        private UsageResult NotSentStopped(Pending item) => Result(item, UsageOutcome.NotSent, Volatile.Read(ref _stopReason) ?? "Not sent: the run stopped.");

        private static string SupersededReason(Pending item, bool sent)
            => (sent ? "Sent, but row " : "Not sent: row ") + item.SupersededBy.ToString(CultureInfo.InvariantCulture)
               + " later in the input sets the same account and service, and its count is the one that stands.";

        /// <summary>FNV-1a over the account id, a separator and the service id.</summary>
        private static ulong PairKey(string accountId, string serviceId)
        {
            ulong hash = 14695981039346656037UL;
            foreach (char c in accountId) hash = (hash ^ c) * 1099511628211UL;
            hash = (hash ^ 0xFFFF) * 1099511628211UL;
            foreach (char c in serviceId) hash = (hash ^ c) * 1099511628211UL;
            return hash;
        }
    }
}
