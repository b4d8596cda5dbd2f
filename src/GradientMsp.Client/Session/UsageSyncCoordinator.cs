using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using GradientMsp.Client.Ledger;
using GradientMsp.Client.Models;
using GradientMsp.Client.Usage;

namespace GradientMsp.Client.Session
{
    /// <summary>A finished usage row and the session (partner) it was pushed for.</summary>
    public sealed class RoutedUsageResult
    {
        public RoutedUsageResult(GradientSession session, UsageResult result)
        {
            Session = session;
            Result = result;
        }

        public GradientSession Session { get; }

        public UsageResult Result { get; }
    }

    /// <summary>Rows received and done, and the rate, for a progress bar.</summary>
    public sealed class UsageSyncCoordinatorProgress
    {
        public UsageSyncCoordinatorProgress(long received, long done, TimeSpan elapsed, long expected)
        {
            Received = received;
            Done = done;
            Elapsed = elapsed;
            Expected = expected;
        }

        public long Received { get; }

        public long Done { get; }

        public TimeSpan Elapsed { get; }

        /// <summary>Rows the caller said to expect; 0 when unknown.</summary>
        public long Expected { get; }

        public double RowsPerSecond => Elapsed.TotalSeconds > 0 ? Done / Elapsed.TotalSeconds : 0;

        /// <summary>Null when <see cref="Expected"/> is unknown.</summary>
        public int? PercentComplete => Expected > 0 ? (int)Math.Min(100, Done * 100 / Expected) : (int?)null;

        /// <summary>Null when <see cref="Expected"/> or the rate is unknown.</summary>
        public int? SecondsRemaining => Expected > 0 && RowsPerSecond > 0 ? (int)Math.Max(0, (Expected - Done) / RowsPerSecond) : (int?)null;
    }

    /// <summary>
    /// One usage sync over many partners: routes each row to its partner's session (a partner key
    /// on the row makes a child of the row's session), keeps one <see cref="UsageSyncEngine"/> per
    /// session (so each partner has its own pacer and its own billing rebuild), numbers the rows,
    /// collects finished rows from every engine and paces progress reports. Single consumer: call
    /// it from one thread (the pipeline thread); the engines do their work on worker threads.
    /// </summary>
    public sealed class UsageSyncCoordinator : IDisposable
    {
        private readonly Func<GradientSession, bool> _confirm;
        private readonly int _maxConcurrency;
        private readonly long _expected;
        private readonly TimeSpan _progressInterval;
        private readonly TimeProvider _time;
        private readonly long _start;
        // Insertion order, so summaries come out in the order partners first appeared.
        // Under its own lock: an engine is added after an await (the ledger reads the partner's organization)
        // while the pipeline thread may be draining results.
        private readonly List<KeyValuePair<GradientSession, UsageSyncEngine>> _engines = new List<KeyValuePair<GradientSession, UsageSyncEngine>>();
        private readonly Dictionary<GradientSession, string> _ledgerProblems = new Dictionary<GradientSession, string>();
        private long _received;
        private long _done;
        private TimeSpan _lastProgress = TimeSpan.Zero;

        // The cmdlets use this overload (no TimeProvider on their side of the load-context boundary).
        public UsageSyncCoordinator(Func<GradientSession, bool> confirm, int maxConcurrency, long expectedRows, TimeSpan progressInterval)
            : this(confirm, maxConcurrency, expectedRows, progressInterval, TimeProvider.System)
        {
        }

