using System;
using System.Globalization;
using System.Net;
using System.Text;

namespace GradientMsp.Emulator.Pages
{
    /// <summary>A small HTML writer. Everything that is not a literal of ours goes through <see cref="T"/> or an
    /// attribute helper, which encode: vendor account and service names are hostile input.</summary>
    internal sealed class Html
    {
        private readonly StringBuilder _sb = new StringBuilder(8192);

        /// <summary>Markup written by this code (never user data).</summary>
        public Html Raw(string markup)
        {
            _sb.Append(markup);
            return this;
        }

        /// <summary>Text content, HTML-encoded.</summary>
        public Html T(string? text)
        {
            _sb.Append(WebUtility.HtmlEncode(text ?? ""));
            return this;
        }

        public Html T(decimal? value) => T(value.HasValue ? value.Value.ToString("0.##", CultureInfo.InvariantCulture) : "");

        /// <summary>An element with encoded text content: <c>El("td", name)</c>.</summary>
        public Html El(string tag, string? text, string? cls = null)
        {
            _sb.Append('<').Append(tag);
            if (cls != null) _sb.Append(" class=\"").Append(cls).Append('"');
            _sb.Append('>');
            T(text);
            _sb.Append("</").Append(tag).Append('>');
            return this;
        }

        /// <summary>A link; <paramref name="href"/> is ours (page paths built from encoded segments).</summary>
        public Html A(string href, string text, string? cls = null, bool current = false)
        {
            _sb.Append("<a href=\"").Append(Attr(href)).Append('"');
            if (cls != null) _sb.Append(" class=\"").Append(cls).Append('"');
            if (current) _sb.Append(" aria-current=\"page\"");
            _sb.Append('>');
            T(text);
            _sb.Append("</a>");
            return this;
        }

        /// <summary>A POST form with the anti-forgery field and one submit button; <paramref name="fields"/> are hidden inputs.</summary>
        public Html PostButton(string action, string formToken, string label, string? cls = null, params (string Name, string Value)[] fields)
        {
            BeginPost(action, formToken, "inline");
            foreach (var (name, value) in fields) Hidden(name, value);
            _sb.Append("<button type=\"submit\"");
            if (cls != null) _sb.Append(" class=\"").Append(cls).Append('"');
            _sb.Append('>');
            T(label);
            _sb.Append("</button></form>");
            return this;
        }

        public Html BeginPost(string action, string formToken, string? cls = null)
        {
            _sb.Append("<form method=\"post\" action=\"").Append(Attr(action)).Append('"');
            if (cls != null) _sb.Append(" class=\"").Append(cls).Append('"');
            _sb.Append('>');
            return Hidden(PageGuard.FormField, formToken);
        }

        public Html Hidden(string name, string value)
        {
            _sb.Append("<input type=\"hidden\" name=\"").Append(Attr(name)).Append("\" value=\"").Append(Attr(value)).Append("\">");
            return this;
        }

        /// <summary>Encodes a value for a double-quoted attribute.</summary>
        public static string Attr(string? value) => WebUtility.HtmlEncode(value ?? "");

        /// <summary>One URL path segment (organization ids are ours, but the route value comes from the request).</summary>
        public static string Seg(string value) => Uri.EscapeDataString(value);

        /// <summary>Only http(s) URLs become links: a vendor-set "javascript:" portal URL must not run in the partner's page.</summary>
        public static bool IsWebUrl(string? url) =>
            Uri.TryCreate(url, UriKind.Absolute, out Uri? u) && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp);

        public override string ToString() => _sb.ToString();
    }
}
