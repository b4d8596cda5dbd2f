using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using GradientMsp.Client.Http;
using GradientMsp.Client.Internal;
using GradientMsp.Client.Models;
using GradientMsp.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace GradientMsp.Client
{
    // Implementation half of GradientClient: HTTP pipeline, request building, envelopes, errors.
    public sealed partial class GradientClient
    {
        private static readonly string ApiRoot = VendorApiContract.Prefix.TrimStart('/');
        private static readonly HttpMethod Patch = new HttpMethod("PATCH");
        private static readonly MediaTypeHeaderValue JsonMediaType = new MediaTypeHeaderValue("application/json");

        private HttpClient _http = null!;
        private ServiceProvider? _services;
        private HttpMessageHandler? _ownedPrimary;
        private PacingRateLimiter? _limiter;
        private int _disposed;

        /// <summary>The pacer's minimum gap between two requests, or null when pacing is off (for diagnostics and tests).</summary>
        internal TimeSpan? PacingInterval => _limiter?.Interval;

        partial void Initialize()
        {
            var options = Options;
            var time = options.TimeProvider ?? TimeProvider.System;
            double rps = options.RequestsPerSecond;
            if (double.IsNaN(rps) || double.IsInfinity(rps) || rps < 0)
                throw new ArgumentOutOfRangeException(nameof(options), rps, "RequestsPerSecond must be 0 (no pacing) or a positive number.");
            if (options.RequestTimeout < TimeSpan.Zero && options.RequestTimeout != Timeout.InfiniteTimeSpan)
                throw new ArgumentOutOfRangeException(nameof(options), options.RequestTimeout, "RequestTimeout cannot be negative.");

            _limiter = rps > 0 ? new PacingRateLimiter(rps, time) : null;
            var limiter = _limiter;
            var credential = Credential;
            var log = options.Log;
            int maxRetries = Math.Max(0, options.MaxRetries);

            HttpMessageHandler primary;
            if (options.PrimaryHandler != null)
            {
                primary = options.PrimaryHandler; // the caller's: they dispose it
            }
            else
            {
                // No auto-redirect: a redirect would carry GRADIENT-TOKEN to wherever it points.
                var handler = new HttpClientHandler
                {
                    AllowAutoRedirect = false,
                    UseCookies = false,
                    AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
                };
                try
                {
                    // .NET Framework (Windows PowerShell) defaults to 2 connections per host, which would
                    // serialise a usage sync far below the rate limit.
                    handler.MaxConnectionsPerServer = 64;
                }
                catch (PlatformNotSupportedException)
                {
                    // Older frameworks: keep their default.
                }
                primary = _ownedPrimary = handler;
            }

            // Built with Microsoft.Extensions.Http so the pipeline is declared in one place, with the
            // handler lifetime made infinite: the default 2-minute rotation would rebuild the chain and
            // dispose the primary handler under a long sync. The pacing state lives in the limiter owned
            // by this client, so it is per connection whatever the factory does. One provider (and so one
            // HttpClient) per GradientClient, disposed with it.
            var services = new ServiceCollection();
            services.AddHttpClient(nameof(GradientClient))
                .ConfigurePrimaryHttpMessageHandler(() => primary)
                // Outermost first: retry > pacing (every attempt waits its turn) > timeout (per attempt,
                // not counting the pacing wait) > tracing (one line per attempt) > token headers.
                .AddHttpMessageHandler(() => new RetryHandler(maxRetries, options.RetryBaseDelay, options.MaxRetryDelay, time, log,
                    () => Interlocked.Increment(ref _retryCount)))
                .AddHttpMessageHandler(() => new PacingHandler(limiter))
                .AddHttpMessageHandler(() => new TimeoutHandler(options.RequestTimeout, time))
                .AddHttpMessageHandler(() => new TracingHandler(log, time, () => Interlocked.Increment(ref _requestCount)))
                .AddHttpMessageHandler(() => new TokenHandler(credential.ToToken, options.UserAgent))
                .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
                .RemoveAllLoggers()
                .ConfigureHttpClient(c => c.Timeout = Timeout.InfiniteTimeSpan);
            _services = services.BuildServiceProvider();
            _http = _services.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(GradientClient));
        }

        /// <summary>Releases the HttpClient, its handlers and the pacer.</summary>
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
            _http?.Dispose();
            _services?.Dispose();
            _ownedPrimary?.Dispose();
            _limiter?.Dispose();
        }

        private static Uri NormalizeBaseUriCore(Uri baseUri)
        {
            if (baseUri == null) throw new ArgumentNullException(nameof(baseUri));
            if (!baseUri.IsAbsoluteUri)
                throw new ArgumentException("The base URI '" + baseUri.OriginalString + "' is not absolute; give the host root, e.g. https://app.usegradient.com.", nameof(baseUri));
            var scheme = baseUri.Scheme;
            if (!string.Equals(scheme, Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase))
            {
                if (!string.Equals(scheme, Uri.UriSchemeHttp, StringComparison.OrdinalIgnoreCase))
                    throw new ArgumentException("The base URI must use https (scheme '" + scheme + "' given).", nameof(baseUri));
                if (!IsLoopback(baseUri))
                    throw new ArgumentException("Refusing plain http to '" + baseUri.Host + "': the GRADIENT-TOKEN would travel unencrypted. Use https://" + baseUri.Authority + " instead (http is allowed only for loopback, e.g. a local emulator).", nameof(baseUri));
            }

            string path = baseUri.AbsolutePath.TrimEnd('/');
            if (path.EndsWith(VendorApiContract.Prefix, StringComparison.OrdinalIgnoreCase))
                path = path.Substring(0, path.Length - VendorApiContract.Prefix.Length);
            else if (path.EndsWith("/api", StringComparison.OrdinalIgnoreCase))
                path = path.Substring(0, path.Length - "/api".Length);

            var builder = new UriBuilder(baseUri) { Path = path.TrimEnd('/') + "/", Query = string.Empty, Fragment = string.Empty };
            return builder.Uri;
        }

        private static bool IsLoopback(Uri uri)
        {
            if (uri.IsLoopback) return true;
            var host = uri.DnsSafeHost;
            if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)) return true;
            return IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address);
        }

        // ---------------------------------------------------------------- endpoints

        private async Task<GradientVendor> GetVendorCoreAsync(CancellationToken cancellationToken)
        {
            var response = await SendCoreAsync(HttpMethod.Get, Route(), null, cancellationToken).ConfigureAwait(false);
            return response.ReadObject<GradientVendor>();
        }

        private async Task<GradientVendor> UpdateVendorCoreAsync(VendorUpdate update, CancellationToken cancellationToken)
        {
            if (update == null) throw new ArgumentNullException(nameof(update));
            if (update.Name == null && update.Description == null && update.VendorSupportPageUrl == null && update.IntegrationPortalUrl == null)
                throw new ArgumentException("Give at least one vendor field to update.", nameof(update));
            var response = await SendCoreAsync(Patch, Route(), update, cancellationToken).ConfigureAwait(false);
            return response.ReadObject<GradientVendor>();
        }

        private async Task<GradientVendor> CreateServiceCoreAsync(NewService service, CancellationToken cancellationToken)
        {
            if (service == null) throw new ArgumentNullException(nameof(service));
            var response = await SendCoreAsync(HttpMethod.Post, Route("service"), service, cancellationToken).ConfigureAwait(false);
            return response.ReadObject<GradientVendor>();
        }

        private async Task<GradientService> GetServiceCoreAsync(string serviceId, CancellationToken cancellationToken)
        {
            var path = Route("service", Segment(serviceId, nameof(serviceId)));
            var response = await SendCoreAsync(HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false);
            return response.Read(data =>
            {
                // "Retrieves Vendor with VendorSku[] filtered by service id": accept that, or the sku itself.
                if (data is JObject obj && obj.TryGetValue("skus", StringComparison.Ordinal, out var skus) && skus is JArray array)
                {
                    var services = array.Select(Json.To<GradientService>).ToList();
                    var match = services.FirstOrDefault(s => s.Id == serviceId || s.LegacyId == serviceId)
                                ?? (services.Count == 1 ? services[0] : null);
                    if (match == null)
                        throw response.Error(GradientErrorKind.NotFound, "no service with id '" + serviceId + "' in the answer");
                    return match;
                }
                return Json.To<GradientService>(RequireObject(data));
            });
        }

        private async Task UpdateServiceCoreAsync(string serviceId, ServiceUpdate update, CancellationToken cancellationToken)
        {
            if (update == null) throw new ArgumentNullException(nameof(update));
            var path = Route("service", Segment(serviceId, nameof(serviceId)));
            await SendCoreAsync(Patch, path, update, cancellationToken).ConfigureAwait(false);
        }

        private async Task<GradientResponse> SetUnitCountCoreAsync(string serviceId, string accountId, decimal unitCount, bool noBuild, CancellationToken cancellationToken)
        {
            var outcome = await SetUnitCountWithStatusAsync(serviceId, accountId, unitCount, noBuild, cancellationToken).ConfigureAwait(false);
            return outcome.Response;
        }

        /// <summary>The count route, also reporting the HTTP status and attempts (for the usage engine).</summary>
        /// <remarks>parseAnswer: false when only the status matters (the usage engine): the 2xx body is not
        /// parsed, and a 404 (unmapped account or service) comes back as an outcome instead of an exception.</remarks>
        internal async Task<UnitCountOutcome> SetUnitCountWithStatusAsync(string serviceId, string accountId, decimal unitCount, bool noBuild, CancellationToken cancellationToken, bool parseAnswer = true)
        {
            if (string.IsNullOrWhiteSpace(accountId)) throw new ArgumentException("The account id is empty.", nameof(accountId));
            if (unitCount < 0) throw new ArgumentOutOfRangeException(nameof(unitCount), unitCount, "A unit count cannot be negative.");
            var path = Route("service", Segment(serviceId, nameof(serviceId)), "count") + (noBuild ? "?no_build=true" : "");
            // The hottest call of a usage sync: the body is written directly rather than through a JObject.
            var body = new RawJson("{\"accountId\":" + JsonConvert.ToString(accountId) + ",\"unitCount\":" + NumberToken(unitCount).ToString(Formatting.None) + "}");
            var response = await SendCoreAsync(HttpMethod.Post, path, body, cancellationToken, parseAnswer: parseAnswer, notFoundIsAnswer: !parseAnswer).ConfigureAwait(false);
            if (response.StatusCode == 404)
                return new UnitCountOutcome(new GradientResponse { Status = 404, Message = response.ApiMessage }, 404, response.Attempts);
            var result = response.Json == null
                ? new GradientResponse()
                : response.Read(data => data is JObject obj ? Json.To<GradientResponse>(obj) : new GradientResponse());
            if (result.Status == null) result.Status = response.StatusCode;
            return new UnitCountOutcome(result, response.StatusCode, response.Attempts);
        }

        private async Task<GradientIntegration> GetIntegrationCoreAsync(CancellationToken cancellationToken)
        {
            var response = await SendCoreAsync(HttpMethod.Get, Route("organization"), null, cancellationToken).ConfigureAwait(false);
            return response.ReadObject<GradientIntegration>();
        }

        private async Task<GradientIntegration> SetIntegrationStatusCoreAsync(IntegrationStatus status, CancellationToken cancellationToken)
        {
            var wire = IntegrationStatusNames.ToWire(status);
            var response = await SendCoreAsync(Patch, Route("organization", "status", wire), new JObject(), cancellationToken).ConfigureAwait(false);
            bool stringData = response.Json is JObject envelope && envelope.TryGetValue("data", StringComparison.Ordinal, out var raw)
                              && raw.Type != JTokenType.Object;
            if (!stringData && Json.Unwrap(response.Json) is JObject)
                return response.ReadObject<GradientIntegration>();
            // Some specs type "data" as a string, and an empty answer is possible: report what was set.
            return new GradientIntegration { Status = wire };
        }

        private async Task<GradientClientPage> GetClientsCoreAsync(string? search, string? previousId, CancellationToken cancellationToken)
        {
            var query = new List<KeyValuePair<string, string>>();
            if (!string.IsNullOrEmpty(search)) query.Add(new KeyValuePair<string, string>("search", search!));
            if (!string.IsNullOrEmpty(previousId)) query.Add(new KeyValuePair<string, string>("previousId", previousId!));
            var response = await SendCoreAsync(HttpMethod.Get, Route("organization", "clients") + Query(query), null, cancellationToken).ConfigureAwait(false);
            GradientClientPage page = response.ReadObject<GradientClientPage>();
            Json.MakePlain(page.Meta);
            foreach (Dictionary<string, object?> client in page.Clients) Json.MakePlain(client);
            return page;
        }

        private async Task<IReadOnlyList<GradientAccount>> GetAccountsCoreAsync(IReadOnlyCollection<string>? accountIds, CancellationToken cancellationToken)
        {
            var path = Route("organization", "accounts") + Query(Repeated("accountIds", accountIds));
            var response = await SendCoreAsync(HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false);
            return response.ReadList<GradientAccount>();
        }

        private async Task<IReadOnlyList<GradientAccount>> CreateAccountsCoreAsync(IReadOnlyList<NewAccount> accounts, CancellationToken cancellationToken)
        {
            if (accounts == null) throw new ArgumentNullException(nameof(accounts));
            if (accounts.Any(a => a == null)) throw new ArgumentException("The account list contains a null entry.", nameof(accounts));
            if (accounts.Count == 0) return Array.Empty<GradientAccount>();
            var response = await SendCoreAsync(HttpMethod.Post, Route("organization", "accounts"), accounts.ToArray(), cancellationToken).ConfigureAwait(false);
            return response.ReadList<GradientAccount>();
        }

        private async Task<GradientAccount> UpdateAccountCoreAsync(string accountId, MappingPropertyUpdate update, CancellationToken cancellationToken)
        {
            CheckUpdate(update);
            var path = Route("organization", "accounts", Segment(accountId, nameof(accountId)));
            var response = await SendCoreAsync(Patch, path, update, cancellationToken).ConfigureAwait(false);
            return response.ReadFirst<GradientAccount>();
        }

        private async Task<IReadOnlyList<GradientOrganizationService>> GetOrganizationServicesCoreAsync(IReadOnlyCollection<string>? serviceIds, CancellationToken cancellationToken)
        {
            var path = Route("organization", "services") + Query(Repeated("serviceIds", serviceIds));
            var response = await SendCoreAsync(HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false);
            return response.ReadList<GradientOrganizationService>();
        }

        private async Task<IReadOnlyList<GradientOrganizationService>> CreateOrganizationServicesCoreAsync(IReadOnlyList<NewOrganizationService> services, CancellationToken cancellationToken)
        {
            if (services == null) throw new ArgumentNullException(nameof(services));
            if (services.Any(s => s == null)) throw new ArgumentException("The service list contains a null entry.", nameof(services));
            if (services.Count == 0) return Array.Empty<GradientOrganizationService>();
            var response = await SendCoreAsync(HttpMethod.Post, Route("organization", "services"), services.ToArray(), cancellationToken).ConfigureAwait(false);
            return response.ReadList<GradientOrganizationService>();
        }

        private async Task<GradientOrganizationService> UpdateOrganizationServiceCoreAsync(string serviceId, MappingPropertyUpdate update, CancellationToken cancellationToken)
        {
            CheckUpdate(update);
            var path = Route("organization", "services", Segment(serviceId, nameof(serviceId)));
            var response = await SendCoreAsync(Patch, path, update, cancellationToken).ConfigureAwait(false);
            return response.ReadFirst<GradientOrganizationService>();
        }

        private async Task<GradientAlertReceipt> SendAlertCoreAsync(string accountId, NewAlert alert, CancellationToken cancellationToken)
        {
            if (alert == null) throw new ArgumentNullException(nameof(alert));
            var path = Route("alerting", Segment(accountId, nameof(accountId)));
            var response = await SendCoreAsync(HttpMethod.Post, path, alert, cancellationToken).ConfigureAwait(false);
            return response.ReadObject<GradientAlertReceipt>();
        }

        private async Task<GradientAlertTicket> GetAlertTicketCoreAsync(string messageId, CancellationToken cancellationToken)
        {
            var path = Route("alerting", "debug", Segment(messageId, nameof(messageId)));
            var response = await SendCoreAsync(HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false);
            return response.ReadObject<GradientAlertTicket>();
        }

        // ---------------------------------------------------------------- request building

        private static string Route(params string[] segments)
            => segments.Length == 0 ? ApiRoot : ApiRoot + "/" + string.Join("/", segments);

        /// <summary>
        /// Escapes one path segment (RFC 3986), so ids with '/', '?', '#', '%' or spaces stay one segment.
        /// An id made only of dots ("." or "..") is refused: System.Uri resolves it as a dot segment
        /// even when escaped, so the request would go to a different route.
        /// </summary>
        internal static string Segment(string value, string parameterName)
        {
            if (string.IsNullOrWhiteSpace(value)) throw new ArgumentException("The " + parameterName + " is empty.", parameterName);
            if (value.Trim('.').Length == 0)
                throw new ArgumentException("The " + parameterName + " '" + value + "' cannot be sent in a URL path (it is only dots).", parameterName);
            return Uri.EscapeDataString(value);
        }

        private static string Query(IReadOnlyList<KeyValuePair<string, string>> pairs)
        {
            if (pairs.Count == 0) return "";
            var sb = new StringBuilder();
            foreach (var pair in pairs)
            {
                sb.Append(sb.Length == 0 ? '?' : '&');
                sb.Append(Uri.EscapeDataString(pair.Key)).Append('=').Append(Uri.EscapeDataString(pair.Value));
            }
            return sb.ToString();
        }

        /// <summary>A string[] query parameter as repeated keys (name=a&amp;name=b), the form Nest/Express read as an array.</summary>
        private static IReadOnlyList<KeyValuePair<string, string>> Repeated(string name, IReadOnlyCollection<string>? values)
        {
            var pairs = new List<KeyValuePair<string, string>>();
            if (values == null) return pairs;
            foreach (var value in values)
            {
                if (!string.IsNullOrEmpty(value)) pairs.Add(new KeyValuePair<string, string>(name, value));
            }
            return pairs;
        }

        /// <summary>A decimal as a JSON number: whole values without a fraction (5, not 5.0).</summary>
        internal static JToken NumberToken(decimal value)
        {
            if (decimal.Truncate(value) == value && value >= long.MinValue && value <= long.MaxValue)
                return new JValue((long)value);
            return new JValue(value);
        }

        private static void CheckUpdate(MappingPropertyUpdate update)
        {
            if (update == null) throw new ArgumentNullException(nameof(update));
            if (update.Id == null && update.Name == null && update.Description == null && update.IsActive == null && update.IsArrears == null)
                throw new ArgumentException("Give at least one field to update.", nameof(update));
        }

        private static JObject RequireObject(JToken? token)
        {
            if (token is JObject obj) return obj;
            throw new JsonSerializationException("Expected a JSON object but got " + (token == null ? "an empty answer" : token.Type.ToString()) + ".");
        }

        // ---------------------------------------------------------------- sending

        /// <summary>A request body that is already JSON text.</summary>
        private sealed class RawJson
        {
            public RawJson(string text) => Text = text;
            public string Text { get; }
        }

        private static readonly UTF8Encoding Utf8NoBom = new UTF8Encoding(false);

        private async Task<ApiResponse> SendCoreAsync(HttpMethod method, string relative, object? body, CancellationToken cancellationToken, bool parseAnswer = true, bool notFoundIsAnswer = false)
        {
            if (Volatile.Read(ref _disposed) != 0) throw new ObjectDisposedException(nameof(GradientClient));
            cancellationToken.ThrowIfCancellationRequested();

            var uri = new Uri(BaseUri.AbsoluteUri + relative, UriKind.Absolute);
            string path = uri.PathAndQuery;
            string verb = method.Method;

            using (var request = new HttpRequestMessage(method, uri))
            {
                if (body != null)
                {
                    string json = body is RawJson raw ? raw.Text : body is JToken token ? token.ToString(Formatting.None) : Json.Serialize(body);
                    var content = new ByteArrayContent(Utf8NoBom.GetBytes(json));
                    content.Headers.ContentType = JsonMediaType;
                    request.Content = content;
                }

                HttpResponseMessage response;
                try
                {
                    response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
                catch (Exception ex) when (cancellationToken.IsCancellationRequested)
                {
                    throw new OperationCanceledException("The request was cancelled.", ex, cancellationToken);
                }
                catch (AttemptTimeoutException ex)
                {
                    int attempts = RequestProperties.GetAttempt(request);
                    throw new GradientApiException(GradientErrorKind.Timeout,
                        verb + " " + path + " timed out after " + Seconds(ex.Timeout) + AttemptsText(attempts) + ".",
                        null, null, verb, path, ex) { Attempts = attempts };
                }
                catch (OperationCanceledException ex)
                {
                    // Not the caller's token: something below gave up on its own (treated as a timeout).
                    int attempts = RequestProperties.GetAttempt(request);
                    throw new GradientApiException(GradientErrorKind.Timeout,
                        verb + " " + path + " was abandoned before an answer came" + AttemptsText(attempts) + ".",
                        null, null, verb, path, ex) { Attempts = attempts };
                }
                catch (Exception ex) when (ex is HttpRequestException || ex is IOException || ex is WebException || ex is System.Net.Sockets.SocketException)
                {
                    int attempts = RequestProperties.GetAttempt(request);
                    throw new GradientApiException(GradientErrorKind.Connection,
                        verb + " " + path + " could not reach " + uri.Authority + AttemptsText(attempts) + ": " + Innermost(ex).Message,
                        null, null, verb, path, ex) { Attempts = attempts };
                }

                using (response)
                {
                    int attempts = RequestProperties.GetAttempt(request);
                    int status = (int)response.StatusCode;
                    byte[] bytes = response.Content == null ? Array.Empty<byte>() : await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                    string text = Encoding.UTF8.GetString(bytes);
                    var result = new ApiResponse(verb, path, status, response.ReasonPhrase, attempts);

                    if (status < 200 || status > 299)
                    {
                        JToken? errorBody = null;
                        try { errorBody = Json.Parse(text); }
                        catch (JsonException) { /* a non-JSON error page: no API message */ }
                        var apiMessage = Json.MessageOf(errorBody);
                        if (status == 404 && notFoundIsAnswer)
                        {
                            // An expected answer for the caller (an unmapped pair in a usage sync):
                            // no exception, which would cost more than the request on large runs.
                            result.ApiMessage = apiMessage;
                            return result;
                        }

                        var kind = KindOf(status);
                        var message = verb + " " + path + " answered " + status.ToString(CultureInfo.InvariantCulture)
                                      + " " + ReasonOf(status, response.ReasonPhrase)
                                      + (string.IsNullOrEmpty(apiMessage) ? "" : ": " + apiMessage)
                                      + (attempts > 1 ? " (after " + attempts.ToString(CultureInfo.InvariantCulture) + " attempts)" : "");
                        var inner = new HttpRequestException("Response status code does not indicate success: " + status.ToString(CultureInfo.InvariantCulture) + ".");
                        throw new GradientApiException(kind, message, response.StatusCode, apiMessage, verb, path, inner)
                        {
                            Attempts = attempts,
                            RetryAfter = status == 429 ? RetryHandler.RetryAfterOf(response, Options.TimeProvider ?? TimeProvider.System) : null,
                        };
                    }

                    if (!parseAnswer) return result;
                    try
                    {
                        result.Json = Json.Parse(text);
                    }
                    catch (JsonException ex)
                    {
                        throw result.Error(GradientErrorKind.InvalidResponse, "the answer is not valid JSON", ex);
                    }
                    return result;
                }
            }
        }

        internal static GradientErrorKind KindOf(int status)
        {
            switch (status)
            {
                case 400:
                case 422: return GradientErrorKind.BadRequest;
                case 401: return GradientErrorKind.Authentication;
                case 403: return GradientErrorKind.Forbidden;
                case 404: return GradientErrorKind.NotFound;
                case 408: return GradientErrorKind.Timeout;
                case 409: return GradientErrorKind.Conflict;
                case 429: return GradientErrorKind.RateLimited;
                default: return status >= 500 && status <= 599 ? GradientErrorKind.ServerError : GradientErrorKind.Other;
            }
        }

        private static string ReasonOf(int status, string? phrase)
        {
            if (!string.IsNullOrWhiteSpace(phrase)) return phrase!.Trim();
            switch (status)
            {
                case 400: return "Bad Request";
                case 401: return "Unauthorized";
                case 403: return "Forbidden";
                case 404: return "Not Found";
                case 408: return "Request Timeout";
                case 409: return "Conflict";
                case 422: return "Unprocessable Entity";
                case 429: return "Too Many Requests";
                case 500: return "Internal Server Error";
                case 502: return "Bad Gateway";
                case 503: return "Service Unavailable";
                case 504: return "Gateway Timeout";
                default: return "";
            }
        }

        private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";

        private static string AttemptsText(int attempts)
            => attempts > 1 ? " (" + attempts.ToString(CultureInfo.InvariantCulture) + " attempts)" : "";

        private static Exception Innermost(Exception ex)
        {
            while (ex.InnerException != null) ex = ex.InnerException;
            return ex;
        }

        /// <summary>A successful answer, parsed, plus what is needed to report a malformed one.</summary>
        internal sealed class ApiResponse
        {
            public ApiResponse(string method, string path, int statusCode, string? reasonPhrase, int attempts)
            {
                Method = method; Path = path; StatusCode = statusCode; ReasonPhrase = reasonPhrase; Attempts = attempts;
            }

            public string Method { get; }
            public string Path { get; }
            public int StatusCode { get; }
            public string? ReasonPhrase { get; }
            public int Attempts { get; }
            public JToken? Json { get; set; }
            /// <summary>The error body's message, for a 404 returned as an answer.</summary>
            public string? ApiMessage { get; set; }

            public GradientApiException Error(GradientErrorKind kind, string what, Exception? inner = null)
                => new GradientApiException(kind, Method + " " + Path + " answered " + StatusCode.ToString(CultureInfo.InvariantCulture) + " but " + what + ".",
                    (HttpStatusCode)StatusCode, null, Method, Path, inner) { Attempts = Attempts };

            public T Read<T>(Func<JToken, T> map)
            {
                var data = Internal.Json.Unwrap(Json);
                if (data == null || data.Type == JTokenType.Null) throw Error(GradientErrorKind.InvalidResponse, "the answer is empty");
                try
                {
                    return map(data);
                }
                catch (GradientApiException)
                {
                    throw;
                }
                catch (Exception ex) when (ex is JsonException || ex is InvalidCastException || ex is FormatException || ex is ArgumentException || ex is OverflowException)
                {
                    throw Error(GradientErrorKind.InvalidResponse, "the answer has an unexpected shape (" + ex.Message + ")", ex);
                }
            }

            public T ReadObject<T>() => Read(data => Internal.Json.To<T>(RequireObject(data)));

            /// <summary>An array, or a single object read as a list of one (some answers are either).</summary>
            public IReadOnlyList<T> ReadList<T>()
            {
                var data = Internal.Json.Unwrap(Json);
                if (data == null || data.Type == JTokenType.Null) return Array.Empty<T>();
                return Read<IReadOnlyList<T>>(d =>
                {
                    if (d is JArray array) return array.Select(Internal.Json.To<T>).ToList();
                    return new List<T> { Internal.Json.To<T>(RequireObject(d)) };
                });
            }

            /// <summary>An object, or the first element of an array.</summary>
            public T ReadFirst<T>() => Read(d =>
            {
                if (d is JArray array)
                {
                    if (array.Count == 0) throw new JsonSerializationException("Expected an object but got an empty array.");
                    return Internal.Json.To<T>(RequireObject(array[0]));
                }
                return Internal.Json.To<T>(RequireObject(d));
            });
        }
    }

    /// <summary>What the count route answered, with the HTTP status and the attempts it took.</summary>
    internal readonly struct UnitCountOutcome
    {
        public UnitCountOutcome(GradientResponse response, int statusCode, int attempts)
        {
            Response = response; StatusCode = statusCode; Attempts = attempts;
        }

        public GradientResponse Response { get; }
        public int StatusCode { get; }
        public int Attempts { get; }
    }
}
