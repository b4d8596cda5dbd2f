using System;
using System.Net;

namespace GradientMsp.Client
{
    /// <summary>What kind of failure a <see cref="GradientApiException"/> is; the cmdlets map it to an ErrorCategory.</summary>
    public enum GradientErrorKind
    {
        BadRequest,
        Authentication,
        Forbidden,
        NotFound,
        Conflict,
        RateLimited,
        ServerError,
        Timeout,
        Connection,
        InvalidResponse,
        Other,
        /// <summary>413, 414 or 431: the request (body, URL or headers) is larger than the server accepts; sending it again cannot help.</summary>
        TooLarge,
    }

    /// <summary>
    /// A failed call to the Synthesize API. Carries the HTTP status, the API's own message and the
    /// request line, but never the token or the keys.
    /// </summary>
    public class GradientApiException : Exception
    {
        public GradientApiException(GradientErrorKind kind, string message, HttpStatusCode? statusCode = null,
            string? apiMessage = null, string? method = null, string? path = null, Exception? innerException = null)
            : base(message, innerException)
        {
            Kind = kind;
            StatusCode = statusCode;
            ApiMessage = apiMessage;
            Method = method;
            Path = path;
        }

        public GradientErrorKind Kind { get; }
        /// <summary>The HTTP status, or null when no response came (timeout, connection failure).</summary>
        public HttpStatusCode? StatusCode { get; }
        /// <summary>The "message" of the API's error body, when it sent one.</summary>
        public string? ApiMessage { get; }
        public string? Method { get; }
        /// <summary>The request path and query (never carries secrets: the token travels in a header).</summary>
        public string? Path { get; }
        /// <summary>How many attempts were made before giving up.</summary>
        public int Attempts { get; set; } = 1;
        /// <summary>The server's Retry-After on the last 429, if any.</summary>
        public TimeSpan? RetryAfter { get; set; }
        /// <summary>
        /// True when a create (a non-idempotent request) may have reached Gradient and been acted on
        /// although its answer was lost (a timeout, a dropped connection, a 500/502/504), so it was not
        /// sent again blindly (docs/retries.md).
        /// </summary>
        public bool OutcomeUnknown { get; set; }
    }
}
