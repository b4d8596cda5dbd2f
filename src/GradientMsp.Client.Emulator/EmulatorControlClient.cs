using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using GradientMsp.Contracts;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace GradientMsp.Client.Emulator
{
    /// <summary>A control-API call the emulator refused (4xx/5xx).</summary>
    public sealed class EmulatorControlException : Exception
    {
        public EmulatorControlException(HttpStatusCode statusCode, string message) : base(message) => StatusCode = statusCode;
        public HttpStatusCode StatusCode { get; }
    }

    /// <summary>
    /// Typed client for the emulator's control API (/_emulator/…): the partner's side of Synthesize
    /// (connect, keys, mapping, finish, billing page, tickets) and test hooks (state, request log, faults).
    /// Organization ids accept "default" for the seeded partner.
    /// </summary>
    internal sealed class EmulatorControlClient : IDisposable
    {
        public const string DefaultOrganization = EmulatorContract.DefaultOrganization;

        private static readonly HttpMethod Patch = new HttpMethod("PATCH");
        private readonly HttpClient _http;
        private readonly bool _ownsHttp;
        private readonly string _base;

        /// <param name="baseUri">The emulator's root (READY line "baseUri"), e.g. http://127.0.0.1:5123.</param>
        /// <param name="http">An HttpClient to use (not disposed by this class); null = a private one.</param>
        public EmulatorControlClient(Uri baseUri, HttpClient? http = null)
        {
            if (baseUri == null) throw new ArgumentNullException(nameof(baseUri));
            _base = baseUri.ToString().TrimEnd('/') + EmulatorContract.ControlPrefix;
            _ownsHttp = http == null;
            _http = http ?? new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        }

        /// <summary>The control API root: the emulator's root + /_emulator.</summary>
        public Uri BaseUri => new Uri(_base);

        public void Dispose()
        {
            if (_ownsHttp) _http.Dispose();
        }

        // ---------- emulator ----------

        public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken = default)
        {
            try
            {
                JToken t = await SendAsync(HttpMethod.Get, "/health", null, cancellationToken).ConfigureAwait(false);
                return t.Value<bool>("ok");
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }

        public Task<EmulatorInfo> GetInfoAsync(CancellationToken cancellationToken = default) =>
            GetAsync<EmulatorInfo>("/info", cancellationToken);

        /// <summary>Back to a fresh state (vendor key and default partner key kept); clears faults and the request log.</summary>
        public Task<EmulatorInfo> ResetAsync(bool? seed = null, CancellationToken cancellationToken = default) =>
            SendAsync<EmulatorInfo>(HttpMethod.Post, "/reset", seed.HasValue ? new { seed = seed.Value } : new object(), cancellationToken);

        public async Task<EmulatorSnapshot> GetStateAsync(string? organizationId = null, CancellationToken cancellationToken = default)
        {
            string path = "/state" + (organizationId != null ? "?organizationId=" + Uri.EscapeDataString(organizationId) : "");
            JToken t = await SendAsync(HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false);
            EmulatorSnapshot s = Read<EmulatorSnapshot>(t, HttpMethod.Get, path) ?? new EmulatorSnapshot();
            s.Raw = t as JObject;
            return s;
        }

        public Task<EmulatorSettings> GetSettingsAsync(CancellationToken cancellationToken = default) =>
            GetAsync<EmulatorSettings>("/settings", cancellationToken);

        /// <param name="rateLimit">Requests per token per rolling second; 0 = off; null = unchanged.</param>
        /// <param name="alertDelayMs">How long alerts stay pending; null = unchanged.</param>
        /// <param name="cancellationToken">Cancels the call.</param>
        public Task<EmulatorSettings> UpdateSettingsAsync(int? rateLimit = null, int? alertDelayMs = null, CancellationToken cancellationToken = default)
        {
            var body = new JObject();
            if (rateLimit.HasValue) body["rateLimit"] = rateLimit.Value;
            if (alertDelayMs.HasValue) body["alertDelayMs"] = alertDelayMs.Value;
            return SendAsync<EmulatorSettings>(Patch, "/settings", body, cancellationToken);
        }

        // ---------- partners ----------

        public Task<List<EmulatorPartner>> ListPartnersAsync(CancellationToken cancellationToken = default) =>
            GetAsync<List<EmulatorPartner>>("/partners", cancellationToken);

        public Task<EmulatorPartner> CreatePartnerAsync(EmulatorNewPartner partner, CancellationToken cancellationToken = default) =>
            SendAsync<EmulatorPartner>(HttpMethod.Post, "/partners", partner ?? new EmulatorNewPartner(), cancellationToken);

        public Task<EmulatorPartner> GetPartnerAsync(string organizationId = DefaultOrganization, CancellationToken cancellationToken = default) =>
            GetAsync<EmulatorPartner>(Org(organizationId), cancellationToken);

        public Task<EmulatorPsaData> GetPsaAsync(string organizationId = DefaultOrganization, CancellationToken cancellationToken = default) =>
            GetAsync<EmulatorPsaData>(Org(organizationId) + "/psa", cancellationToken);

        public Task<EmulatorPsaData> UpdatePsaAsync(string organizationId, EmulatorPsaUpdate update, CancellationToken cancellationToken = default) =>
            SendAsync<EmulatorPsaData>(HttpMethod.Post, Org(organizationId) + "/psa", update, cancellationToken);

        /// <summary>"Connect" + "Generate API Token": a new partner key; status inactive; a new setup begins.</summary>
        public Task<EmulatorPartner> ConnectAsync(string organizationId = DefaultOrganization, string? partnerKey = null, CancellationToken cancellationToken = default) =>
            SendAsync<EmulatorPartner>(HttpMethod.Post, Org(organizationId) + "/connect", KeyBody(partnerKey), cancellationToken);

        /// <summary>A new partner key without disconnecting: the old token gets 401, accounts stay.</summary>
        public Task<EmulatorPartner> RegenerateKeyAsync(string organizationId = DefaultOrganization, string? partnerKey = null, CancellationToken cancellationToken = default) =>
            SendAsync<EmulatorPartner>(HttpMethod.Post, Org(organizationId) + "/regenerate-key", KeyBody(partnerKey), cancellationToken);

        /// <summary>Disconnect: the vendor's accounts are deleted, the token stops working, status inactive.</summary>
        public Task<EmulatorDisconnectResult> DisconnectAsync(string organizationId = DefaultOrganization, CancellationToken cancellationToken = default) =>
            SendAsync<EmulatorDisconnectResult>(HttpMethod.Post, Org(organizationId) + "/disconnect", new object(), cancellationToken);

        public Task<EmulatorWizardState> GetWizardAsync(string organizationId = DefaultOrganization, CancellationToken cancellationToken = default) =>
            GetAsync<EmulatorWizardState>(Org(organizationId) + "/wizard", cancellationToken);

        /// <summary>Finish the setup (409 unless Next is enabled); auto-mapping stops after this.</summary>
        public Task<EmulatorWizardState> FinishAsync(string organizationId = DefaultOrganization, CancellationToken cancellationToken = default) =>
            SendAsync<EmulatorWizardState>(HttpMethod.Post, Org(organizationId) + "/finish", new object(), cancellationToken);

        // ---------- mappings ----------

        public Task<EmulatorMappings> GetMappingsAsync(string organizationId = DefaultOrganization, CancellationToken cancellationToken = default) =>
            GetAsync<EmulatorMappings>(Org(organizationId) + "/mappings", cancellationToken);

        /// <summary>Maps an account to a PSA client by id; null unmaps.</summary>
        public Task<EmulatorMappings> MapAccountAsync(string organizationId, string accountId, string? psaClientId, CancellationToken cancellationToken = default) =>
            SendAsync<EmulatorMappings>(HttpMethod.Put, Org(organizationId) + "/mappings/accounts/" + Uri.EscapeDataString(accountId),
                new JObject { ["psaClientId"] = psaClientId }, cancellationToken);

        public Task<EmulatorMappings> MapAccountByNameAsync(string organizationId, string accountId, string psaClientName, CancellationToken cancellationToken = default) =>
            SendAsync<EmulatorMappings>(HttpMethod.Put, Org(organizationId) + "/mappings/accounts/" + Uri.EscapeDataString(accountId),
                new JObject { ["psaClientName"] = psaClientName }, cancellationToken);

        /// <summary>Maps a vendor sku or organization service to a PSA service by id; null unmaps.</summary>
        public Task<EmulatorMappings> MapServiceAsync(string organizationId, string serviceId, string? psaServiceId, CancellationToken cancellationToken = default) =>
            SendAsync<EmulatorMappings>(HttpMethod.Put, Org(organizationId) + "/mappings/services/" + Uri.EscapeDataString(serviceId),
                new JObject { ["psaServiceId"] = psaServiceId }, cancellationToken);

        public Task<EmulatorMappings> MapServiceByNameAsync(string organizationId, string serviceId, string psaServiceName, CancellationToken cancellationToken = default) =>
            SendAsync<EmulatorMappings>(HttpMethod.Put, Org(organizationId) + "/mappings/services/" + Uri.EscapeDataString(serviceId),
                new JObject { ["psaServiceName"] = psaServiceName }, cancellationToken);

        // ---------- billing, alerts ----------

        public Task<EmulatorBillingPage> GetBillingAsync(string organizationId = DefaultOrganization, CancellationToken cancellationToken = default) =>
            GetAsync<EmulatorBillingPage>(Org(organizationId) + "/billing", cancellationToken);

        public Task<List<EmulatorAlert>> GetAlertsAsync(string organizationId = DefaultOrganization, CancellationToken cancellationToken = default) =>
            GetAsync<List<EmulatorAlert>>(Org(organizationId) + "/alerts", cancellationToken);

        public Task<List<EmulatorTicket>> GetTicketsAsync(string organizationId = DefaultOrganization, CancellationToken cancellationToken = default) =>
            GetAsync<List<EmulatorTicket>>(Org(organizationId) + "/tickets", cancellationToken);

        /// <summary>Processes every queued alert now (ignores the alert delay); returns how many.</summary>
        public async Task<int> ProcessAlertsAsync(CancellationToken cancellationToken = default)
        {
            JToken t = await SendAsync(HttpMethod.Post, "/alerts/process", new object(), cancellationToken).ConfigureAwait(false);
            return t.Value<int>("processed");
        }

        // ---------- request log ----------

        public Task<EmulatorRequestLog> GetRequestsAsync(long since = 0, string? pathContains = null, string? method = null, int? limit = null,
            CancellationToken cancellationToken = default)
        {
            var q = new StringBuilder("/requests?since=").Append(since.ToString(CultureInfo.InvariantCulture));
            if (pathContains != null) q.Append("&path=").Append(Uri.EscapeDataString(pathContains));
            if (method != null) q.Append("&method=").Append(Uri.EscapeDataString(method));
            if (limit.HasValue) q.Append("&limit=").Append(limit.Value.ToString(CultureInfo.InvariantCulture));
            return GetAsync<EmulatorRequestLog>(q.ToString(), cancellationToken);
        }

        public Task ClearRequestsAsync(CancellationToken cancellationToken = default) =>
            SendAsync(HttpMethod.Delete, "/requests", null, cancellationToken);

        // ---------- faults ----------

        public Task<List<EmulatorFault>> ListFaultsAsync(CancellationToken cancellationToken = default) =>
            GetAsync<List<EmulatorFault>>("/faults", cancellationToken);

        public Task<EmulatorFault> AddFaultAsync(EmulatorFaultSpec fault, CancellationToken cancellationToken = default) =>
            SendAsync<EmulatorFault>(HttpMethod.Post, "/faults", fault, cancellationToken);

        public async Task<int> ClearFaultsAsync(CancellationToken cancellationToken = default)
        {
            JToken t = await SendAsync(HttpMethod.Delete, "/faults", null, cancellationToken).ConfigureAwait(false);
            return t.Value<int>("removed");
        }

        public async Task<bool> RemoveFaultAsync(string id, CancellationToken cancellationToken = default)
        {
            try
            {
                await SendAsync(HttpMethod.Delete, "/faults/" + Uri.EscapeDataString(id), null, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (EmulatorControlException e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                return false;
            }
        }

        // ---------- plumbing ----------

        private static string Org(string organizationId) =>
            "/partners/" + Uri.EscapeDataString(string.IsNullOrEmpty(organizationId) ? DefaultOrganization : organizationId);

        private static object KeyBody(string? partnerKey) => partnerKey != null ? new { partnerKey } : new object();

        private async Task<T> GetAsync<T>(string path, CancellationToken ct)
        {
            JToken t = await SendAsync(HttpMethod.Get, path, null, ct).ConfigureAwait(false);
            return Read<T>(t, HttpMethod.Get, path);
        }

        private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken ct)
        {
            JToken t = await SendAsync(method, path, body, ct).ConfigureAwait(false);
            return Read<T>(t, method, path);
        }

        // An answer of the wrong shape is reported as a control failure, never as a Newtonsoft
        // exception: the cmdlets live outside the client's load context and cannot name its types.
        private static T Read<T>(JToken token, HttpMethod method, string path)
        {
            try
            {
                return token.ToObject<T>()!;
            }
            catch (JsonException ex)
            {
                throw new EmulatorControlException(HttpStatusCode.OK, $"Emulator control call {method} {path} answered with JSON of an unexpected shape: {ex.Message}");
            }
        }

        // Timestamps stay the emulator's ISO 8601 strings: Newtonsoft's default would turn them into
        // DateTime tokens, and the string-typed models would get them back in the current culture's
        // format (ControlContractRoundTripTests).
        private static JToken ParseVerbatim(string text)
        {
            using var reader = new JsonTextReader(new System.IO.StringReader(text)) { DateParseHandling = DateParseHandling.None };
            return JToken.ReadFrom(reader);
        }

        private async Task<JToken> SendAsync(HttpMethod method, string path, object? body, CancellationToken ct)
        {
            using var request = new HttpRequestMessage(method, _base + path);
            request.Headers.Accept.ParseAdd("application/json");
            if (body != null)
                request.Content = new StringContent(JsonConvert.SerializeObject(body), Encoding.UTF8, "application/json");
            using HttpResponseMessage response = await _http.SendAsync(request, ct).ConfigureAwait(false);
            string text = response.Content == null ? "" : await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                string message = text;
                try
                {
                    message = JObject.Parse(text).Value<string>("message") ?? text;
                }
                catch (JsonException)
                {
                    // not JSON: keep the text
                }
                throw new EmulatorControlException(response.StatusCode,
                    $"Emulator control call {method} {path} failed with {(int)response.StatusCode}: {message}");
            }
            try
            {
                return text.Length == 0 ? JValue.CreateNull() : ParseVerbatim(text);
            }
            catch (JsonException ex)
            {
                throw new EmulatorControlException(response.StatusCode, $"Emulator control call {method} {path} answered with something that is not JSON: {ex.Message}");
            }
        }
    }
}
