using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace GradientMsp.Client.Http
{
    /// <summary>
    /// Bounds one attempt (headers and body) by a timeout measured on the given clock. A timeout
    /// surfaces as <see cref="AttemptTimeoutException"/>; the caller's own cancellation still surfaces
    /// as <see cref="OperationCanceledException"/>. The body is buffered here, inside the timeout,
    /// so that a stalled body cannot hang the call (HttpClient.Timeout is infinite).
    /// </summary>
    internal sealed class TimeoutHandler : DelegatingHandler
    {
        private readonly TimeSpan _timeout;
        private readonly TimeProvider _time;

        public TimeoutHandler(TimeSpan timeout, TimeProvider time)
        {
            _timeout = timeout;
            _time = time ?? throw new ArgumentNullException(nameof(time));
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (_timeout <= TimeSpan.Zero || _timeout == Timeout.InfiniteTimeSpan)
            {
                var plain = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
                if (plain.Content != null) await plain.Content.LoadIntoBufferAsync().ConfigureAwait(false);
                return plain;
            }

            using (var attemptCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                int timedOut = 0;
                using (_time.CreateTimer(_ =>
                       {
                           Interlocked.Exchange(ref timedOut, 1);
                           try { attemptCts.Cancel(); }
                           catch (ObjectDisposedException) { /* the attempt already finished */ }
                       }, null, _timeout, Timeout.InfiniteTimeSpan))
                {
                    HttpResponseMessage? response = null;
                    try
                    {
                        response = await base.SendAsync(request, attemptCts.Token).ConfigureAwait(false);
                        if (response.Content != null)
                        {
                            // LoadIntoBufferAsync takes no token on netstandard2.0: disposing the
                            // response on cancellation aborts a stalled read.
                            var toAbort = response;
                            using (attemptCts.Token.Register(() => toAbort.Dispose()))
                            {
                                await response.Content.LoadIntoBufferAsync().ConfigureAwait(false);
                            }
                            attemptCts.Token.ThrowIfCancellationRequested();
                        }
                        return response;
                    }
                    catch (Exception ex) when (!cancellationToken.IsCancellationRequested && Volatile.Read(ref timedOut) == 1
                                               && (ex is OperationCanceledException || ex is ObjectDisposedException || ex is System.IO.IOException || ex is HttpRequestException))
                    {
                        response?.Dispose();
                        throw new AttemptTimeoutException(_timeout, ex);
                    }
                    catch (Exception ex) when (cancellationToken.IsCancellationRequested && !(ex is OperationCanceledException))
                    {
                        // The caller stopped and the read failed because of it: report cancellation, not a fault.
                        response?.Dispose();
                        throw new OperationCanceledException("The request was cancelled.", ex, cancellationToken);
                    }
                }
            }
        }
    }
}
