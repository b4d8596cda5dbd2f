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
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace GradientMsp.Client
{
    // The one request core every operation goes through. ExchangeAsync sends and returns the status
    // and body whatever the status; SendAsync is the usual call on top of it (a 2xx parsed as JSON,
    // anything else thrown). A caller that treats some status as an answer (the usage engine's 404)
    // uses ExchangeAsync and decides itself, so no flag says how to read an answer.
    public sealed partial class GradientClient
    {
        private static readonly string ApiRoot = VendorApiContract.Prefix.TrimStart('/');
        private static readonly HttpMethod Patch = new HttpMethod("PATCH");
        private static readonly MediaTypeHeaderValue JsonMediaType = new MediaTypeHeaderValue("application/json");
        private static readonly UTF8Encoding Utf8NoBom = new UTF8Encoding(false);

        /// <summary>A request body that is already JSON text.</summary>
        private sealed class RawJson
        {
            public RawJson(string text) => Text = text;
            public string Text { get; }
        }

        /// <summary>A 2xx answer parsed as JSON; any other status, or a body that is not JSON, is thrown.</summary>
        private async Task<ApiResponse> SendAsync(HttpMethod method, string relative, object? body, CancellationToken cancellationToken, bool? idempotent = null)
        {
            var response = await ExchangeAsync(method, relative, body, cancellationToken, idempotent).ConfigureAwait(false);
            if (!response.IsSuccess) throw response.Failure();
            response.ParseBody();
            return response;
        }

        /// <summary>
        /// Sends one request through the pipeline. Transport failures (timeout, no connection) are
        /// thrown as <see cref="GradientApiException"/>; any HTTP status comes back as an answer, with
        /// the API's error message read for a non-2xx one. The body is not parsed as JSON here.
        /// <paramref name="idempotent"/> overrides the method's default (a POST is a create, so not
        /// idempotent; the count route is a POST that sets an absolute value, so it is): a failure of a
        /// non-idempotent request that may have reached the server is not retried and is marked
        /// <see cref="GradientApiException.OutcomeUnknown"/> (docs/retries.md).
        /// </summary>
        private async Task<ApiResponse> ExchangeAsync(HttpMethod method, string relative, object? body, CancellationToken cancellationToken, bool? idempotent = null)
        {
            if (Volatile.Read(ref _disposed) != 0) throw new ObjectDisposedException(nameof(GradientClient));
            cancellationToken.ThrowIfCancellationRequested();

            var uri = new Uri(BaseUri.AbsoluteUri + relative, UriKind.Absolute);
            string path = uri.PathAndQuery;
            string verb = method.Method;

            using (var request = new HttpRequestMessage(method, uri))
            {
                if (idempotent.HasValue) RequestProperties.SetIdempotent(request, idempotent.Value);
                bool createLike = !RequestProperties.IsIdempotent(request);
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
                    throw TransportFailure(GradientErrorKind.Timeout, verb, path, attempts, ex,
                        "timed out after " + Seconds(ex.Timeout) + AttemptsText(attempts) + ".", createLike);
                }
                catch (OperationCanceledException ex)
                {
                    // Not the caller's token: something below gave up on its own (treated as a timeout).
                    int attempts = RequestProperties.GetAttempt(request);
                    throw TransportFailure(GradientErrorKind.Timeout, verb, path, attempts, ex,
                        "was abandoned before an answer came" + AttemptsText(attempts) + ".", createLike);
                }
                catch (Exception ex) when ((ex is HttpRequestException || ex is IOException) && RetryHandler.CutOffAsTooLarge(request, ex))
                {
                    int attempts = RequestProperties.GetAttempt(request);
                    throw TransportFailure(GradientErrorKind.TooLarge, verb, path, attempts, ex,
                        "lost its connection while its " + request.Content!.Headers.ContentLength!.Value.ToString("N0", CultureInfo.InvariantCulture)
                        + "-byte body was being sent: a server closes the connection this way on a body larger than it accepts (HTTP 413).", false);
                }
                catch (Exception ex) when (ex is HttpRequestException || ex is IOException || ex is WebException || ex is System.Net.Sockets.SocketException)
                {
                    int attempts = RequestProperties.GetAttempt(request);
                    throw TransportFailure(GradientErrorKind.Connection, verb, path, attempts, ex,
                        "could not reach " + uri.Authority + AttemptsText(attempts) + ": " + Innermost(ex).Message,
                        createLike && !RetryHandler.NeverReachedServer(ex, null));
                }

                using (response)
                {
                    int status = (int)response.StatusCode;
                    byte[] bytes = response.Content == null ? Array.Empty<byte>() : await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                    var result = new ApiResponse(verb, path, status, response.ReasonPhrase, RequestProperties.GetAttempt(request), Encoding.UTF8.GetString(bytes));
                    if (!result.IsSuccess)
                    {
                        JToken? errorBody = null;
                        try { errorBody = Json.Parse(result.Text); }
                        catch (JsonException) { /* a non-JSON error page: no API message */ }
                        result.ApiMessage = Json.MessageOf(errorBody);
                        // Read now: the headers go with the response.
                        if (status == 429) result.RetryAfter = RetryHandler.RetryAfterOf(response, Options.TimeProvider ?? TimeProvider.System);
                        // A 5xx other than 503 may come after the server acted (or from a gateway that lost its answer).
                        result.OutcomeUnknown = createLike && status >= 500 && !RetryHandler.NeverReachedServer(null, response.StatusCode);
                    }
                    return result;
                }
            }
        }

        /// <summary>A request that got no HTTP answer: "{verb} {path} {what}", with the attempts it took.</summary>
        private static GradientApiException TransportFailure(GradientErrorKind kind, string verb, string path, int attempts, Exception inner, string what, bool outcomeUnknown)
        {
            var failure = new GradientApiException(kind, verb + " " + path + " " + what, null, null, verb, path, inner);
            failure.Attempts = attempts;
            failure.OutcomeUnknown = outcomeUnknown;
            return failure;
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
                case 413:
                case 414:
                case 431: return GradientErrorKind.TooLarge;
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
                case 413: return "Payload Too Large";
                case 414: return "URI Too Long";
                case 422: return "Unprocessable Entity";
                case 431: return "Request Header Fields Too Large";
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
            if (GradientInvalidIdException.IsDotsOnly(value))
                throw new GradientInvalidIdException("The " + parameterName + " '" + value + "' cannot be sent in a URL path (it is only dots).", parameterName, value);
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

        /// <summary>The PATCH body shared by an account and an organization service: at least one field.</summary>
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

        // ---------------------------------------------------------------- answers

        /// <summary>One answer: its status and body, plus what is needed to report a failed or malformed one.</summary>
        internal sealed class ApiResponse
        {
            public ApiResponse(string method, string path, int statusCode, string? reasonPhrase, int attempts, string text)
            {
                Method = method; Path = path; StatusCode = statusCode; ReasonPhrase = reasonPhrase; Attempts = attempts; Text = text;
            }

            public string Method { get; }
            public string Path { get; }
            public int StatusCode { get; }
            public string? ReasonPhrase { get; }
            public int Attempts { get; }
            /// <summary>The body as text.</summary>
            public string Text { get; }
            public bool IsSuccess => StatusCode >= 200 && StatusCode <= 299;
            /// <summary>The error body's message, for a non-2xx answer.</summary>
            public string? ApiMessage { get; set; }
            /// <summary>The server's Retry-After, for a 429.</summary>
            public TimeSpan? RetryAfter { get; set; }
            /// <summary>A failed create that the server may have acted on (a 5xx other than 503).</summary>
            public bool OutcomeUnknown { get; set; }
            /// <summary>The body as JSON, once <see cref="ParseBody"/> has run (null for an empty body).</summary>
            public JToken? Json { get; private set; }

            /// <summary>The exception for a non-2xx answer, with the API's message and the attempts it took.</summary>
            public GradientApiException Failure()
            {
                var message = Method + " " + Path + " answered " + StatusCode.ToString(CultureInfo.InvariantCulture)
                              + " " + ReasonOf(StatusCode, ReasonPhrase)
                              + (string.IsNullOrEmpty(ApiMessage) ? "" : ": " + ApiMessage)
                              + (Attempts > 1 ? " (after " + Attempts.ToString(CultureInfo.InvariantCulture) + " attempts)" : "");
                var inner = new HttpRequestException("Response status code does not indicate success: " + StatusCode.ToString(CultureInfo.InvariantCulture) + ".");
                return new GradientApiException(KindOf(StatusCode), message, (HttpStatusCode)StatusCode, ApiMessage, Method, Path, inner)
                {
                    Attempts = Attempts,
                    RetryAfter = RetryAfter,
                    OutcomeUnknown = OutcomeUnknown,
                };
            }

            public void ParseBody()
            {
                try
                {
                    Json = Internal.Json.Parse(Text);
                }
                catch (JsonException ex)
                {
                    throw Error(GradientErrorKind.InvalidResponse, "the answer is not valid JSON", ex);
                }
            }

            /// <summary>A 2xx answer the client cannot use: "{verb} {path} answered {status} but {what}."</summary>
            public GradientApiException Error(GradientErrorKind kind, string what, Exception? inner = null)
            {
                var message = Method + " " + Path + " answered " + StatusCode.ToString(CultureInfo.InvariantCulture) + " but " + what + ".";
                var error = new GradientApiException(kind, message, (HttpStatusCode)StatusCode, null, Method, Path, inner);
                error.Attempts = Attempts;
                return error;
            }

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
}
