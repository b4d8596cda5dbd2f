using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;

namespace GradientMsp.Client.Http
{
    /// <summary>
    /// A <see cref="RateLimiter"/> that spaces permits at least <see cref="Interval"/> apart on a
    /// <see cref="TimeProvider"/> (a token bucket of burst 1 whose refill is measured from the last
    /// grant, not from a fixed tick).
    /// <para>
    /// Why not <see cref="TokenBucketRateLimiter"/>: in System.Threading.RateLimiting 8.0 it reads
    /// Stopwatch directly (no TimeProvider, so tests would have to sleep for real), and because it
    /// refills on fixed ticks a token saved up before a tick plus the tick's own token can leave
    /// back to back; at 10 or 50 requests a second that lets R+1 requests into one rolling second
    /// even with a 2 % margin. Spacing from the last grant bounds any 1 s window to
    /// floor(1 s / Interval) + 1 requests, which the margin keeps at or under the limit.
    /// </para>
    /// </summary>
    internal sealed class PacingRateLimiter : RateLimiter
    {
        /// <summary>Fraction of the advertised rate actually used, so jitter between us and the server's rolling window never trips it.</summary>
        public const double SafetyFactor = 0.98;

        private readonly TimeProvider _time;
        private readonly long _origin;
        private readonly object _lock = new object();
        private TimeSpan _nextFree;          // offset from _origin at which the next permit may leave
        private long _granted;
        private int _waiting;
        private bool _disposed;

        public PacingRateLimiter(double requestsPerSecond, TimeProvider time)
        {
            if (!(requestsPerSecond > 0) || double.IsInfinity(requestsPerSecond))
                throw new ArgumentOutOfRangeException(nameof(requestsPerSecond), requestsPerSecond, "Requests per second must be a positive number.");
            _time = time ?? throw new ArgumentNullException(nameof(time));
            Interval = IntervalFor(requestsPerSecond);
            _origin = _time.GetTimestamp();
            _nextFree = TimeSpan.Zero;
        }

        /// <summary>The minimum gap between two permits.</summary>
        public TimeSpan Interval { get; }

        /// <summary>
        /// 1 s / (rate × 0.98), rounded up to a tick. A fractional limit above 1 is first rounded down,
        /// because "no more than 2.5 a second" in a rolling window means "no more than 2".
        /// </summary>
        public static TimeSpan IntervalFor(double requestsPerSecond)
        {
            double effective = requestsPerSecond >= 1 ? Math.Floor(requestsPerSecond) : requestsPerSecond;
            double ticks = TimeSpan.TicksPerSecond / (effective * SafetyFactor);
            return TimeSpan.FromTicks((long)Math.Ceiling(ticks));
        }

        public override TimeSpan? IdleDuration
        {
            get
            {
                lock (_lock)
                {
                    var now = Now();
                    return _waiting == 0 && now >= _nextFree ? now - _nextFree : (TimeSpan?)null;
                }
            }
        }

        public override RateLimiterStatistics? GetStatistics()
        {
            lock (_lock)
            {
                return new RateLimiterStatistics
                {
                    CurrentAvailablePermits = Now() >= _nextFree ? 1 : 0,
                    CurrentQueuedCount = _waiting,
                    TotalSuccessfulLeases = _granted,
                    TotalFailedLeases = 0,
                };
            }
        }

        protected override RateLimitLease AttemptAcquireCore(int permitCount)
        {
            CheckPermitCount(permitCount);
            lock (_lock)
            {
                ThrowIfDisposed();
                var now = Now();
                if (permitCount == 0) return Lease.Granted;
                if (now < _nextFree) return Lease.Denied(_nextFree - now);
                _nextFree = now + Interval;
                _granted++;
                return Lease.Granted;
            }
        }

        protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
        {
            CheckPermitCount(permitCount);
            cancellationToken.ThrowIfCancellationRequested();
            if (permitCount == 0) return Lease.Granted;

            TimeSpan slot, wait;
            lock (_lock)
            {
                ThrowIfDisposed();
                var now = Now();
                slot = now > _nextFree ? now : _nextFree;
                _nextFree = slot + Interval;
                wait = slot - now;
                if (wait <= TimeSpan.Zero) { _granted++; return Lease.Granted; }
                // Timers work in whole milliseconds and truncate: round up so a permit never leaves early.
                wait = TimeSpan.FromTicks((wait.Ticks + TimeSpan.TicksPerMillisecond - 1) / TimeSpan.TicksPerMillisecond * TimeSpan.TicksPerMillisecond);
                _waiting++;
            }

            try
            {
                await TimeProviderTaskExtensions.Delay(_time, wait, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                lock (_lock)
                {
                    _waiting--;
                    // Give the slot back if nobody queued behind it; otherwise it stays spent (safe, only slower).
                    if (_nextFree == slot + Interval) _nextFree = slot;
                }
                throw;
            }

            lock (_lock)
            {
                _waiting--;
                _granted++;
            }
            return Lease.Granted;
        }

        protected override void Dispose(bool disposing)
        {
            lock (_lock) _disposed = true;
            base.Dispose(disposing);
        }

        private TimeSpan Now() => _time.GetElapsedTime(_origin);

        private void ThrowIfDisposed()
        {
            if (_disposed) throw new ObjectDisposedException(nameof(PacingRateLimiter));
        }

        private static void CheckPermitCount(int permitCount)
        {
            if (permitCount < 0 || permitCount > 1)
                throw new ArgumentOutOfRangeException(nameof(permitCount), permitCount, "The pacer hands out one permit at a time.");
        }

        private sealed class Lease : RateLimitLease
        {
            public static readonly Lease Granted = new Lease(true, null);
            public static Lease Denied(TimeSpan retryAfter) => new Lease(false, retryAfter);

            private readonly TimeSpan? _retryAfter;

            private Lease(bool acquired, TimeSpan? retryAfter)
            {
                IsAcquired = acquired;
                _retryAfter = retryAfter;
            }

            public override bool IsAcquired { get; }

            public override IEnumerable<string> MetadataNames
            {
                get { if (_retryAfter.HasValue) yield return MetadataName.RetryAfter.Name; }
            }

            public override bool TryGetMetadata(string metadataName, out object? metadata)
            {
                if (_retryAfter.HasValue && metadataName == MetadataName.RetryAfter.Name)
                {
                    metadata = _retryAfter.Value;
                    return true;
                }
                metadata = null;
                return false;
            }
        }
    }
}