        /// <param name="confirm">Asked once per session, on its first row: false runs that session as WhatIf (rows come back NotSent).</param>
        /// <param name="maxConcurrency">Pushes in flight at once per session.</param>
        /// <param name="expectedRows">Rows to expect, for the percentage; 0 when unknown.</param>
        /// <param name="progressInterval">The least time between two progress reports.</param>
        /// <param name="time">The clock for progress and the rate.</param>
        public UsageSyncCoordinator(Func<GradientSession, bool> confirm, int maxConcurrency, long expectedRows, TimeSpan progressInterval, TimeProvider time)
        {
            if (maxConcurrency < 1) throw new ArgumentOutOfRangeException(nameof(maxConcurrency));
            _confirm = confirm ?? throw new ArgumentNullException(nameof(confirm));
            _maxConcurrency = maxConcurrency;
            _expected = Math.Max(0, expectedRows);
            _progressInterval = progressInterval;
            _time = time ?? throw new ArgumentNullException(nameof(time));
            _start = _time.GetTimestamp();
        }

        public long Received => _received;

        /// <summary>The push ledger (docs/usage-sync.md, "Ledger"): set before the first row; null runs without one.</summary>
        public UsageLedger? Ledger { get; set; }

        /// <summary>With a ledger: send every row, unchanged ones too.</summary>
        public bool Force { get; set; }

        /// <summary>With a ledger: push pairs the ledger has but the input lacks as 0.</summary>
        public bool ZeroMissing { get; set; }

        /// <summary>The sessions rows went to, in the order they first appeared.</summary>
        public IReadOnlyList<GradientSession> Sessions
        {
            get
            {
                lock (_engines)
                {
                    var sessions = new List<GradientSession>(_engines.Count);
                    foreach (KeyValuePair<GradientSession, UsageSyncEngine> pair in _engines) sessions.Add(pair.Key);
                    return sessions;
                }
            }
        }

        /// <summary>The session a row goes to: <paramref name="session"/>, or its partner child for <paramref name="partnerKey"/>.</summary>
        public static GradientSession Route(GradientSession session, string? partnerKey)
        {
            if (session == null) throw new ArgumentNullException(nameof(session));
            return string.IsNullOrWhiteSpace(partnerKey) ? session : session.ForPartner(partnerKey!);
        }

        /// <summary>
        /// Numbers the row and hands it to the session's engine (made, and confirmed, on the session's
        /// first row). Waits while the engine has its limit of pushes in flight.
        /// </summary>
        public Task AddAsync(GradientSession session, UsageRow row, CancellationToken cancellationToken = default)
        {
            if (session == null) throw new ArgumentNullException(nameof(session));
            if (row == null) throw new ArgumentNullException(nameof(row));
            UsageSyncEngine? engine = Find(session);
            return engine == null ? AddToNewAsync(session, row, cancellationToken) : Add(engine, row, cancellationToken);
        }

        private async Task AddToNewAsync(GradientSession session, UsageRow row, CancellationToken cancellationToken)
        {
            UsageSyncEngine engine = await StartAsync(session, cancellationToken).ConfigureAwait(false);
            await Add(engine, row, cancellationToken).ConfigureAwait(false);
        }

        private Task Add(UsageSyncEngine engine, UsageRow row, CancellationToken cancellationToken)
        {
            // Rows are numbered from 1, as a CSV's data rows are; a row that already has a number
            // (a result piped back) keeps it, so a retry can be matched to the original row.
            _received++;
            if (row.Index <= 0)
            {
                row.Index = _received;
            }

            return engine.AddAsync(row, cancellationToken);
        }

        /// <summary>Stops every session's run from sending (the input ended early); <see cref="CompleteAsync"/> then reports what is left.</summary>
        public void Abandon()
        {
            foreach (KeyValuePair<GradientSession, UsageSyncEngine> pair in Snapshot())
            {
                pair.Value.Abandon();
            }
        }

        /// <summary>Rows finished since the last call, from every session.</summary>
        public IReadOnlyList<RoutedUsageResult> TakeCompleted()
        {
            var results = new List<RoutedUsageResult>();
            foreach (KeyValuePair<GradientSession, UsageSyncEngine> pair in Snapshot())
            {
                foreach (UsageResult result in pair.Value.TakeCompleted())
                {
                    results.Add(new RoutedUsageResult(pair.Key, result));
                }
            }

            _done += results.Count;
            return results;
        }

