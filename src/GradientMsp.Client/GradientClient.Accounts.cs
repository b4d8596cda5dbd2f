using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using GradientMsp.Client.Models;

namespace GradientMsp.Client
{
    // The vendor's accounts in the partner's organization: /organization/accounts (P scope).
    public sealed partial class GradientClient
    {
        public async Task<IReadOnlyList<GradientAccount>> GetAccountsAsync(IReadOnlyCollection<string>? accountIds = null, CancellationToken cancellationToken = default)
        {
            var path = Route("organization", "accounts") + Query(Repeated("accountIds", accountIds));
            var response = await SendAsync(HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false);
            return response.ReadList<GradientAccount>();
        }

        /// <summary>POST /organization/accounts with an array body (one request for the whole batch).</summary>
        public async Task<IReadOnlyList<GradientAccount>> CreateAccountsAsync(IReadOnlyList<NewAccount> accounts, CancellationToken cancellationToken = default)
        {
            if (accounts == null) throw new ArgumentNullException(nameof(accounts));
            if (accounts.Any(a => a == null)) throw new ArgumentException("The account list contains a null entry.", nameof(accounts));
            if (accounts.Count == 0) return Array.Empty<GradientAccount>();
            return await CreateBatchOnceAsync(accounts,
                async (batch, ct) =>
                {
                    var response = await SendAsync(HttpMethod.Post, Route("organization", "accounts"), batch.ToArray(), ct).ConfigureAwait(false);
                    return response.ReadList<GradientAccount>();
                },
                (ids, ct) => GetAccountsAsync(ids, ct),
                a => a.Id, a => a.Id, cancellationToken).ConfigureAwait(false);
        }

        public async Task<GradientAccount> UpdateAccountAsync(string accountId, MappingPropertyUpdate update, CancellationToken cancellationToken = default)
        {
            CheckUpdate(update);
            var path = Route("organization", "accounts", Segment(accountId, nameof(accountId)));
            var response = await SendAsync(Patch, path, update, cancellationToken).ConfigureAwait(false);
            return response.ReadFirst<GradientAccount>();
        }
    }
}
