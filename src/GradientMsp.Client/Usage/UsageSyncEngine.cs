using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace GradientMsp.Client.Usage
{
    /// <summary>Settings for one usage sync run.</summary>
    public sealed class UsageSyncOptions
    {
        /// <summary>Pushes in flight at once; pacing to the rate limit is the client's job, this only bounds memory and sockets.</summary>
        public int MaxConcurrency { get; set; } = 16;
        /// <summary>Validate and resolve rows but send nothing; every valid row ends NotSent.</summary>
        public bool WhatIf { get; set; }
    }

    /// <summary>Live counters for progress display.</summary>
    public readonly struct UsageSyncProgress
    {
        public UsageSyncProgress(long received, long completed, long inFlight, TimeSpan elapsed)
        {
            Received = received; Completed = completed; InFlight = inFlight; Elapsed = elapsed;
        }
        public long Received { get; }
        public long Completed { get; }
        public long InFlight { get; }
        public TimeSpan Elapsed { get; }
    }

    /// <summary>
    /// Streams usage rows to one connection: rows are validated, service names resolved once, and
    /// pushed concurrently (bounded) with no_build=true; the last row is held back and pushed without
    /// no_build once everything else has finished, so billing is rebuilt exactly once. If that final
    /// push does not land, a previously pushed row is re-sent without no_build (a set is idempotent) so
    /// billing is still rebuilt. Results are produced on worker threads and taken by the caller on its
    /// own thread with <see cref="TakeCompleted"/>.
    /// </summary>
    public sealed partial class UsageSyncEngine : IDisposable
    {
        public UsageSyncEngine(GradientClient client, UsageSyncOptions? options = null)
        {
            Client = client ?? throw new ArgumentNullException(nameof(client));
            Options = options ?? new UsageSyncOptions();
            Initialize();
        }

        public GradientClient Client { get; }
        public UsageSyncOptions Options { get; }

        partial void Initialize();

        /// <summary>Accepts one row; waits while MaxConcurrency pushes are in flight (back-pressure keeps memory flat).</summary>
        public Task AddAsync(UsageRow row, CancellationToken cancellationToken) => AddCoreAsync(row, cancellationToken);

        /// <summary>Results finished since the last call, in completion order. Call from the consuming thread.</summary>
        public IReadOnlyList<UsageResult> TakeCompleted() => TakeCompletedCore();

        /// <summary>Waits up to <paramref name="timeout"/> for at least one new result (for prompt streaming output).</summary>
        public Task<bool> WaitForCompletedAsync(TimeSpan timeout, CancellationToken cancellationToken) => WaitForCompletedCoreAsync(timeout, cancellationToken);

        /// <summary>Finishes the run: waits for in-flight pushes, sends the final billing-rebuild push, returns the totals.
        /// On cancellation, rows not yet sent are reported NotSent and the totals so far are returned.</summary>
        public Task<UsageSyncSummary> CompleteAsync(CancellationToken cancellationToken) => CompleteCoreAsync(cancellationToken);

        public UsageSyncProgress Progress => GetProgress();
    }
}
