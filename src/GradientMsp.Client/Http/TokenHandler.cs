using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using GradientMsp.Contracts;

namespace GradientMsp.Client.Http
{
    /// <summary>
    /// Stamps every attempt with GRADIENT-TOKEN, Accept and User-Agent. Headers are replaced, not
    /// appended, because a retried request passes through here again.
    /// </summary>
    internal sealed class TokenHandler : DelegatingHandler
    {
        public const string TokenHeader = VendorApiContract.TokenHeader;

        private readonly Func<string> _token;
        private readonly string _userAgent;

        /// <param name="token">Produces the header value; called per attempt so the token is not kept in more places than needed.</param>
        /// <param name="userAgent">The User-Agent product token.</param>
        public TokenHandler(Func<string> token, string userAgent)
        {
            _token = token ?? throw new ArgumentNullException(nameof(token));
            _userAgent = string.IsNullOrWhiteSpace(userAgent) ? "GradientMsp" : userAgent;
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var headers = request.Headers;
            headers.Remove(TokenHeader);
            headers.TryAddWithoutValidation(TokenHeader, _token());
            headers.Remove("Accept");
            headers.TryAddWithoutValidation("Accept", "application/json");
            headers.Remove("User-Agent");
            headers.TryAddWithoutValidation("User-Agent", _userAgent);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
