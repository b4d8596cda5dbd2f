using System;
using System.Net;
using System.Net.Http;
using GradientMsp.Client.Http;

namespace GradientMsp.Client.Session
{
    /// <summary>
    /// The socket-level handler a session and all its partner children send through: one connection
    /// pool for one vendor's traffic to one host, however many partner keys it serves. Each child
    /// still has its own handler chain above it (its own token and its own pacer, because the rate
    /// limit is per token); only the sockets are shared.
    /// </summary>
    internal static class SharedPrimaryHandler
    {
        /// <summary>
        /// Settings match the client's own default primary handler (GradientClient.Core Initialize):
        /// no auto-redirect (a redirect would carry GRADIENT-TOKEN wherever it points), no cookies,
        /// 64 connections per host so Windows PowerShell does not serialise a sync at 2, and TLS 1.2
        /// offered even where .NET Framework's default does not (<see cref="TlsPolicy"/>).
        /// </summary>
        public static HttpMessageHandler Create()
        {
            var handler = new HttpClientHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            };
            try
            {
                handler.MaxConnectionsPerServer = 64;
            }
            catch (PlatformNotSupportedException)
            {
                // Older frameworks: keep their default.
            }

            TlsPolicy.Apply(handler);
            return handler;
        }
    }
}
