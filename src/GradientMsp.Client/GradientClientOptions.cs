using System;
using System.Net.Http;

namespace GradientMsp.Client
{
    /// <summary>How a <see cref="GradientClient"/> talks to the service.</summary>
    public sealed class GradientClientOptions
    {
        /// <summary>A copy, for a client that differs only in its credential.</summary>
        public GradientClientOptions Clone() => (GradientClientOptions)MemberwiseClone();

        /// <summary>The live service.</summary>
        public static readonly Uri DefaultBaseUri = new Uri("https://app.usegradient.com");

        /// <summary>
        /// The host root (https://app.usegradient.com, or an emulator's http://127.0.0.1:port). A URI ending
        /// in /api or /api/vendor-api is accepted and trimmed. Plain http is refused except for loopback.
        /// </summary>
        public Uri BaseUri { get; set; } = DefaultBaseUri;

        /// <summary>Time allowed for one attempt of one request.</summary>
        public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>Retries after the first attempt, for 429, 5xx, timeouts and connection failures.</summary>
        public int MaxRetries { get; set; } = 5;

        /// <summary>First back-off delay; it doubles per attempt, with jitter, up to <see cref="MaxRetryDelay"/>.</summary>
        public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

        public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>Requests a second this client never exceeds (the documented limit is 100). 0 turns pacing off.</summary>
        public double RequestsPerSecond { get; set; } = 100;

        /// <summary>Optional sink for request tracing (-Verbose).</summary>
        public IGradientLog? Log { get; set; }

        /// <summary>Product token for the User-Agent header, e.g. "GradientMsp/1.0.0".</summary>
        public string UserAgent { get; set; } = "GradientMsp";

        /// <summary>Test seam: the innermost handler (defaults to a real SocketsHttpHandler/HttpClientHandler).</summary>
        public HttpMessageHandler? PrimaryHandler { get; set; }

        /// <summary>Test seam: the clock used for pacing and back-off delays.</summary>
        public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
    }
}
