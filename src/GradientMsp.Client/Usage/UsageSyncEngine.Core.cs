using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics;
using System.Threading;
using System.Threading.Tasks;
using GradientMsp.Client.Models;

namespace GradientMsp.Client.Usage
{
    // Implementation half of UsageSyncEngine.
    //
    // Flow: AddAsync validates a row (and resolves its service name, once per engine), then holds it.
    // When the next valid row arrives the held one is pushed with no_build=true on a worker, bounded
    // by a semaphore of MaxConcurrency slots that AddAsync waits on (back-pressure). CompleteAsync
    // takes every slot (= all pushes finished), pushes the held row without no_build, and if that
    // does not land re-sends the last row that did (same value, so idempotent) to rebuild billing.
    // Results go to a queue the caller drains; nothing is kept per row after it is reported, so
    // memory is bounded by MaxConcurrency whatever the number of rows.
    public sealed partial class UsageSyncEngine
    {
        private readonly object _lock = new object();
        private ConcurrentQueue<UsageResult> _results = null!;
        private TaskCompletionSource<bool> _signal = null!;
        private SemaphoreSlim _slots = null!;
        private CancellationTokenSource _runCts = null!;
        private CancellationToken _runToken;
        private TimeProvider _time = null!;
        private int _maxConcurrency;
        private int _refillBatch;                      // free slots that wake a caller waiting for a slot
        private TaskCompletionSource<bool>? _refillWaiter;
        private long _startTimestamp;
        private long _startRequests;
        private long _startRetries;

        private Pending? _held;          // touched only by the caller's thread (AddAsync / CompleteAsync)
        private Pending? _lastPushed;    // under _lock: the row whose push most recently landed

        // Service name resolution, done once per engine.
        private NameMap? _vendorNames;
        private string? _vendorLookupError;
        private NameMap? _orgNames;
        private string? _orgLookupError;
        private bool _orgLookupDone;

        private long _received, _completed, _inFlight;
        private long _pushed, _unmapped, _failed, _invalid, _notSent;
        private int _billingRebuilt;
        private int _completeStarted;
        private UsageSyncSummary? _summary;
        private int _disposed;

        partial void Initialize()
        {
            _time = Client.Options.TimeProvider ?? TimeProvider.System;
            _maxConcurrency = Math.Max(1, Options.MaxConcurrency);
            _slots = new SemaphoreSlim(_maxConcurrency, _maxConcurrency);
            _refillBatch = Math.Max(1, _maxConcurrency / 4);
            _results = new ConcurrentQueue<UsageResult>();
            _signal = NewSignal();
            _runCts = new CancellationTokenSource();
            _runToken = _runCts.Token;
            _startTimestamp = _time.GetTimestamp();
            _startRequests = Client.RequestCount;
            _startRetries = Client.RetryCount;
        }

        // ------------------------------------------------------------------ public surface

        private async Task AddCoreAsync(UsageRow row, CancellationToken cancellationToken)
        {
            if (row == null) throw new ArgumentNullException(nameof(row));
            ThrowIfDisposed();
            if (Volatile.Read(ref _completeStarted) != 0) throw new InvalidOperationException("CompleteAsync has been called; this usage run takes no more rows.");
            Interlocked.Increment(ref _received);

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
            if (Options.WhatIf)
            {
                Emit(Result(item, UsageOutcome.NotSent, "WhatIf"));
                return;
            }

            var previous = _held;
            _held = item;
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

            Interlocked.Increment(ref _inFlight);
            // Not awaited: the push reports its own result and frees its slot. It never throws.
            _ = PushAsync(previous, noBuild: true, report: true, ownsSlot: true);
        }

        private IReadOnlyList<UsageResult> TakeCompletedCore()
        {
            if (_results.IsEmpty) return Array.Empty<UsageResult>();
            var taken = new List<UsageResult>();
            while (_results.TryDequeue(out var result)) taken.Add(result);
            return taken;
        }

        private async Task<bool> WaitForCompletedCoreAsync(TimeSpan timeout, CancellationToken cancellationToken)
        {
            var signal = Volatile.Read(ref _signal);
            if (!_results.IsEmpty) return true;
            if (_summary != null) return false; // run over and drained: nothing more will come
            cancellationToken.ThrowIfCancellationRequested();
            if (timeout == TimeSpan.Zero) return false;

            using (var delayCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                Task delay = timeout < TimeSpan.Zero
                    ? Task.Delay(Timeout.Infinite, delayCts.Token)
                    : TimeProviderTaskExtensions.Delay(_time, timeout, delayCts.Token);
                await Task.WhenAny(signal.Task, delay).ConfigureAwait(false);
                delayCts.Cancel();
            }
            cancellationToken.ThrowIfCancellationRequested();
            return !_results.IsEmpty;
        }

