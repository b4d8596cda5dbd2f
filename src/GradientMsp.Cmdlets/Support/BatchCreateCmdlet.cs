using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using GradientMsp.Client;

namespace GradientMsp.Commands
{
    /// <summary>
    /// Shared shape of New-GradientAccount and New-GradientOrganizationService: rows are collected as
    /// they arrive (confirmed one by one, so -WhatIf and -Confirm work per row), then EndProcessing
    /// reads what already exists once and sends what is new in bulk POSTs of -BatchSize rows. The API
    /// asks for bulk creation and has no documented uniqueness check for accounts, so duplicates are
    /// filtered here rather than sent.
    /// Requests and items are handled as object, not through type parameters: a cmdlet class closed
    /// over client types would make PowerShell's type scan load GradientMsp.Client before the module
    /// initializer has routed it to its load context (docs/assembly-loading.md).
    /// </summary>
    public abstract class BatchCreateCmdlet : GradientApiCmdlet
    {
        private readonly List<Pending> _pending = new List<Pending>();
        private readonly Dictionary<GradientConnection, HashSet<string>> _seen = new Dictionary<GradientConnection, HashSet<string>>();

        /// <summary>How many rows go in one POST. Gradient documents no maximum; smaller batches limit what one failed request affects.</summary>
        [Parameter]
        [ValidateRange(1, 1000)]
        public int BatchSize { get; set; } = 100;

        /// <summary>"account" or "organization service", for messages.</summary>
        private protected abstract string Noun { get; }

        /// <summary>The cmdlet that changes an existing item, for the advice in "already exists" errors.</summary>
        private protected abstract string SetCommandName { get; }

        /// <summary>The error id for an id that already exists (or is repeated in the input).</summary>
        private protected abstract string ExistsErrorId { get; }

        private protected abstract Task<IReadOnlyList<object>> GetExistingAsync(GradientClient client, CancellationToken cancellationToken);

        private protected abstract Task<IReadOnlyList<object>> CreateAsync(GradientClient client, IReadOnlyList<object> batch, CancellationToken cancellationToken);

        private protected abstract string? IdOf(object item);

        /// <summary>The output for a row when Gradient's answer does not list it (an empty 201).</summary>
        private protected abstract object FromRequest(object request);

        /// <summary>Queues one row (called from ProcessRecord): refuses ids repeated in the input and asks ShouldProcess.</summary>
        private protected void Enqueue(GradientConnection connection, string id, string name, object request)
        {
            if (!_seen.TryGetValue(connection, out HashSet<string>? seen))
            {
                seen = new HashSet<string>(StringComparer.Ordinal);
                _seen[connection] = seen;
            }

            if (!seen.Add(id))
            {
                WriteError(ErrorRecordFactory.Create(ExistsErrorId, ErrorCategory.ResourceExists, id,
                    $"The {Noun} id '{id}' appears more than once in the input; only its first row is sent.",
                    "Remove the repeated rows, or give them distinct ids."));
                return;
            }

            if (ShouldProcess($"{id} ({name})", $"Create {Noun}"))
            {
                _pending.Add(new Pending(connection, id, request));
            }
        }

        protected override void EndProcessing()
        {
            foreach (IGrouping<GradientConnection, Pending> group in _pending.GroupBy(p => p.Connection))
            {
                Send(group.Key, group.ToList());
            }

            base.EndProcessing();
        }

        private void Send(GradientConnection connection, List<Pending> rows)
        {
            IReadOnlyList<object> existing = CallOrThrow(ct => GetExistingAsync(connection.Client, ct), connection);
            var existingIds = new HashSet<string>(existing.Select(IdOf).Where(i => i != null).Select(i => i!), StringComparer.Ordinal);

            var fresh = new List<Pending>();
            foreach (Pending row in rows)
            {
                if (existingIds.Contains(row.Id))
                {
                    WriteError(ErrorRecordFactory.Create(ExistsErrorId, ErrorCategory.ResourceExists, row.Id,
                        $"The {Noun} '{row.Id}' already exists for this partner; it was not sent again.",
                        $"Change it with {SetCommandName} instead."));
                }
                else
                {
                    fresh.Add(row);
                }
            }

            int batches = (fresh.Count + BatchSize - 1) / BatchSize;
            var progress = new ProgressRecord(1, $"Creating {Noun}s", "Starting");
            for (int b = 0; b < batches; b++)
            {
                List<Pending> batch = fresh.Skip(b * BatchSize).Take(BatchSize).ToList();
                if (batches > 1)
                {
                    progress.StatusDescription = $"Batch {b + 1} of {batches} ({batch.Count} {Noun}s)";
                    progress.PercentComplete = b * 100 / batches;
                    WriteProgress(progress);
                }

                SendBatch(connection, batch);
            }

            if (batches > 1)
            {
                progress.RecordType = ProgressRecordType.Completed;
                WriteProgress(progress);
            }
        }

        private void SendBatch(GradientConnection connection, List<Pending> batch)
        {
            IReadOnlyList<object> created;
            try
            {
                List<object> requests = batch.Select(p => p.Request).ToList();
                created = RunSync(ct => CreateAsync(connection.Client, requests, ct));
            }
            catch (GradientApiException exception)
            {
                // One request carried the whole batch, so every row in it shares the outcome; one
                // error per row keeps the id as the target, so failed rows can be found and resent.
                foreach (Pending row in batch)
                {
                    ErrorRecord record = exception.Kind == GradientErrorKind.Conflict
                        ? new ErrorRecord(exception, ExistsErrorId, ErrorCategory.ResourceExists, row.Id) { ErrorDetails = new ErrorDetails(exception.ApiMessage ?? exception.Message) }
                        : ErrorRecordFactory.FromApiException(exception, row.Id);
                    WriteError(record);
                }

                return;
            }

            var answered = new HashSet<string>(created.Select(IdOf).Where(i => i != null).Select(i => i!), StringComparer.Ordinal);
            WriteObject(created, enumerateCollection: true);
            foreach (Pending row in batch)
            {
                if (!answered.Contains(row.Id))
                {
                    WriteObject(FromRequest(row.Request));
                }
            }
        }

        private sealed class Pending
        {
            public Pending(GradientConnection connection, string id, object request)
            {
                Connection = connection;
                Id = id;
                Request = request;
            }

            public GradientConnection Connection { get; }

            public string Id { get; }

            public object Request { get; }
        }
    }
}
