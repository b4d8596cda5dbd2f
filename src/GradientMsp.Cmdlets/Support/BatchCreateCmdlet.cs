using System;
using System.Collections.Generic;
using System.Management.Automation;
using GradientMsp.Client;
using GradientMsp.Client.Session;

namespace GradientMsp.Commands
{
    /// <summary>
    /// Shared shape of New-GradientAccount and New-GradientOrganizationService: rows are collected as
    /// they arrive (confirmed one by one, so -WhatIf and -Confirm work per row), then EndProcessing
    /// hands each connection's rows to the client's <see cref="BatchCreator{TRequest, TItem}"/>
    /// (read what exists once, send what is new in bulk POSTs of -BatchSize rows) and writes errors,
    /// progress and output. The creator is held through <see cref="IBatchCreator"/>: a cmdlet class
    /// closed over client types would make PowerShell's type scan load GradientMsp.Client before the
    /// module initializer has routed it to its load context (docs/assembly-loading.md).
    /// </summary>
    public abstract class BatchCreateCmdlet : GradientApiCmdlet
    {
        // Insertion order: connections are sent in the order their first row arrived.
        private readonly List<KeyValuePair<GradientConnection, IBatchCreator>> _creators = new List<KeyValuePair<GradientConnection, IBatchCreator>>();

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

        /// <summary>A creator for one connection's rows, typed by the derived cmdlet.</summary>
        private protected abstract IBatchCreator NewCreator(GradientClient client, int batchSize);

        /// <summary>Queues one row (called from ProcessRecord): refuses ids repeated in the input and asks ShouldProcess.</summary>
        private protected void Enqueue(GradientConnection connection, string id, string name, object request)
        {
            IBatchCreator creator = CreatorFor(connection);
            if (!creator.TryClaim(id))
            {
                WriteError(ErrorRecordFactory.Create(ExistsErrorId, ErrorCategory.ResourceExists, id,
                    $"The {Noun} id '{id}' appears more than once in the input; only its first row is sent.",
                    "Remove the repeated rows, or give them distinct ids."));
                return;
            }

            if (ShouldProcess($"{id} ({name})", $"Create {Noun}"))
            {
                creator.Queue(request);
            }
        }

        protected override void EndProcessing()
        {
            foreach (KeyValuePair<GradientConnection, IBatchCreator> pair in _creators)
            {
                if (pair.Value.Queued > 0)
                {
                    Send(pair.Key, pair.Value);
                }
            }

            base.EndProcessing();
        }

        private IBatchCreator CreatorFor(GradientConnection connection)
        {
            foreach (KeyValuePair<GradientConnection, IBatchCreator> pair in _creators)
            {
                if (ReferenceEquals(pair.Key, connection))
                {
                    return pair.Value;
                }
            }

            IBatchCreator creator = NewCreator(connection.Client, BatchSize);
            _creators.Add(new KeyValuePair<GradientConnection, IBatchCreator>(connection, creator));
            return creator;
        }

        private void Send(GradientConnection connection, IBatchCreator creator)
        {
            IReadOnlyList<string> existing = CallOrThrow(ct => creator.RemoveExistingAsync(ct), connection);
            foreach (string id in existing)
            {
                WriteError(ErrorRecordFactory.Create(ExistsErrorId, ErrorCategory.ResourceExists, id,
                    $"The {Noun} '{id}' already exists for this partner; it was not sent again.",
                    $"Change it with {SetCommandName} instead."));
            }

            int batches = creator.BatchCount;
            var progress = new ProgressRecord(1, $"Creating {Noun}s", "Starting");
            for (int b = 0; b < batches; b++)
            {
                IReadOnlyList<string> ids = creator.IdsIn(b);
                if (batches > 1)
                {
                    progress.StatusDescription = $"Batch {b + 1} of {batches} ({ids.Count} {Noun}s)";
                    progress.PercentComplete = b * 100 / batches;
                    WriteProgress(progress);
                }

                SendBatch(creator, b, ids);
            }

            if (batches > 1)
            {
                progress.RecordType = ProgressRecordType.Completed;
                WriteProgress(progress);
            }
        }

        private void SendBatch(IBatchCreator creator, int index, IReadOnlyList<string> ids)
        {
            IReadOnlyList<object> created;
            try
            {
                created = RunSync(ct => creator.SendAsync(index, ct));
            }
            catch (GradientApiException exception)
            {
                // One request carried the whole batch, so every row in it shares the outcome; one
                // error per row keeps the id as the target, so failed rows can be found and resent.
                foreach (string id in ids)
                {
                    WriteError(ErrorRecordFactory.FromApiException(exception, id, conflictId: ExistsErrorId));
                }

                return;
            }

            WriteObject(created, enumerateCollection: true);
        }
    }
}
