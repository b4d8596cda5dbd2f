using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace GradientMsp.Client.Usage
{
    /// <summary>Settings for one usage sync run.</summary>
    public sealed class UsageSyncOptions
    {
        /// <summary>Pushes in flight at once; pacing to the rate limit is the client's job, this only bounds memory and sockets.</summary>
        public int MaxConcurrency { get; set; } = 16;
        /// <summary>Validate and resolve rows but send nothing; every valid row ends NotSent.</summary>
        public bool WhatIf { get; set; }
        /// <summary>Consecutive pushes that fail to reach Synthesize (connection, timeout, 5xx after retries) that stop the run; 0 never stops.</summary>
        public int BreakerThreshold { get; set; } = 5;
        /// <summary>The push ledger for this connection's partner: rows whose count already landed are Unchanged, landed counts are recorded.</summary>
        public Ledger.UsageLedgerPartner? Ledger { get; set; }
        /// <summary>With a ledger: send every row even when unchanged (still recorded).</summary>
        public bool Force { get; set; }
        /// <summary>With a ledger: push pairs the ledger has but the input lacks as 0, instead of only reporting them Missing.</summary>
        public bool ZeroMissing { get; set; }
    }

    /// <summary>
    /// Streams usage rows to one connection: rows are validated, service names resolved once, and
    /// pushed concurrently (bounded) with no_build=true; the last row is held back and pushed without
    /// no_build once everything else has finished, so billing is rebuilt exactly once. If that final
    /// push does not land, a previously pushed row is re-sent without no_build (a set is idempotent) so
    /// billing is still rebuilt. Results are produced on worker threads and taken by the caller on its
    /// own thread with <see cref="TakeCompleted"/>.
    /// </summary>
    /// <remarks>
    /// Flow: AddAsync checks a row (UsageSyncEngine.Rows.cs; names through <see cref="ServiceNameResolver"/>),
    /// then holds it. When the next valid row arrives the held one is pushed with no_build=true on a
    /// worker, bounded by a semaphore of MaxConcurrency slots that AddAsync waits on (back-pressure).
    /// CompleteAsync takes every slot (= all pushes finished), pushes the held row without no_build,
    /// and if that does not land re-sends the last row that did (same value, so idempotent) to rebuild
    /// billing. Results go to a queue the caller drains; nothing is kept per row after it is reported,
    /// so memory is bounded by MaxConcurrency whatever the number of rows.
    /// </remarks>
    public sealed partial class UsageSyncEngine : IDisposable
    {
        private readonly object _lock = new object();
        private readonly ConcurrentQueue<UsageResult> _results = new ConcurrentQueue<UsageResult>();
        private readonly SemaphoreSlim _slots;
        private readonly CancellationTokenSource _runCts = new CancellationTokenSource();
        private readonly CancellationToken _runToken;
        private readonly TimeProvider _time;
        private readonly ServiceNameResolver _names;
        private readonly int _maxConcurrency;
        private readonly int _refillBatch;             // free slots that wake a caller waiting for a slot
        private TaskCompletionSource<bool>? _refillWaiter;
        private readonly long _startTimestamp;
        private readonly long _startRequests;
        private readonly long _startRetries;

        private Pending? _held;          // touched only by the caller's thread (AddAsync / CompleteAsync)
        private Pending? _lastPushed;    // under _lock: the row whose push most recently landed

        private long _pushed, _unmapped, _failed, _invalid, _notSent, _superseded;
        private int _billingRebuilt;
        private int _completeStarted;
        private UsageSyncSummary? _summary;
        private int _disposed;

        public UsageSyncEngine(GradientClient client, UsageSyncOptions? options = null)
        {
            Client = client ?? throw new ArgumentNullException(nameof(client));
            Options = options ?? new UsageSyncOptions();
            _time = Client.Options.TimeProvider ?? TimeProvider.System;
            _names = new ServiceNameResolver(Client);
            _maxConcurrency = Math.Max(1, Options.MaxConcurrency);
            _slots = new SemaphoreSlim(_maxConcurrency, _maxConcurrency);
            _refillBatch = Math.Max(1, _maxConcurrency / 4);
            _runToken = _runCts.Token;
            _startTimestamp = _time.GetTimestamp();
            _startRequests = Client.RequestCount;
            _startRetries = Client.RetryCount;
        }

        public GradientClient Client { get; }
        public UsageSyncOptions Options { get; }

        /// <summary>Accepts one row; waits while MaxConcurrency pushes are in flight (back-pressure keeps memory flat).</summary>
        public async Task AddAsync(UsageRow row, CancellationToken cancellationToken)
        {
            if (row == null) throw new ArgumentNullException(nameof(row));
            ThrowIfDisposed();
            if (row.IsRetry) Volatile.Write(ref _sawRetry, 1);
            if (Volatile.Read(ref _completeStarted) != 0) throw new InvalidOperationException("CompleteAsync has been called; this usage run takes no more rows.");

            if (_runToken.IsCancellationRequested || cancellationToken.IsCancellationRequested)
            {
                Emit(Result(row, UsageOutcome.NotSent, "Cancelled before it was sent."));
                CancelRun();
                cancellationToken.ThrowIfCancellationRequested();
                return;
            }

            Checked check;
            try
            {
                check = await CheckAsync(row, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Emit(Result(row, UsageOutcome.NotSent, "Cancelled before it was sent."));
                CancelRun();
                throw;
            }

            if (check.Result != null)
            {
                Emit(check.Result);
                return;
            }

            var item = check.Item!;
            if (Options.Ledger != null && SkipUnchanged(item)) return;
            if (Options.WhatIf)
            {
                if (Options.Ledger != null) MarkSeen(item);
                Emit(Result(item, UsageOutcome.NotSent, Options.Ledger == null ? "WhatIf" : WouldSend(item)));
                return;
            }

            if (IsStopped)
            {
                // The breaker is open (or the run was abandoned): nothing more goes out on this connection.
                if (_held != null) Emit(NotSentStopped(_held));
                _held = null;
                Emit(NotSentStopped(item));
                return;
            }

            await AcceptAsync(item, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>A checked row to be pushed: holds it, and pushes the row held before (waits for a slot).</summary>
        private async Task AcceptAsync(Pending item, CancellationToken cancellationToken)
        {
            var previous = _held;
            bool coalesced = Track(item, previous);
            _held = item;
            if (coalesced)
            {
                // The held row was never sent and this later row sets the same pair: send only this one.
                Emit(Result(previous!, UsageOutcome.Superseded, SupersededReason(previous!, sent: false)));
                return;
            }
            if (previous == null) return;

            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _runToken))
            {
                try
                {
                    if (!_slots.Wait(0))
                    {
                        // Every slot is busy. Wait until a batch of slots is free rather than for the
                        // next one: a caller that blocks a thread per wait (the PowerShell pipeline)
                        // is then woken once per batch instead of once per row.
                        await WaitForFreeSlotsAsync(linked.Token).ConfigureAwait(false);
                        await _slots.WaitAsync(linked.Token).ConfigureAwait(false);
                    }
                }
                catch (OperationCanceledException)
                {
                    _held = null;
                    Emit(Result(previous, UsageOutcome.NotSent, "Cancelled before it was sent."));
                    Emit(Result(item, UsageOutcome.NotSent, "Cancelled before it was sent."));
                    CancelRun();
                    throw;
                }
            }

            // Not awaited: the push reports its own result and frees its slot. It never throws.
            _ = PushAsync(previous, noBuild: true, report: true, ownsSlot: true);
        }

        /// <summary>Results finished since the last call, in completion order. Call from the consuming thread.</summary>
        public IReadOnlyList<UsageResult> TakeCompleted()
        {
            if (_results.IsEmpty) return Array.Empty<UsageResult>();
            var taken = new List<UsageResult>();
            while (_results.TryDequeue(out var result)) taken.Add(result);
            return taken;
        }

        /// <summary>Finishes the run: waits for in-flight pushes, sends the final billing-rebuild push, returns the totals.
        /// On cancellation, rows not yet sent are reported NotSent and the totals so far are returned.</summary>
        public async Task<UsageSyncSummary> CompleteAsync(CancellationToken cancellationToken)
        {
            ThrowIfDisposed();
            if (Interlocked.Exchange(ref _completeStarted, 1) != 0)
            {
                if (_summary != null) return _summary;
                throw new InvalidOperationException("CompleteAsync is already running.");
            }

            using (cancellationToken.Register(CancelRun))
            {
                if (Options.Ledger != null && !IsStopped && !_runToken.IsCancellationRequested)
                {
                    try
                    {
                        await MissingAsync(cancellationToken).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        // Cancelled while a Missing pair waited for a slot: the rest of the run ends as below.
                    }
                }

                // Every slot free = every push finished (a cancelled run makes them finish promptly).
                for (int i = 0; i < _maxConcurrency; i++)
                    await _slots.WaitAsync().ConfigureAwait(false);
                try
                {
                    var held = _held;
                    _held = null;
                    if (held != null)
                    {
                        if (_runToken.IsCancellationRequested)
                        {
                            Emit(Result(held, UsageOutcome.NotSent, "Cancelled before it was sent."));
                        }
                        else if (IsStopped)
                        {
                            Emit(NotSentStopped(held));
                        }
                        else
                        {
                            var outcome = await PushAsync(held, noBuild: false, report: true, ownsSlot: false).ConfigureAwait(false);
                            if (outcome == UsageOutcome.Pushed)
                            {
                                Volatile.Write(ref _billingRebuilt, 1);
                            }
                            else if (outcome == UsageOutcome.Unmapped || outcome == UsageOutcome.Failed)
                            {
                                Pending? last;
                                lock (_lock) last = _lastPushed;
                                if (last != null && !_runToken.IsCancellationRequested && !IsStopped)
                                {
                                    // Re-send a row that landed, same value, to get the one billing rebuild.
                                    var again = await PushAsync(last, noBuild: false, report: false, ownsSlot: false).ConfigureAwait(false);
                                    if (again == UsageOutcome.Pushed) Volatile.Write(ref _billingRebuilt, 1);
                                }
                            }
                        }
                    }

                    await KeepFreshAsync().ConfigureAwait(false);
                }
                finally
                {
                    _slots.Release(_maxConcurrency);
                }
            }

            var summary = new UsageSyncSummary
            {
                Pushed = Interlocked.Read(ref _pushed),
                Unmapped = Interlocked.Read(ref _unmapped),
                Failed = Interlocked.Read(ref _failed),
                Invalid = Interlocked.Read(ref _invalid),
                NotSent = Interlocked.Read(ref _notSent),
                Superseded = Interlocked.Read(ref _superseded),
                DuplicatePairs = Interlocked.Read(ref _duplicatePairs),
                Unchanged = Interlocked.Read(ref _unchanged),
                Missing = Interlocked.Read(ref _missing),
                MissingNotJudged = Options.Ledger != null && Volatile.Read(ref _sawRetry) != 0,
                LedgerDistrusted = Options.Ledger?.DistrustReason,
                LedgerProblem = FlushLedger(),
                KeptFresh = _keptFresh,
                Stopped = (UsageSyncStop)Volatile.Read(ref _stopKind),
                StopReason = Volatile.Read(ref _stopReason),
                Requests = Client.RequestCount - _startRequests,
                Retries = Client.RetryCount - _startRetries,
                BillingRebuilt = Volatile.Read(ref _billingRebuilt) != 0,
                Elapsed = _time.GetElapsedTime(_startTimestamp),
            };
            summary.Total = summary.Pushed + summary.Unmapped + summary.Failed + summary.Invalid + summary.NotSent + summary.Superseded
                            + summary.Unchanged + _missingReported;
            _summary = summary;
            return summary;
        }

        private async Task WaitForFreeSlotsAsync(CancellationToken cancellationToken)
        {
            var waiter = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _refillWaiter, waiter);
            // A push may have finished between the failed Wait(0) and publishing the waiter.
            if (_slots.CurrentCount >= _refillBatch)
                Interlocked.Exchange(ref _refillWaiter, null)?.TrySetResult(true);
            using (cancellationToken.Register(() => waiter.TrySetCanceled()))
                await waiter.Task.ConfigureAwait(false);
        }

        /// <summary>Stops the run: pushes in flight are cancelled. Results not yet taken are dropped with the engine.</summary>
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
            CancelRun();
            // The CTS and semaphore are left to the GC: pushes still unwinding may touch them.
        }

        // ------------------------------------------------------------------ pushing

        private async Task<UsageOutcome> PushAsync(Pending item, bool noBuild, bool report, bool ownsSlot)
        {
            long start = _time.GetTimestamp();
            UsageResult result;
            GradientErrorKind? failure = null;
            try
            {
                // An earlier row of the same pair is still in flight: this one must land after it.
                if (report && item.After != null) await item.After.ConfigureAwait(false);
                if (report && IsStopped)
                {
                    result = NotSentStopped(item);
                }
                else
                {
                    var outcome = await Client.PushUnitCountAsync(item.ServiceId, item.AccountId, item.UnitCount, noBuild, _runToken).ConfigureAwait(false);
                    if (outcome.StatusCode == 404)
                    {
                        result = Result(item, UsageOutcome.Unmapped, outcome.ApiMessage ?? "The account or the service is not mapped by the partner.");
                        result.StatusCode = 404;
                        result.Attempts = outcome.Attempts;
                        RecordUncertain(item);
                    }
                    else
                    {
                        result = Result(item, UsageOutcome.Pushed, null);
                        result.StatusCode = outcome.StatusCode;
                        result.Attempts = outcome.Attempts;
                        result.RebuiltBilling = !noBuild;
                        lock (_lock) _lastPushed = item;
                        RecordLanded(item);
                    }
                }
            }
            catch (GradientApiException ex)
            {
                failure = ex.Kind;
                result = Result(item, UsageOutcome.Failed, ex.Kind.ToString() + ": " + ex.Message);
                result.StatusCode = ex.StatusCode.HasValue ? (int)ex.StatusCode.Value : (int?)null;
                result.Attempts = ex.Attempts;
                RecordUncertain(item);
            }
            catch (OperationCanceledException)
            {
                result = Result(item, UsageOutcome.NotSent, "Cancelled; the request may not have reached the service.");
                RecordUncertain(item);
            }
            catch (Exception ex)
            {
                result = Result(item, UsageOutcome.Failed, ex.GetType().Name + ": " + ex.Message);
                RecordUncertain(item);
            }

            try
            {
                result.Elapsed = _time.GetElapsedTime(start);
                if (report)
                {
                    // Before the slot is freed: a breaker this push opens must stop the next push.
                    Settle(item, result, failure);
                    Emit(result);
                }
                return result.Outcome;
            }
            finally
            {
                if (ownsSlot)
                {
                    _slots.Release();
                    if (_slots.CurrentCount >= _refillBatch)
                        Interlocked.Exchange(ref _refillWaiter, null)?.TrySetResult(true);
                }
            }
        }

        // ------------------------------------------------------------------ results

        private void Emit(UsageResult result)
        {
            switch (result.Outcome)
            {
                case UsageOutcome.Pushed: Interlocked.Increment(ref _pushed); break;
                case UsageOutcome.Unmapped: Interlocked.Increment(ref _unmapped); break;
                case UsageOutcome.Failed: Interlocked.Increment(ref _failed); break;
                case UsageOutcome.Invalid: Interlocked.Increment(ref _invalid); break;
                case UsageOutcome.Superseded: Interlocked.Increment(ref _superseded); break;
                case UsageOutcome.Unchanged: Interlocked.Increment(ref _unchanged); break;
                case UsageOutcome.Missing: Interlocked.Increment(ref _missingReported); break;
                default: Interlocked.Increment(ref _notSent); break;
            }
            _results.Enqueue(result);
        }

        private void CancelRun()
        {
            try { _runCts.Cancel(); }
            catch (ObjectDisposedException) { }
            catch (AggregateException) { /* a callback threw; the run is cancelled all the same */ }
        }

        private void ThrowIfDisposed()
        {
            if (Volatile.Read(ref _disposed) != 0) throw new ObjectDisposedException(nameof(UsageSyncEngine));
        }
    }
}
