using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace GradientMsp.Client.Session
{
    /// <summary>
    /// The untyped face of <see cref="BatchCreator{TRequest, TItem}"/>, for the cmdlet base that
    /// serves both item kinds: a public cmdlet type may not be built on client types
    /// (docs/assembly-loading.md), so the base holds creators through this.
    /// </summary>
    public interface IBatchCreator
    {
        /// <summary>Rows queued and not yet dropped as existing.</summary>
        int Queued { get; }

        int BatchCount { get; }

        /// <summary>Claims an id for this run; false when the input already had it (only its first row is sent).</summary>
        bool TryClaim(string id);

        /// <summary>Queues a request whose id was claimed.</summary>
        void Queue(object request);

        /// <summary>Reads what exists once, drops the queued rows whose id already exists and returns those ids.</summary>
        Task<IReadOnlyList<string>> RemoveExistingAsync(CancellationToken cancellationToken = default);

        /// <summary>The ids in batch <paramref name="index"/> (0-based).</summary>
        IReadOnlyList<string> IdsIn(int index);

        /// <summary>
        /// Sends batch <paramref name="index"/> in one request: the items Gradient answered, then, for
        /// rows its answer leaves out (an empty 201), the item as requested. A failure throws
        /// <see cref="GradientApiException"/> and concerns every row of the batch.
        /// </summary>
        Task<IReadOnlyList<object>> SendAsync(int index, CancellationToken cancellationToken = default);
    }

    /// <summary>
    /// Bulk creation as the API asks for it (accounts, organization services): rows are queued with
    /// repeated ids refused, the existing items are read once and not sent again (the API documents
    /// no uniqueness check), and the rest go in POSTs of at most <c>batchSize</c> rows.
    /// </summary>
    public sealed class BatchCreator<TRequest, TItem> : IBatchCreator
        where TRequest : class
        where TItem : class
    {
        private readonly Func<CancellationToken, Task<IReadOnlyList<TItem>>> _getExisting;
        private readonly Func<IReadOnlyList<TRequest>, CancellationToken, Task<IReadOnlyList<TItem>>> _create;
        private readonly Func<TRequest, string> _requestId;
        private readonly Func<TItem, string?> _itemId;
        private readonly Func<TRequest, TItem> _fromRequest;
        private readonly int _batchSize;
        private readonly HashSet<string> _claimed = new HashSet<string>(StringComparer.Ordinal);
        private readonly List<TRequest> _queued = new List<TRequest>();

        public BatchCreator(
            Func<CancellationToken, Task<IReadOnlyList<TItem>>> getExisting,
            Func<IReadOnlyList<TRequest>, CancellationToken, Task<IReadOnlyList<TItem>>> create,
            Func<TRequest, string> requestId,
            Func<TItem, string?> itemId,
            Func<TRequest, TItem> fromRequest,
            int batchSize)
        {
            if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize));
            _getExisting = getExisting ?? throw new ArgumentNullException(nameof(getExisting));
            _create = create ?? throw new ArgumentNullException(nameof(create));
            _requestId = requestId ?? throw new ArgumentNullException(nameof(requestId));
            _itemId = itemId ?? throw new ArgumentNullException(nameof(itemId));
            _fromRequest = fromRequest ?? throw new ArgumentNullException(nameof(fromRequest));
            _batchSize = batchSize;
        }

        public int Queued => _queued.Count;

        public int BatchCount => (_queued.Count + _batchSize - 1) / _batchSize;

        public bool TryClaim(string id) => _claimed.Add(id);

        public void Queue(TRequest request)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            _queued.Add(request);
        }

        void IBatchCreator.Queue(object request) => Queue((TRequest)request);

        public async Task<IReadOnlyList<string>> RemoveExistingAsync(CancellationToken cancellationToken = default)
        {
            IReadOnlyList<TItem> existing = await _getExisting(cancellationToken).ConfigureAwait(false);
            var existingIds = new HashSet<string>(existing.Select(_itemId).Where(i => i != null).Select(i => i!), StringComparer.Ordinal);
            var dropped = new List<string>();
            _queued.RemoveAll(request =>
            {
                string id = _requestId(request);
                if (!existingIds.Contains(id)) return false;
                dropped.Add(id);
                return true;
            });
            return dropped;
        }

        public IReadOnlyList<string> IdsIn(int index) => Batch(index).Select(_requestId).ToList();

        public async Task<IReadOnlyList<TItem>> SendBatchAsync(int index, CancellationToken cancellationToken = default)
        {
            List<TRequest> batch = Batch(index);
            IReadOnlyList<TItem> created = await _create(batch, cancellationToken).ConfigureAwait(false);
            var answered = new HashSet<string>(created.Select(_itemId).Where(i => i != null).Select(i => i!), StringComparer.Ordinal);
            var result = new List<TItem>(created);
            result.AddRange(batch.Where(r => !answered.Contains(_requestId(r))).Select(_fromRequest));
            return result;
        }

        async Task<IReadOnlyList<object>> IBatchCreator.SendAsync(int index, CancellationToken cancellationToken)
            => (await SendBatchAsync(index, cancellationToken).ConfigureAwait(false)).Cast<object>().ToList();

        private List<TRequest> Batch(int index)
        {
            if (index < 0 || index >= BatchCount) throw new ArgumentOutOfRangeException(nameof(index));
            return _queued.Skip(index * _batchSize).Take(_batchSize).ToList();
        }
    }
}
