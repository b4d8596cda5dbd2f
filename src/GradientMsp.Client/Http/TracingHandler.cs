using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace GradientMsp.Client.Http
{
    /// <summary>
    /// Reports each attempt (method, path and query, status, elapsed, attempt number) to the log and
    /// counts it. Only the request line is reported: headers (and so the token) never are.
    /// </summary>
    internal sealed class TracingHandler : DelegatingHandler
    {
        private readonly IGradientLog? _log;
        private readonly TimeProvider _time;
        private readonly Action? _onAttempt;

        public TracingHandler(IGradientLog? log, TimeProvider time, Action? onAttempt = null)
        {
            _log = log;
            _time = time ?? throw new ArgumentNullException(nameof(time));
            _onAttempt = onAttempt;
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            _onAttempt?.Invoke();
            long start = _time.GetTimestamp();
            int? status = null;
            try
            {
                var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
                status = (int)response.StatusCode;
                return response;
            }
            finally
            {
                if (_log != null)
                {
                    var elapsed = _time.GetElapsedTime(start);
                    try
                    {
                        _log.Request(request.Method.Method, PathOf(request), status, elapsed, RequestProperties.GetAttempt(request));
                    }
                    catch (Exception)
                    {
                        // A broken log sink must never fail the request it describes.
                    }
                }
            }
        }

        internal static string PathOf(HttpRequestMessage request) => request.RequestUri?.PathAndQuery ?? "";
    }
}