        private async Task<UsageSyncSummary> CompleteCoreAsync(CancellationToken cancellationToken)
        {
            ThrowIfDisposed();
            if (Interlocked.Exchange(ref _completeStarted, 1) != 0)
            {
                if (_summary != null) return _summary;
                throw new InvalidOperationException("CompleteAsync is already running.");
            }

            using (cancellationToken.Register(CancelRun))
            {
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
                        else
                        {
                            Interlocked.Increment(ref _inFlight);
                            var outcome = await PushAsync(held, noBuild: false, report: true, ownsSlot: false).ConfigureAwait(false);
                            if (outcome == UsageOutcome.Pushed)
                            {
                                Volatile.Write(ref _billingRebuilt, 1);
                            }
                            else if (outcome == UsageOutcome.Unmapped || outcome == UsageOutcome.Failed)
                            {
                                Pending? last;
                                lock (_lock) last = _lastPushed;
                                if (last != null && !_runToken.IsCancellationRequested)
                                {
                                    // Re-send a row that landed, same value, to get the one billing rebuild.
                                    Interlocked.Increment(ref _inFlight);
                                    var again = await PushAsync(last, noBuild: false, report: false, ownsSlot: false).ConfigureAwait(false);
                                    if (again == UsageOutcome.Pushed) Volatile.Write(ref _billingRebuilt, 1);
                                }
                            }
                        }
                    }
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
                Requests = Client.RequestCount - _startRequests,
                Retries = Client.RetryCount - _startRetries,
                BillingRebuilt = Volatile.Read(ref _billingRebuilt) != 0,
                Elapsed = _time.GetElapsedTime(_startTimestamp),
            };
            summary.Total = summary.Pushed + summary.Unmapped + summary.Failed + summary.Invalid + summary.NotSent;
            _summary = summary;
            Signal(); // wake a waiter so it sees the run is over
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

        private UsageSyncProgress GetProgress()
            => new UsageSyncProgress(Interlocked.Read(ref _received), Interlocked.Read(ref _completed), Interlocked.Read(ref _inFlight), _time.GetElapsedTime(_startTimestamp));

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
            try
            {
                var outcome = await Client.PushUnitCountAsync(item.ServiceId, item.AccountId, item.UnitCount, noBuild, _runToken).ConfigureAwait(false);
                if (outcome.StatusCode == 404)
                {
                    result = Result(item, UsageOutcome.Unmapped, outcome.ApiMessage ?? "The account or the service is not mapped by the partner.");
                    result.StatusCode = 404;
                    result.Attempts = outcome.Attempts;
                }
                else
                {
                    result = Result(item, UsageOutcome.Pushed, null);
                    result.StatusCode = outcome.StatusCode;
                    result.Attempts = outcome.Attempts;
                    result.RebuiltBilling = !noBuild;
                    lock (_lock) _lastPushed = item;
                }
            }
            catch (GradientApiException ex)
            {
                result = Result(item, UsageOutcome.Failed, ex.Kind.ToString() + ": " + ex.Message);
                result.StatusCode = ex.StatusCode.HasValue ? (int)ex.StatusCode.Value : (int?)null;
                result.Attempts = ex.Attempts;
            }
            catch (OperationCanceledException)
            {
                result = Result(item, UsageOutcome.NotSent, "Cancelled; the request may not have reached the service.");
            }
            catch (Exception ex)
            {
                result = Result(item, UsageOutcome.Failed, ex.GetType().Name + ": " + ex.Message);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
                if (ownsSlot)
                {
                    _slots.Release();
                    if (_slots.CurrentCount >= _refillBatch)
                        Interlocked.Exchange(ref _refillWaiter, null)?.TrySetResult(true);
                }
            }

            result.Elapsed = _time.GetElapsedTime(start);
            if (report) Emit(result);
            return result.Outcome;
        }

        // ------------------------------------------------------------------ validation

        private sealed class Pending
        {
            public Pending(UsageRow row, string accountId, string serviceId, decimal unitCount)
            {
                Row = row; AccountId = accountId; ServiceId = serviceId; UnitCount = unitCount;
            }

            public UsageRow Row { get; }
            public string AccountId { get; }
            public string ServiceId { get; }
            public decimal UnitCount { get; }
        }

        private readonly struct Checked
        {
            public Checked(Pending? item, UsageResult? result) { Item = item; Result = result; }
            public Pending? Item { get; }
            public UsageResult? Result { get; }
        }

