using System;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace GradientMsp.Emulator.Pages
{
    /// <summary>
    /// Who may see and click the pages. Loopback clients only (like the control API); a Host header that
    /// names a loopback address (so a DNS-rebinding page cannot read the keys the pages show); and every POST
    /// carries this emulator's form token and, when the browser says where it came from, comes from the
    /// same origin: any web page could otherwise make the partner's browser POST "Disconnect" to 127.0.0.1.
    /// </summary>
    internal sealed class PageGuard
    {
        public const string FormField = "_form";

        private readonly byte[] _token;

        public PageGuard()
        {
            FormToken = EmulatorState.RandomHex(32);
            _token = Encoding.ASCII.GetBytes(FormToken);
        }

        /// <summary>Per emulator run; a page from elsewhere cannot read it (no CORS), so it cannot forge a form.</summary>
        public string FormToken { get; }

        /// <summary>Null when the request may be served, else why not (shown on a 403 page).</summary>
        public static string? RefuseRead(HttpContext ctx)
        {
            IPAddress? remote = ctx.Connection.RemoteIpAddress;
            if (remote != null && !IPAddress.IsLoopback(remote)) return "The Synthesize pages answer loopback clients only.";
            string host = ctx.Request.Host.Host;
            if (!IsLoopbackHost(host)) return "The Synthesize pages answer only under a loopback host name (127.0.0.1, localhost or [::1]).";
            return null;
        }

        public string? RefusePost(HttpContext ctx, IFormCollection form)
        {
            string? site = ctx.Request.Headers["Sec-Fetch-Site"];
            if (!string.IsNullOrEmpty(site) && site != "same-origin" && site != "none")
                return $"Cross-site form post refused (Sec-Fetch-Site: {site}).";
            string? origin = ctx.Request.Headers["Origin"];
            if (!string.IsNullOrEmpty(origin) && origin != "null")
            {
                string self = ctx.Request.Scheme + "://" + ctx.Request.Host.Value;
                if (!string.Equals(origin, self, StringComparison.OrdinalIgnoreCase)) return "Cross-origin form post refused (Origin does not match).";
            }
            else if (origin == "null") return "Form post from an opaque origin refused.";
            byte[] sent = Encoding.ASCII.GetBytes(form[FormField].ToString());
            if (!CryptographicOperations.FixedTimeEquals(sent, _token)) return "The form token is missing or stale; reload the page and try again.";
            return null;
        }

        private static bool IsLoopbackHost(string host)
        {
            if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)) return true;
            string h = host.Trim('[', ']');
            return IPAddress.TryParse(h, out IPAddress? ip) && IPAddress.IsLoopback(ip);
        }

        /// <summary>No caching (a page shows state the vendor may change any second, and sometimes a key), no framing
        /// (clickjacking), scripts only with this response's nonce.</summary>
        public static void SecureHeaders(HttpResponse res, string nonce)
        {
            res.Headers["Cache-Control"] = "no-store";
            res.Headers["X-Frame-Options"] = "DENY";
            res.Headers["X-Content-Type-Options"] = "nosniff";
            // same-origin, not no-referrer: under no-referrer Chromium sends "Origin: null" even on our own form posts.
            res.Headers["Referrer-Policy"] = "same-origin";
            res.Headers["Content-Security-Policy"] =
                $"default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-{nonce}'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        }
    }
}
