using System;
using System.Threading;
using GradientMsp.Client;

namespace GradientMsp.Commands
{
    /// <summary>
    /// A connection outlives the cmdlets that use it, but -Verbose belongs to one cmdlet call. The
    /// client is given this forwarder once; each cmdlet sets <see cref="Current"/> before it calls the
    /// client, and AsyncLocal carries it through the awaits of that call only.
    /// </summary>
    internal sealed class AmbientLog : IGradientLog
    {
        public static readonly AmbientLog Instance = new AmbientLog();
        private static readonly AsyncLocal<IGradientLog?> CurrentLog = new AsyncLocal<IGradientLog?>();

        private AmbientLog()
        {
        }

        public static IGradientLog? Current
        {
            get => CurrentLog.Value;
            set => CurrentLog.Value = value;
        }

        public void Request(string method, string pathAndQuery, int? statusCode, TimeSpan elapsed, int attempt)
            => CurrentLog.Value?.Request(method, pathAndQuery, statusCode, elapsed, attempt);

        public void Retrying(string method, string pathAndQuery, string reason, TimeSpan delay, int attempt)
            => CurrentLog.Value?.Retrying(method, pathAndQuery, reason, delay, attempt);
    }
}
