using System;
using System.Collections.Concurrent;

namespace GradientMsp.Emulator
{
    /// <summary>
    /// "More than N requests within any rolling second for one token → 429". Keeps the timestamps of
    /// the last N accepted requests per token in a ring; a request is accepted when fewer than N were
    /// accepted in the last second. Rejected requests are not recorded, so they do not extend the window.
    /// </summary>
    internal sealed class RateLimiter
    {
        private readonly TimeProvider _time;
        private readonly ConcurrentDictionary<string, Window> _windows = new ConcurrentDictionary<string, Window>(StringComparer.Ordinal);
        private const int MaxKeys = 10_000;

        public RateLimiter(int limit, TimeProvider time)
        {
            Limit = limit;
            _time = time;
        }

        /// <summary>Requests allowed per rolling second; 0 = off.</summary>
        public int Limit { get; }

        public bool TryAcquire(string key)
        {
            if (Limit <= 0) return true;
            if (_windows.Count > MaxKeys && !_windows.ContainsKey(key)) _windows.Clear(); // bounded memory under garbage tokens
            Window w = _windows.GetOrAdd(key, _ => new Window(Limit));
            long now = _time.GetTimestamp();
            long second = _time.TimestampFrequency;
            lock (w)
            {
                if (w.Count < w.Ring.Length)
                {
                    w.Ring[(w.Head + w.Count) % w.Ring.Length] = now;
                    w.Count++;
                    return true;
                }
                long oldest = w.Ring[w.Head];
                if (now - oldest < second) return false;
                w.Ring[w.Head] = now;
                w.Head = (w.Head + 1) % w.Ring.Length;
                return true;
            }
        }

        private sealed class Window
        {
            public Window(int n) => Ring = new long[n];
            public readonly long[] Ring;
            public int Head;
            public int Count;
        }
    }
}
