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

        /// <summary>Set to false by the client on a request that must not be re-sent blindly (a create).</summary>
        public const string Idempotent = "GradientMsp.Idempotent";

        /// <summary>
        /// Whether sending the request twice has the effect of sending it once. Unmarked requests are
        /// judged by method: a POST is not (creates), everything else is (GET, and PATCHes that set fields).
        /// </summary>
        public static bool IsIdempotent(HttpRequestMessage request)
            => request.Properties.TryGetValue(Idempotent, out var value) && value is bool marked ? marked : request.Method != HttpMethod.Post;

        public static void SetIdempotent(HttpRequestMessage request, bool idempotent) => request.Properties[Idempotent] = idempotent;

        public static int GetAttempt(HttpRequestMessage request)
            => request.Properties.TryGetValue(Attempt, out var value) && value is int attempt ? attempt : 1;

        public static void SetAttempt(HttpRequestMessage request, int attempt) => request.Properties[Attempt] = attempt;
    }
}
