using System;
using System.Net;
using System.Net.Http;
using System.Threading;
using GradientMsp.Client.Http;
using GradientMsp.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace GradientMsp.Client
{
    /// <summary>
    /// One connection to the Synthesize vendor API for one vendor key + partner key pair. Owns one
    /// HttpClient (pipeline: pacing, retries, tracing, token) for its whole life. Thread-safe.
    /// Every method throws <see cref="GradientApiException"/> on failure and honours cancellation.
    /// </summary>
    /// <remarks>
    /// This file holds the connection's lifetime and HTTP pipeline; GradientClient.Request.cs the one
    /// request core; each resource's operations are in their own file (GradientClient.Vendor.cs,
    /// .Services.cs, .Organization.cs, .Accounts.cs, .Alerts.cs), each written once.
    /// </remarks>
    public sealed partial class GradientClient : IDisposable
    {
        private readonly HttpClient _http;
        private readonly ServiceProvider _services;
        private readonly HttpMessageHandler? _ownedPrimary;
        private readonly PacingRateLimiter? _limiter;
        private long _requestCount;
        private long _retryCount;
        private int _disposed;

        public GradientClient(GradientCredential credential, GradientClientOptions? options = null)
        {
            Credential = credential ?? throw new ArgumentNullException(nameof(credential));
            Options = options ?? new GradientClientOptions();
            BaseUri = NormalizeBaseUri(Options.BaseUri);

            var settings = Options;
            var time = settings.TimeProvider ?? TimeProvider.System;
            double rps = settings.RequestsPerSecond;
            if (double.IsNaN(rps) || double.IsInfinity(rps) || rps < 0)
                throw new ArgumentOutOfRangeException(nameof(options), rps, "RequestsPerSecond must be 0 (no pacing) or a positive number.");
            if (settings.RequestTimeout < TimeSpan.Zero && settings.RequestTimeout != Timeout.InfiniteTimeSpan)
                throw new ArgumentOutOfRangeException(nameof(options), settings.RequestTimeout, "RequestTimeout cannot be negative.");

            _limiter = rps > 0 ? new PacingRateLimiter(rps, time) : null;
            var limiter = _limiter;
            var log = settings.Log;
            int maxRetries = Math.Max(0, settings.MaxRetries);

            HttpMessageHandler primary;
            if (settings.PrimaryHandler != null)
            {
                primary = settings.PrimaryHandler; // the caller's: they dispose it
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
                TlsPolicy.Apply(handler); // Windows PowerShell may not offer TLS 1.2 by default
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
                .AddHttpMessageHandler(() => new RetryHandler(maxRetries, settings.RetryBaseDelay, settings.MaxRetryDelay, time, log,
                    () => Interlocked.Increment(ref _retryCount)))
                .AddHttpMessageHandler(() => new PacingHandler(limiter))
                .AddHttpMessageHandler(() => new TimeoutHandler(settings.RequestTimeout, time))
                .AddHttpMessageHandler(() => new TracingHandler(log, time, () => Interlocked.Increment(ref _requestCount)))
                .AddHttpMessageHandler(() => new TokenHandler(credential.ToToken, settings.UserAgent))
                .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
                .RemoveAllLoggers()
                .ConfigureHttpClient(c => c.Timeout = Timeout.InfiniteTimeSpan);
            _services = services.BuildServiceProvider();
            _http = _services.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(GradientClient));
        }

        public GradientCredential Credential { get; }

        /// <summary>
        /// A new client for another partner of the same vendor: same base address, options and
        /// retry policy, its own HttpClient and its own pacer (the rate limit is per token).
        /// </summary>
        public GradientClient ForPartner(string partnerKey) => new GradientClient(Credential.WithPartnerKey(partnerKey), Options.Clone());
        public GradientClientOptions Options { get; }
        /// <summary>The host root, normalised (no /api suffix, trailing slash).</summary>
        public Uri BaseUri { get; }

        /// <summary>HTTP requests sent so far, retries included.</summary>
        public long RequestCount => Interlocked.Read(ref _requestCount);
        /// <summary>Retries made so far.</summary>
        public long RetryCount => Interlocked.Read(ref _retryCount);

        /// <summary>The pacer's minimum gap between two requests, or null when pacing is off (for diagnostics and tests).</summary>
        internal TimeSpan? PacingInterval => _limiter?.Interval;

        /// <summary>Releases the HttpClient, its handlers and the pacer.</summary>
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
            _http.Dispose();
            _services.Dispose();
            _ownedPrimary?.Dispose();
            _limiter?.Dispose();
        }

        /// <summary>Checks the base URI: absolute, https (or http to loopback), and trims /api or /api/vendor-api.</summary>
        public static Uri NormalizeBaseUri(Uri baseUri)
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
    }
}
