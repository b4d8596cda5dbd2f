using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using GradientMsp.Contracts;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace GradientMsp.Client
{
    /// <summary>What a raw call answered: the status and the body, parsed into plain .NET values when it is JSON.</summary>
    public sealed class GradientRawResponse
    {
        internal GradientRawResponse(int statusCode, string text, object? value, bool isJson)
        {
            StatusCode = statusCode;
            Text = text;
            Value = value;
            IsJson = isJson;
        }

        public int StatusCode { get; }

        /// <summary>The body as sent.</summary>
        public string Text { get; }

        /// <summary>The JSON body as IDictionary&lt;string, object?&gt; / IList&lt;object?&gt; / string / long / double / bool / null.</summary>
        public object? Value { get; }

        public bool IsJson { get; }
    }

    // The escape hatch (Invoke-GradientRequest): any route under the vendor API root, through the same
    // handlers (token, pacing, retries, timeouts, redacted tracing) as the typed calls.
    public sealed partial class GradientClient
    {
        /// <param name="method">GET, POST, PUT, PATCH or DELETE.</param>
        /// <param name="path">A path under the vendor API root, e.g. "/organization/accounts?accountIds=a"; a leading "/api/vendor-api" is accepted too.</param>
        /// <param name="jsonBody">The JSON text to send, or null for none.</param>
        /// <param name="cancellationToken">Cancels the request.</param>
        /// <exception cref="ArgumentException">The path is absolute, leaves the API root or the method is unknown.</exception>
        /// <exception cref="GradientApiException">A non-2xx answer or a transport failure, as for every call.</exception>
        public async Task<GradientRawResponse> InvokeRawAsync(string method, string path, string? jsonBody, CancellationToken cancellationToken = default)
        {
            var verb = new HttpMethod(CheckMethod(method));
            string relative = ApiRoot + CheckPath(path);
            ApiResponse response = await ExchangeAsync(verb, relative, jsonBody != null ? new RawJson(jsonBody) : null, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccess) throw response.Failure();
            if (string.IsNullOrWhiteSpace(response.Text)) return new GradientRawResponse(response.StatusCode, response.Text, null, false);
            try
            {
                return new GradientRawResponse(response.StatusCode, response.Text, ToPlain(Internal.Json.Parse(response.Text)), true);
            }
            catch (JsonException)
            {
                return new GradientRawResponse(response.StatusCode, response.Text, response.Text, false);
            }
        }

        private static readonly string[] RawMethods = { "GET", "POST", "PUT", "PATCH", "DELETE" };

        internal static string CheckMethod(string method)
        {
            string verb = (method ?? string.Empty).Trim().ToUpperInvariant();
            if (!RawMethods.Contains(verb)) throw new ArgumentException("The method '" + method + "' is not one of " + string.Join(", ", RawMethods) + ".", nameof(method));
            return verb;
        }

        /// <summary>Keeps a raw path under the vendor API root: the token must never go to another host or route.</summary>
        /// <exception cref="ArgumentException">The path is absolute, starts with //, or has dot segments.</exception>
        public static string CheckPath(string path)
        {
            string p = (path ?? string.Empty).Trim();
            if (p.Length == 0 || p[0] != '/' || p.StartsWith("//", StringComparison.Ordinal) || p.IndexOf('\\') >= 0 || p.IndexOf("://", StringComparison.Ordinal) >= 0)
                throw new ArgumentException("The path '" + path + "' must start with a single '/' and be relative to the vendor API root (e.g. /organization).", nameof(path));
            if (p.StartsWith(VendorApiContract.Prefix + "/", StringComparison.OrdinalIgnoreCase) || string.Equals(p, VendorApiContract.Prefix, StringComparison.OrdinalIgnoreCase))
                p = p.Substring(VendorApiContract.Prefix.Length);
            string pathPart = p.Split('?', '#')[0];
            foreach (string segment in pathPart.Split('/'))
            {
                string decoded = Uri.UnescapeDataString(segment);
                if (decoded == "." || decoded == "..")
                    throw new ArgumentException("The path '" + path + "' may not contain '.' or '..' segments.", nameof(path));
            }

            return p.Length == 0 || p == "/" ? string.Empty : p;
        }

        private static object? ToPlain(JToken? token)
        {
            switch (token)
            {
                case null: return null;
                case JObject o:
                    var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                    foreach (JProperty property in o.Properties()) map[property.Name] = ToPlain(property.Value);
                    return map;
                case JArray a:
                    return a.Select(ToPlain).ToList();
                case JValue v:
                    return v.Type == JTokenType.Date && v.Value is DateTime d ? d.ToString("o", System.Globalization.CultureInfo.InvariantCulture) : v.Value;
                default:
                    return token.ToString();
            }
        }
    }
}
