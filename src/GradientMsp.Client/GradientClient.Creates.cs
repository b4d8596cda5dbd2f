using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace GradientMsp.Client
{
    // Creates whose answer may be lost. The retry handler does not re-send a create after a failure
    // that may have reached Gradient (OutcomeUnknown); these helpers look for what the first attempt
    // may have made and report it as created, and send again only what is provably not there. The
    // rule and its limits (alerts have no lookup) are in docs/retries.md.
    public sealed partial class GradientClient
    {
        /// <summary>How many times a create is sent again after a lookup found nothing (the client's retry budget).</summary>
        private int CreateRounds => Math.Max(0, Options.MaxRetries);

        /// <summary>One item: send; after an unknown outcome, <paramref name="find"/> what it may have made.</summary>
        private async Task<T> CreateOnceAsync<T>(Func<CancellationToken, Task<T>> send, Func<CancellationToken, Task<T?>> find, CancellationToken cancellationToken)
            where T : class
        {
            for (int round = 0; ; round++)
            {
                GradientApiException lost;
                try
                {
                    return await send(cancellationToken).ConfigureAwait(false);
                }
                catch (GradientApiException ex) when (ex.OutcomeUnknown)
                {
                    lost = ex;
                }

                T? made = await LookUpAfterAsync(lost, find, cancellationToken).ConfigureAwait(false);
                if (made != null) return made;
                if (round >= CreateRounds) throw lost;
                // Provably not made: sending again cannot double it.
            }
        }

        /// <summary>
        /// A batch keyed by id: after an unknown outcome, the ids <paramref name="find"/> returns were
        /// made and are reported as created; only the rest are sent again.
        /// </summary>
        private async Task<IReadOnlyList<TItem>> CreateBatchOnceAsync<TRequest, TItem>(
            IReadOnlyList<TRequest> batch,
            Func<IReadOnlyList<TRequest>, CancellationToken, Task<IReadOnlyList<TItem>>> send,
            Func<IReadOnlyCollection<string>, CancellationToken, Task<IReadOnlyList<TItem>>> find,
            Func<TRequest, string> requestId,
            Func<TItem, string?> itemId,
            CancellationToken cancellationToken)
        {
            var made = new List<TItem>();
            IReadOnlyList<TRequest> pending = batch;
            for (int round = 0; ; round++)
            {
                GradientApiException lost;
                try
                {
                    made.AddRange(await send(pending, cancellationToken).ConfigureAwait(false));
                    return made;
                }
                catch (GradientApiException ex) when (ex.OutcomeUnknown)
                {
                    lost = ex;
                }

                var ids = new HashSet<string>(pending.Select(requestId), StringComparer.Ordinal);
                IReadOnlyList<TItem> found = await LookUpAfterAsync<IReadOnlyList<TItem>>(lost, async ct => await find(ids, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false)
                                             ?? Array.Empty<TItem>();
                var foundIds = new HashSet<string>(StringComparer.Ordinal);
                foreach (TItem item in found)
                {
                    string? id = itemId(item);
                    if (id != null && ids.Contains(id) && foundIds.Add(id)) made.Add(item);
                }
                pending = pending.Where(r => !foundIds.Contains(requestId(r))).ToList();
                if (pending.Count == 0) return made;
                if (round >= CreateRounds) throw lost;
            }
        }

        /// <summary>The lookup after a lost answer; if it fails too, the create's own failure is what the caller sees.</summary>
        private static async Task<T?> LookUpAfterAsync<T>(GradientApiException lost, Func<CancellationToken, Task<T?>> find, CancellationToken cancellationToken)
            where T : class
        {
            try
            {
                return await find(cancellationToken).ConfigureAwait(false);
            }
            catch (GradientApiException)
            {
                throw lost;
            }
        }
    }
}
