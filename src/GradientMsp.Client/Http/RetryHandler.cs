using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Polly;
using Polly.Retry;

namespace GradientMsp.Client.Http
{
    /// <summary>
    /// Retries transient failures with a Polly.Core pipeline: 408, 429, 500, 502, 503, 504,
    /// connection errors (HttpRequestException, IOException) and per-attempt timeouts. Back-off is
    /// exponential with jitter from <c>baseDelay</c>, capped at <c>maxDelay</c>; a Retry-After (on a
    /// 429 or a 503; seconds or HTTP date) replaces the computed delay. A Retry-After longer than
    /// <c>maxDelay</c> is not waited out: the answer is returned so the caller sees RateLimited with the server's
    /// RetryAfter instead of a command that hangs for minutes. 4xx other than 408/429 are never
    /// retried, nor is the caller's cancellation. A request that is not idempotent (a create) is
    /// retried only when the failure proves the server never acted on it (a refused connection, a DNS
    /// failure, a 429, a 503): after a timeout, a dropped connection or a 500/502/504 the create may
    /// have been made, and sending it again could make it twice. The creating operation decides what
    /// to do then (docs/retries.md).
    /// </summary>
    internal sealed class RetryHandler : DelegatingHandler
    {
        private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
        private readonly TimeProvider _time;
        private readonly TimeSpan _maxDelay;

        public RetryHandler(int maxRetries, TimeSpan baseDelay, TimeSpan maxDelay, TimeProvider time, IGradientLog? log, Action? onRetry = null)
        {
            _time = time ?? throw new ArgumentNullException(nameof(time));
            if (baseDelay < TimeSpan.Zero) baseDelay = TimeSpan.Zero;
            if (maxDelay < baseDelay) maxDelay = baseDelay;
            _maxDelay = maxDelay;

            if (maxRetries <= 0)
            {
                _pipeline = ResiliencePipeline<HttpResponseMessage>.Empty;
                return;
            }

            var options = new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = maxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = baseDelay,
                MaxDelay = maxDelay,
                ShouldHandle = args => new ValueTask<bool>(ShouldRetry(args.Outcome, args.Context)),
                DelayGenerator = args =>
                {
                    var retryAfter = args.Outcome.Result == null ? null : RetryAfterOf(args.Outcome.Result, _time);
                    return new ValueTask<TimeSpan?>(retryAfter);
                },
                OnRetry = args =>
                {
                    onRetry?.Invoke();
                    if (log != null && args.Context.Properties.TryGetValue(RequestKey, out var req))
                    {
                        try
                        {
                            log.Retrying(req.Method.Method, TracingHandler.PathOf(req), ReasonOf(args.Outcome), args.RetryDelay, args.AttemptNumber + 2);
                        }
                        catch (Exception)
                        {
                            // A broken log sink must never fail the request.
                        }
                    }
                    // The response being retried is thrown away; free its connection now.
                    args.Outcome.Result?.Dispose();
                    return default;
                },
            };

            _pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
                .AddRetry(options)
                .Build();
        }

