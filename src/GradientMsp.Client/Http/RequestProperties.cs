using System.Net.Http;

namespace GradientMsp.Client.Http
{
    /// <summary>
    /// Per-request values the handlers share through <see cref="HttpRequestMessage.Properties"/>
    /// (netstandard2.0 has no HttpRequestOptions). Nothing secret is ever stored here.
    /// </summary>
    internal static class RequestProperties
    {
        /// <summary>1-based attempt number, set by <see cref="RetryHandler"/> before each attempt.</summary>
        public const string Attempt = "GradientMsp.Attempt";

        public static int GetAttempt(HttpRequestMessage request)
            => request.Properties.TryGetValue(Attempt, out var value) && value is int attempt ? attempt : 1;

        public static void SetAttempt(HttpRequestMessage request, int attempt) => request.Properties[Attempt] = attempt;
    }
}
