using System;
using System.Net.Http;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;

namespace GradientMsp.Client.Http
{
    /// <summary>
    /// Holds every attempt (retries included: it sits inside <see cref="RetryHandler"/>) until the
    /// connection's rate limiter grants a permit. The limiter belongs to the GradientClient, so
    /// pacing is per connection. A null limiter means pacing is off.
    /// </summary>
    internal sealed class PacingHandler : DelegatingHandler
    {
        private readonly RateLimiter? _limiter;

        public PacingHandler(RateLimiter? limiter)
        {
            _limiter = limiter;
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (_limiter == null)
                return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);

            using (var lease = await _limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false))
            {
                if (!lease.IsAcquired)
                    throw new InvalidOperationException("The request pacer refused a permit.");
            }
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }
}
