using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace GradientMsp.Emulator
{
    public sealed class FaultRule
    {
        public string Id { get; set; } = "";
        /// <summary>Glob over the request path ('*' = any characters). "*" or null = every vendor API request.
        /// A pattern starting with /api/ is matched against the full path, anything else against the path
        /// after /api/vendor-api (so "/service/*/count" works).</summary>
        public string? Path { get; set; }
        public string? Method { get; set; }
        /// <summary>status | latency | abort.</summary>
        public string Kind { get; set; } = "status";
        public int? StatusCode { get; set; }
        public int? RetryAfterSeconds { get; set; }
        public int LatencyMs { get; set; }
        /// <summary>How many more requests this rule applies to (null = unlimited).</summary>
        public int? Remaining { get; set; }
        /// <summary>Chance (0..1) that a matching request is hit.</summary>
        public double Probability { get; set; } = 1.0;
        public string? Message { get; set; }
        public long Hits { get; set; }

        internal Regex? Regex { get; set; }
    }

    /// <summary>The list of injected faults. Checked for every vendor API request; a volatile
    /// count keeps the no-fault path free of locks.</summary>
    internal sealed class FaultInjector
    {
        private readonly object _gate = new object();
        private readonly List<FaultRule> _rules = new List<FaultRule>();
        private volatile int _count;
        private int _nextId = 1;
        private readonly Random _random;

        public FaultInjector(int? seed = null) => _random = seed.HasValue ? new Random(seed.Value) : new Random();

        public static readonly int[] AllowedStatus = { 400, 401, 403, 404, 408, 409, 429, 500, 502, 503, 504 };

        public FaultRule Add(FaultRule rule)
        {
            string kind = rule.Kind.ToLowerInvariant();
            if (kind != "status" && kind != "latency" && kind != "abort" && kind != "dropanswer")
                throw new ArgumentException("kind must be one of: status, latency, abort, dropAnswer");
            rule.Kind = kind;
            if (kind == "status")
            {
                if (!rule.StatusCode.HasValue) throw new ArgumentException("statusCode is required for kind 'status'");
                if (!AllowedStatus.Contains(rule.StatusCode.Value))
                    throw new ArgumentException("statusCode must be one of: " + string.Join(", ", AllowedStatus));
            }
            if (kind == "latency" && rule.LatencyMs <= 0) throw new ArgumentException("latencyMs must be > 0 for kind 'latency'");
            if (rule.LatencyMs < 0 || rule.LatencyMs > 120_000) throw new ArgumentException("latencyMs must be between 0 and 120000");
            if (rule.Probability < 0 || rule.Probability > 1 || double.IsNaN(rule.Probability)) throw new ArgumentException("probability must be between 0 and 1");
            if (rule.Remaining.HasValue && rule.Remaining.Value < 1) throw new ArgumentException("count must be >= 1 (omit it for unlimited)");
            if (rule.RetryAfterSeconds.HasValue && rule.RetryAfterSeconds.Value < 0) throw new ArgumentException("retryAfterSeconds must be >= 0");
            rule.Regex = BuildRegex(rule.Path);
            lock (_gate)
            {
                rule.Id = "f" + (_nextId++).ToString(System.Globalization.CultureInfo.InvariantCulture);
                _rules.Add(rule);
                _count = _rules.Count;
            }
            return rule;
        }

        private static Regex? BuildRegex(string? path)
        {
            if (string.IsNullOrEmpty(path) || path == "*") return null;
            string full = path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase) ? path
                : VendorApi.Prefix + (path.StartsWith("/", StringComparison.Ordinal) ? path : "/" + path);
            string pattern = "^" + Regex.Escape(full).Replace("\\*", ".*", StringComparison.Ordinal) + "/?$";
            return new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        }

        public List<FaultRule> List()
        {
            lock (_gate) return _rules.ToList();
        }

        public int Clear()
        {
            lock (_gate)
            {
                int n = _rules.Count;
                _rules.Clear();
                _count = 0;
                return n;
            }
        }

        public bool Remove(string id)
        {
            lock (_gate)
            {
                bool removed = _rules.RemoveAll(r => r.Id == id) > 0;
                _count = _rules.Count;
                return removed;
            }
        }

        /// <summary>The first rule that matches and fires for this request (consuming one of its count), or null.</summary>
        public FaultRule? Match(string method, string path)
        {
            if (_count == 0) return null;
            lock (_gate)
            {
                for (int i = 0; i < _rules.Count; i++)
                {
                    FaultRule r = _rules[i];
                    if (r.Method != null && !string.Equals(r.Method, method, StringComparison.OrdinalIgnoreCase)) continue;
                    if (r.Regex != null && !r.Regex.IsMatch(path)) continue;
                    if (r.Probability < 1.0 && _random.NextDouble() >= r.Probability) continue;
                    r.Hits++;
                    if (r.Remaining.HasValue)
                    {
                        r.Remaining--;
                        if (r.Remaining <= 0)
                        {
                            _rules.RemoveAt(i);
                            _count = _rules.Count;
                        }
                    }
                    return r;
                }
                return null;
            }
        }
    }
}
