using System;

namespace GradientMsp.Client.Http
{
    /// <summary>One attempt ran past <see cref="GradientClientOptions.RequestTimeout"/>. Distinct from
    /// <see cref="OperationCanceledException"/> so that a timeout is retried and a caller's cancellation is not.</summary>
    internal sealed class AttemptTimeoutException : TimeoutException
    {
        public AttemptTimeoutException(TimeSpan timeout, Exception? inner)
            : base("The request did not complete within " + timeout.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + " s.", inner)
        {
            Timeout = timeout;
        }

        public TimeSpan Timeout { get; }
    }
}
