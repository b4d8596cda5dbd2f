using System;
using System.Collections.Generic;
using System.Threading;

namespace GradientMsp.Emulator
{
    public sealed class RequestLogEntry
    {
        public long Index { get; set; }
        /// <summary>Formatted only when the log is read, to keep the request path cheap.</summary>
        public string Time => JsonSetup.Iso(TimeUtc);
        [System.Text.Json.Serialization.JsonIgnore] public DateTimeOffset TimeUtc { get; set; }
        public string Method { get; set; } = "";
        public string Path { get; set; } = "";
        public string Query { get; set; } = "";
        public int Status { get; set; }
        public double ElapsedMs { get; set; }
        public string? OrganizationId { get; set; }
        public string? Partner { get; set; }
        /// <summary>Id of the injected fault that answered this request, if any.</summary>
        public string? Fault { get; set; }
        public string? Note { get; set; }
    }

    /// <summary>Bounded, lock-free ring buffer of requests. Indexes grow forever; old entries are overwritten.
    /// Never holds a token: only method, path, query (with secret-looking parameters redacted) and outcome.</summary>
    internal sealed class RequestLog
    {
        private readonly RequestLogEntry?[] _ring;
        private long _next;

        public RequestLog(int capacity) => _ring = new RequestLogEntry?[Math.Max(1, capacity)];

        public int Capacity => _ring.Length;

        public long NextIndex => Interlocked.Read(ref _next);

        public void Add(RequestLogEntry e)
        {
            long i = Interlocked.Increment(ref _next) - 1;
            e.Index = i;
            Volatile.Write(ref _ring[i % _ring.Length], e);
        }

        public List<RequestLogEntry> Read(long since, string? pathContains, string? method, int limit, out long next, out long oldestAvailable)
        {
            next = NextIndex;
            oldestAvailable = Math.Max(0, next - _ring.Length);
            var list = new List<RequestLogEntry>();
            for (long i = Math.Max(since, oldestAvailable); i < next && list.Count < limit; i++)
            {
                RequestLogEntry? e = Volatile.Read(ref _ring[i % _ring.Length]);
                if (e == null || e.Index != i) continue; // overwritten meanwhile, or not yet written
                if (pathContains != null && e.Path.IndexOf(pathContains, StringComparison.OrdinalIgnoreCase) < 0) continue;
                if (method != null && !string.Equals(e.Method, method, StringComparison.OrdinalIgnoreCase)) continue;
                list.Add(e);
            }
            return list;
        }

        public void Clear()
        {
            for (int i = 0; i < _ring.Length; i++) Volatile.Write(ref _ring[i], null);
        }

        /// <summary>Drops the values of query parameters whose names look like secrets.</summary>
        public static string RedactQuery(string query)
        {
            if (string.IsNullOrEmpty(query)) return "";
            if (query.IndexOf("token", StringComparison.OrdinalIgnoreCase) < 0 && query.IndexOf("key", StringComparison.OrdinalIgnoreCase) < 0)
                return query;
            string q = query.StartsWith("?", StringComparison.Ordinal) ? query.Substring(1) : query;
            string[] parts = q.Split('&');
            bool changed = false;
            for (int i = 0; i < parts.Length; i++)
            {
                int eq = parts[i].IndexOf('=');
                string name = eq >= 0 ? parts[i].Substring(0, eq) : parts[i];
                if (name.IndexOf("token", StringComparison.OrdinalIgnoreCase) >= 0 || name.IndexOf("key", StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    parts[i] = name + "=REDACTED";
                    changed = true;
                }
            }
            return changed ? "?" + string.Join("&", parts) : (query.StartsWith("?", StringComparison.Ordinal) ? query : "?" + query);
        }
    }
}