        private static readonly ResiliencePropertyKey<HttpRequestMessage> RequestKey = new ResiliencePropertyKey<HttpRequestMessage>("GradientMsp.Request");

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var context = ResilienceContextPool.Shared.Get(cancellationToken);
            context.Properties.Set(RequestKey, request);
            int attempt = 0;
            try
            {
                return await _pipeline.ExecuteAsync(async ctx =>
                {
                    RequestProperties.SetAttempt(request, ++attempt);
                    return await base.SendAsync(request, ctx.CancellationToken).ConfigureAwait(false);
                }, context).ConfigureAwait(false);
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }
        }

        private bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context)
        {
            if (context.Properties.TryGetValue(RequestKey, out var request) && !RequestProperties.IsIdempotent(request)
                && !NeverReachedServer(outcome.Exception, outcome.Result?.StatusCode))
                return false;

            if (outcome.Exception != null)
                return IsTransient(outcome.Exception) && !(request != null && CutOffAsTooLarge(request, outcome.Exception));

            var response = outcome.Result;
            if (response == null || !IsRetriableStatus(response.StatusCode)) return false;
            // A Retry-After (on a 429, or a 503) longer than we are willing to wait ends the retries.
            var retryAfter = RetryAfterOf(response, _time);
            return !(retryAfter.HasValue && retryAfter.Value > _maxDelay);
        }

        /// <summary>
        /// True only for failures that prove the request was not acted on: the connection was refused
        /// or the host not found (nothing was sent), or the server answered 429 or 503 (refused before
        /// processing). A timeout, a reset or a 500/502/504 leaves the outcome unknown.
        /// </summary>
        internal static bool NeverReachedServer(Exception? ex, HttpStatusCode? status)
        {
            if (ex == null)
                return status.HasValue && ((int)status.Value == 429 || (int)status.Value == 503);
            if (ex is AttemptTimeoutException) return false;
            for (Exception? e = ex; e != null; e = e.InnerException)
            {
                if (e is System.Net.Sockets.SocketException socket)
                {
                    switch (socket.SocketErrorCode)
                    {
                        case System.Net.Sockets.SocketError.ConnectionRefused:
                        case System.Net.Sockets.SocketError.HostNotFound:
                        case System.Net.Sockets.SocketError.HostUnreachable:
                        case System.Net.Sockets.SocketError.NetworkUnreachable:
                        case System.Net.Sockets.SocketError.NoData:
                        case System.Net.Sockets.SocketError.TryAgain:
                            return true;
                        default:
                            return false;
                    }
                }
            }
            return false;
        }

        /// <summary>Bodies above this size that lose their connection are taken as refused for size (see <see cref="CutOffAsTooLarge"/>).</summary>
        internal const long LargeBodyBytes = 1024 * 1024;

        /// <summary>
        /// A server that refuses a body as too large (413) answers and closes the connection while the
        /// client is still sending, so the client sees a broken connection, not the 413 (Kestrel does
        /// this). A connection lost while a body over <see cref="LargeBodyBytes"/> was being sent is
        /// therefore taken as that refusal: sending the same body again would fail the same way.
        /// </summary>
        internal static bool CutOffAsTooLarge(HttpRequestMessage request, Exception ex)
            => !(ex is AttemptTimeoutException) && (ex is HttpRequestException || ex is IOException)
               && !NeverReachedServer(ex, null)
               && request.Content?.Headers.ContentLength > LargeBodyBytes;

        internal static bool IsTransient(Exception ex)
            => ex is AttemptTimeoutException || ex is HttpRequestException || ex is IOException;

        internal static bool IsRetriableStatus(HttpStatusCode status)
        {
            switch ((int)status)
            {
                case 408:
                case 429:
                case 500:
                case 502:
                case 503:
                case 504:
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>The Retry-After of a response as a delay from now (delta seconds or an HTTP date), never negative.</summary>
        internal static TimeSpan? RetryAfterOf(HttpResponseMessage response, TimeProvider time)
        {
            var header = response.Headers.RetryAfter;
            if (header == null)
            {
                // Tolerate a value HttpHeaders would not parse strictly, e.g. "1.5".
                if (response.Headers.TryGetValues("Retry-After", out var raw))
                {
                    foreach (var value in raw)
                    {
                        if (double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
                            && seconds >= 0 && seconds < TimeSpan.MaxValue.TotalSeconds)
                            return TimeSpan.FromSeconds(seconds);
                    }
                }
                return null;
            }
            if (header.Delta.HasValue)
                return header.Delta.Value < TimeSpan.Zero ? TimeSpan.Zero : header.Delta.Value;
            if (header.Date.HasValue)
            {
                var delay = header.Date.Value - time.GetUtcNow();
                return delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
            }
            return null;
        }

        private static string ReasonOf(Outcome<HttpResponseMessage> outcome)
        {
            if (outcome.Exception is AttemptTimeoutException) return "timeout";
            if (outcome.Exception != null) return "connection failure (" + outcome.Exception.GetType().Name + ")";
            var response = outcome.Result;
            if (response == null) return "no response";
            return ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture)
                   + (string.IsNullOrEmpty(response.ReasonPhrase) ? "" : " " + response.ReasonPhrase);
        }
    }
}
