using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace GradientMsp.Emulator
{
    /// <summary>One request as a handler sees it: route values, the authenticated partner (vendor API)
    /// and the parsed JSON body (null when empty).</summary>
    internal sealed class Call
    {
        public Call(HttpContext context, string[] values, PartnerRecord? partner, JsonNode? body)
        {
            Context = context;
            Values = values;
            Partner = partner;
            Body = body;
        }

        public HttpContext Context { get; }
        public string[] Values { get; }
        public PartnerRecord? Partner { get; }
        public JsonNode? Body { get; }
        public PartnerRecord P => Partner ?? throw new InvalidOperationException("route needs a partner");
        public string? Query(string name)
        {
            var v = Context.Request.Query[name];
            return v.Count > 0 ? v[0] : null;
        }
    }

    internal sealed class Route
    {
        public Route(string method, string template, Func<Call, ApiResult> handler, bool auth, bool body)
        {
            Method = method;
            Template = template;
            Segments = template.Split('/', StringSplitOptions.RemoveEmptyEntries);
            Handler = handler;
            NeedsAuth = auth;
            ReadsBody = body;
        }

        public string Method { get; }
        public string Template { get; }
        public string[] Segments { get; }
        public Func<Call, ApiResult> Handler { get; }
        public bool NeedsAuth { get; }
        public bool ReadsBody { get; }
    }

    /// <summary>A tiny exact-segment router: literal segments match case-sensitively, "{x}" captures one segment.
    /// Own routing (instead of endpoint routing) keeps NestJS's "Cannot METHOD path" 404 for wrong methods.</summary>
    internal sealed class Router
    {
        /// <summary>
        /// "//api/vendor-api" or "/api//vendor-api" names no route: Express (under NestJS) matches the path as
        /// sent, so a client that joins a base URI ending in "/" with "/api/..." gets a 404 from the real
        /// service and must get one here. One trailing "/" is allowed, as Express's non-strict routing does.
        /// See docs/emulator-fidelity.md, "Doubled slashes".
        /// </summary>
        internal static bool HasEmptySegment(string path)
        {
            string p = path.Length > 1 && path[path.Length - 1] == '/' ? path.Substring(0, path.Length - 1) : path;
            return p.Contains("//", StringComparison.Ordinal);
        }

        private readonly List<Route> _routes = new List<Route>();

        public IReadOnlyList<Route> Routes => _routes;

        public void Map(string method, string template, Func<Call, ApiResult> handler, bool auth = true, bool body = false) =>
            _routes.Add(new Route(method, template, handler, auth, body));

        /// <summary>
        /// A captured segment as the id it names. ASP.NET Core decodes the path except "%2F" (so that
        /// an escaped slash does not split a segment); the value is the id, so it is decoded here: an
        /// account "a/b" is sent as "a%2Fb" by every client (Uri.EscapeDataString).
        /// </summary>
        internal static string SegmentValue(string raw)
            => raw.IndexOf('%') < 0 ? raw : raw.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);

        public Route? Match(string method, string path, out string[] values)
        {
            values = Array.Empty<string>();
            if (HasEmptySegment(path)) return null;
            string[] parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            foreach (Route r in _routes)
            {
                if (r.Segments.Length != parts.Length || !string.Equals(r.Method, method, StringComparison.OrdinalIgnoreCase)) continue;
                List<string>? captured = null;
                bool ok = true;
                for (int i = 0; i < parts.Length; i++)
                {
                    string seg = r.Segments[i];
                    if (seg.Length > 1 && seg[0] == '{')
                    {
                        (captured ??= new List<string>()).Add(SegmentValue(parts[i]));
                    }
                    else if (!string.Equals(seg, parts[i], StringComparison.Ordinal))
                    {
                        ok = false;
                        break;
                    }
                }
                if (!ok) continue;
                values = captured?.ToArray() ?? Array.Empty<string>();
                return r;
            }
            return null;
        }
    }
}