        /// <summary>Progress, at most once per progress interval counted from the start (null in between).</summary>
        public UsageSyncCoordinatorProgress? TakeProgress()
        {
            TimeSpan now = _time.GetElapsedTime(_start);
            if (now - _lastProgress < _progressInterval)
            {
                return null;
            }

            _lastProgress = now;
            return new UsageSyncCoordinatorProgress(_received, _done, now, _expected);
        }

        /// <summary>Finishes one session's run (its final billing-rebuild push) and returns its totals.</summary>
        public Task<UsageSyncSummary> CompleteAsync(GradientSession session, CancellationToken cancellationToken = default)
        {
            UsageSyncEngine engine = Find(session) ?? throw new ArgumentException("No rows went to that session.", nameof(session));
            string? problem;
            lock (_engines) _ledgerProblems.TryGetValue(session, out problem);
            return problem == null ? engine.CompleteAsync(cancellationToken) : WithProblemAsync(engine.CompleteAsync(cancellationToken), problem);
        }

        private static async Task<UsageSyncSummary> WithProblemAsync(Task<UsageSyncSummary> completion, string problem)
        {
            UsageSyncSummary summary = await completion.ConfigureAwait(false);
            summary.LedgerProblem ??= problem;
            return summary;
        }

        public void Dispose()
        {
            foreach (KeyValuePair<GradientSession, UsageSyncEngine> pair in Snapshot())
            {
                pair.Value.Dispose();
            }
        }

        private List<KeyValuePair<GradientSession, UsageSyncEngine>> Snapshot()
        {
            lock (_engines) return new List<KeyValuePair<GradientSession, UsageSyncEngine>>(_engines);
        }

        private UsageSyncEngine? Find(GradientSession session)
        {
            lock (_engines)
            {
                foreach (KeyValuePair<GradientSession, UsageSyncEngine> pair in _engines)
                {
                    if (ReferenceEquals(pair.Key, session))
                    {
                        return pair.Value;
                    }
                }
            }

            return null;
        }

        private async Task<UsageSyncEngine> StartAsync(GradientSession session, CancellationToken cancellationToken)
        {
            // One confirmation per session, not per row (and on the caller's thread, before any await): a
            // WhatIf run still validates and resolves every row and reports what would be pushed, as NotSent.
            bool send = _confirm(session);
            UsageLedgerPartner? partner = null;
            string? problem = null;
            if (Ledger != null)
            {
                // The ledger keeps entries per partner organization and checks the partner's identity
                // (key fingerprint, integration) against the one it recorded: one GET /organization.
                try
                {
                    GradientIntegration integration = await session.VerifyAsync(cancellationToken).ConfigureAwait(false);
                    partner = Ledger.Partner(integration, session.Client.Credential);
                }
                catch (OperationCanceledException)
                {
                    // Stopped while reading the organization: the engine is still made, so this row (and
                    // any after it) gets its NotSent result like every other row of a stopped run.
                    problem = "The ledger was not used for " + session + ": the run was stopped before the partner's organization was read.";
                }
                catch (Exception ex) when (!(ex is ObjectDisposedException))
                {
                    problem = "The ledger was not used for " + session + ": its organization could not be read or recorded (" + ex.Message + "), so every row was sent and none was recorded.";
                }
            }

            var engine = new UsageSyncEngine(session.Client, new UsageSyncOptions
            {
                MaxConcurrency = _maxConcurrency,
                WhatIf = !send,
                Ledger = partner,
                Force = Force,
                ZeroMissing = ZeroMissing,
            });
            lock (_engines)
            {
                _engines.Add(new KeyValuePair<GradientSession, UsageSyncEngine>(session, engine));
                if (problem != null) _ledgerProblems[session] = problem;
            }

            return engine;
        }
    }
}