        private async Task<Checked> CheckAsync(UsageRow row, CancellationToken cancellationToken)
        {
            var accountId = row.AccountId?.Trim();
            bool countOk = TryParseUnitCount(row.UnitCount, out var count, out var countProblem);

            if (string.IsNullOrEmpty(accountId))
                return Invalid(row, "AccountId is missing.", countOk ? count : (decimal?)null);
            if (!countOk)
                return Invalid(row, countProblem!, null);

            var serviceId = row.ServiceId?.Trim();
            if (string.IsNullOrEmpty(serviceId))
            {
                var name = row.ServiceName?.Trim();
                if (string.IsNullOrEmpty(name))
                    return Invalid(row, "Neither ServiceId nor ServiceName is given.", count);

                var resolved = await ResolveAsync(name!, cancellationToken).ConfigureAwait(false);
                if (resolved.Id == null)
                {
                    var bad = Result(row, resolved.Outcome, resolved.Problem);
                    bad.AccountId = accountId;
                    bad.UnitCount = count;
                    return new Checked(null, bad);
                }
                serviceId = resolved.Id;
            }

            return new Checked(new Pending(row, accountId!, serviceId!, count), null);
        }

        private Checked Invalid(UsageRow row, string reason, decimal? count)
        {
            var result = Result(row, UsageOutcome.Invalid, reason);
            result.UnitCount = count;
            return new Checked(null, result);
        }

