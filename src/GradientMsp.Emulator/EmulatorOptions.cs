using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;

namespace GradientMsp.Emulator
{
    /// <summary>Command-line options of the emulator. Parsed by hand so that switches without a value
    /// (--no-seed, --allow-remote) never reach ASP.NET's configuration parser.</summary>
    public sealed class EmulatorOptions
    {
        public const int DefaultRateLimit = 100;

        public string Urls { get; set; } = "http://127.0.0.1:0";
        public string? VendorKey { get; set; }
        public string? PartnerKey { get; set; }
        public bool Seed { get; set; } = true;
        /// <summary>Requests allowed per token in any rolling second; 0 turns the limit off.</summary>
        public int RateLimit { get; set; } = DefaultRateLimit;
        public string? StateFile { get; set; }
        public bool AllowRemote { get; set; }
        public int? ParentPid { get; set; }
        /// <summary>Leave the caller's terminal session (setsid) on Linux/macOS, so a Ctrl+C meant for the
        /// parent's command does not reach the emulator (see docs/emulator.md).</summary>
        public bool NewSession { get; set; }
        /// <summary>Watch stdin and exit when it closes (only when stdin is a pipe; see docs/emulator.md).</summary>
        public bool WatchStdin { get; set; } = true;
        /// <summary>How long an alert stays "pending" in the queue before it is processed.</summary>
        public int AlertDelayMs { get; set; }
        /// <summary>Capacity of the request-log ring buffer.</summary>
        public int RequestLogCapacity { get; set; } = 10_000;
        /// <summary>Delay before a changed state is written to --state-file.</summary>
        public int SaveDebounceMs { get; set; } = 250;
        public bool Verbose { get; set; }

        public static EmulatorOptions Parse(IReadOnlyList<string> args)
        {
            var o = new EmulatorOptions();
            for (int i = 0; i < args.Count; i++)
            {
                string raw = args[i];
                string name = raw;
                string? inline = null;
                int eq = raw.IndexOf('=');
                if (raw.StartsWith("--", StringComparison.Ordinal) && eq > 0)
                {
                    name = raw.Substring(0, eq);
                    inline = raw.Substring(eq + 1);
                }

                string Value()
                {
                    if (inline != null) return inline;
                    if (i + 1 >= args.Count) throw new ArgumentException($"Option {name} needs a value.");
                    return args[++i];
                }

                int IntValue(int min)
                {
                    string v = Value();
                    if (!int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) || n < min)
                        throw new ArgumentException($"Option {name} needs an integer >= {min}, got '{v}'.");
                    return n;
                }

                switch (name.ToLowerInvariant())
                {
                    case "--urls": o.Urls = Value(); break;
                    case "--vendor-key": o.VendorKey = NonEmpty(name, Value()); break;
                    case "--partner-key": o.PartnerKey = NonEmpty(name, Value()); break;
                    case "--seed": o.Seed = true; break;
                    case "--no-seed": o.Seed = false; break;
                    case "--rate-limit": o.RateLimit = IntValue(0); break;
                    case "--state-file": o.StateFile = NonEmpty(name, Value()); break;
                    case "--allow-remote": o.AllowRemote = true; break;
                    case "--parent-pid": o.ParentPid = IntValue(1); break;
                    case "--new-session": o.NewSession = true; break;
                    case "--no-stdin-watch": o.WatchStdin = false; break;
                    case "--alert-delay-ms": o.AlertDelayMs = IntValue(0); break;
                    case "--request-log-capacity": o.RequestLogCapacity = IntValue(1); break;
                    case "--save-debounce-ms": o.SaveDebounceMs = IntValue(0); break;
                    case "--verbose": o.Verbose = true; break;
                    default: throw new ArgumentException($"Unknown option '{raw}'. See docs/emulator.md.");
                }
            }
            o.CheckUrls();
            return o;
        }

        private static string NonEmpty(string name, string v)
        {
            if (string.IsNullOrWhiteSpace(v)) throw new ArgumentException($"Option {name} needs a non-empty value.");
            if (v.Contains(':')) throw new ArgumentException($"Option {name} may not contain ':' (the token joins the keys with ':').");
            return v;
        }

        /// <summary>Refuses non-loopback listen addresses unless --allow-remote.</summary>
        public void CheckUrls()
        {
            if (AllowRemote) return;
            foreach (string u in Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                string host = HostOf(u);
                if (!IsLoopbackHost(host))
                    throw new ArgumentException($"Refusing to listen on '{u}': only loopback addresses unless --allow-remote.");
            }
        }

        internal static string HostOf(string url)
        {
            int scheme = url.IndexOf("://", StringComparison.Ordinal);
            string rest = scheme >= 0 ? url.Substring(scheme + 3) : url;
            int slash = rest.IndexOf('/');
            if (slash >= 0) rest = rest.Substring(0, slash);
            if (rest.StartsWith("[", StringComparison.Ordinal))
            {
                int close = rest.IndexOf(']');
                return close > 0 ? rest.Substring(1, close - 1) : rest;
            }
            int colon = rest.LastIndexOf(':');
            return colon >= 0 ? rest.Substring(0, colon) : rest;
        }

        internal static bool IsLoopbackHost(string host)
        {
            if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)) return true;
            return IPAddress.TryParse(host, out IPAddress? ip) && IPAddress.IsLoopback(ip);
        }
    }
}