        /// <summary>
        /// Reads a unit count given as any CLR number or as invariant-culture text. Zero is valid;
        /// missing, blank, non-numeric, negative, NaN and infinite counts are not.
        /// </summary>
        internal static bool TryParseUnitCount(object? value, out decimal count, out string? problem)
        {
            count = 0;
            problem = null;
            switch (value)
            {
                case null:
                case DBNull _:
                    problem = "UnitCount is missing.";
                    return false;
                case bool _:
                case char _:
                    problem = "UnitCount of type " + value.GetType().Name + " is not a number.";
                    return false;
                case decimal d: count = d; break;
                case int i: count = i; break;
                case long l: count = l; break;
                case short s: count = s; break;
                case sbyte sb: count = sb; break;
                case byte b: count = b; break;
                case ushort us: count = us; break;
                case uint ui: count = ui; break;
                case ulong ul: count = ul; break;
                case double dbl:
                    if (!FromDouble(dbl, out count, out problem)) return false;
                    break;
                case float f:
                    if (!FromDouble(f, out count, out problem)) return false;
                    break;
                case BigInteger big:
                    if (big > new BigInteger(decimal.MaxValue) || big < new BigInteger(decimal.MinValue))
                    {
                        problem = "UnitCount " + big.ToString(CultureInfo.InvariantCulture) + " is out of range.";
                        return false;
                    }
                    count = (decimal)big;
                    break;
                default:
                    // Text, or a wrapper (e.g. a PSObject) whose text is the number.
                    var text = (value as string ?? Convert.ToString(value, CultureInfo.InvariantCulture) ?? "").Trim();
                    if (text.Length == 0)
                    {
                        problem = "UnitCount is missing.";
                        return false;
                    }
                    if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out count)) break;
                    if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var asDouble))
                    {
                        if (!FromDouble(asDouble, out count, out problem)) return false;
                        break;
                    }
                    problem = "UnitCount '" + Shorten(text) + "' is not a number.";
                    return false;
            }

            if (count < 0)
            {
                problem = "UnitCount " + count.ToString(CultureInfo.InvariantCulture) + " is negative.";
                return false;
            }
            return true;
        }

        private static bool FromDouble(double value, out decimal count, out string? problem)
        {
            count = 0;
            problem = null;
            if (double.IsNaN(value) || double.IsInfinity(value))
            {
                problem = "UnitCount " + value.ToString(CultureInfo.InvariantCulture) + " is not a finite number.";
                return false;
            }
            if (value > (double)decimal.MaxValue || value < (double)decimal.MinValue)
            {
                problem = "UnitCount " + value.ToString("R", CultureInfo.InvariantCulture) + " is out of range.";
                return false;
            }
            count = (decimal)value;
            return true;
        }

        private static string Shorten(string text) => text.Length <= 40 ? text : text.Substring(0, 40) + "…";

        // ------------------------------------------------------------------ service names

        private sealed class NameMap
        {
            private readonly Dictionary<string, string> _ids = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            private readonly Dictionary<string, int> _ambiguous = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

            public void Add(string? name, string? id)
            {
                name = name?.Trim();
                if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(id)) return;
                if (_ambiguous.TryGetValue(name!, out var n)) { _ambiguous[name!] = n + 1; return; }
                if (_ids.TryGetValue(name!, out var existing))
                {
                    if (string.Equals(existing, id, StringComparison.Ordinal)) return; // the same service listed twice
                    _ids.Remove(name!);
                    _ambiguous[name!] = 2;
                    return;
                }
                _ids[name!] = id!;
            }

            public bool TryGet(string name, out string? id, out int ambiguousCount)
            {
                ambiguousCount = _ambiguous.TryGetValue(name, out var n) ? n : 0;
                if (_ids.TryGetValue(name, out var found)) { id = found; return true; }
                id = null;
                return false;
            }
        }

        private readonly struct Resolution
        {
            public Resolution(string? id, UsageOutcome outcome, string? problem) { Id = id; Outcome = outcome; Problem = problem; }
            public string? Id { get; }
            public UsageOutcome Outcome { get; }
            public string? Problem { get; }
        }

        private async Task<Resolution> ResolveAsync(string name, CancellationToken cancellationToken)
        {
            if (_vendorNames == null && _vendorLookupError == null)
            {
                try
                {
                    var vendor = await Client.GetVendorAsync(cancellationToken).ConfigureAwait(false);
                    var map = new NameMap();
                    foreach (var sku in vendor.Services ?? new List<GradientService>())
                    {
                        if (sku == null) continue;
                        map.Add(sku.Name, string.IsNullOrEmpty(sku.Id) ? sku.LegacyId : sku.Id);
                    }
                    _vendorNames = map;
                }
                catch (GradientApiException ex)
                {
                    _vendorLookupError = "Could not resolve service names (GET vendor failed): " + ex.Kind + ": " + ex.Message;
                }
            }
            if (_vendorLookupError != null)
                return new Resolution(null, UsageOutcome.Failed, _vendorLookupError);

            var found = Lookup(_vendorNames!, name);
            if (found.HasValue) return found.Value;

            if (!_orgLookupDone)
            {
                try
                {
                    var services = await Client.GetOrganizationServicesAsync(null, cancellationToken).ConfigureAwait(false);
                    var map = new NameMap();
                    foreach (var service in services)
                    {
                        if (service != null) map.Add(service.Name, service.Id);
                    }
                    _orgNames = map;
                }
                catch (GradientApiException ex) when (ex.Kind == GradientErrorKind.NotFound)
                {
                    _orgNames = new NameMap(); // no organization services for this partner
                }
                catch (GradientApiException ex)
                {
                    _orgLookupError = "Service name '" + name + "' is not a vendor service and organization services could not be listed: " + ex.Kind + ": " + ex.Message;
                }
                _orgLookupDone = true;
            }

            if (_orgNames != null)
            {
                found = Lookup(_orgNames, name);
                if (found.HasValue) return found.Value;
                return new Resolution(null, UsageOutcome.Invalid, "Unknown service name '" + name + "': no vendor or organization service has that name.");
            }
            return new Resolution(null, UsageOutcome.Failed, _orgLookupError ?? "Service name '" + name + "' could not be resolved.");
        }

        private static Resolution? Lookup(NameMap map, string name)
        {
            if (map.TryGet(name, out var id, out var ambiguous)) return new Resolution(id, UsageOutcome.Pushed, null);
            if (ambiguous > 0)
                return new Resolution(null, UsageOutcome.Invalid, "Service name '" + name + "' is ambiguous: " + ambiguous.ToString(CultureInfo.InvariantCulture) + " services have that name; give the ServiceId instead.");
            return null;
        }

        // ------------------------------------------------------------------ results

        private static UsageResult Result(UsageRow row, UsageOutcome outcome, string? reason) => new UsageResult
        {
            Index = row.Index,
            AccountId = row.AccountId,
            ServiceId = string.IsNullOrWhiteSpace(row.ServiceId) ? null : row.ServiceId!.Trim(),
            ServiceName = row.ServiceName,
            Outcome = outcome,
            Reason = reason,
            Source = row.Source,
        };

        private static UsageResult Result(Pending item, UsageOutcome outcome, string? reason)
        {
            var result = Result(item.Row, outcome, reason);
            result.AccountId = item.AccountId;
            result.ServiceId = item.ServiceId;
            result.UnitCount = item.UnitCount;
            return result;
        }

        private void Emit(UsageResult result)
        {
            switch (result.Outcome)
            {
                case UsageOutcome.Pushed: Interlocked.Increment(ref _pushed); break;
                case UsageOutcome.Unmapped: Interlocked.Increment(ref _unmapped); break;
                case UsageOutcome.Failed: Interlocked.Increment(ref _failed); break;
                case UsageOutcome.Invalid: Interlocked.Increment(ref _invalid); break;
                default: Interlocked.Increment(ref _notSent); break;
            }
            Interlocked.Increment(ref _completed);
            _results.Enqueue(result);
            Signal();
        }

        private void Signal() => Interlocked.Exchange(ref _signal, NewSignal()).TrySetResult(true);

        private static TaskCompletionSource<bool> NewSignal() => new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

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
