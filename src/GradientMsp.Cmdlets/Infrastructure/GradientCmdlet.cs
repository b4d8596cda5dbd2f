using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using GradientMsp.Client;

namespace GradientMsp.Commands
{
    /// <summary>
    /// Base of every GradientMsp cmdlet: owns the cancellation that Ctrl+C triggers, and bridges the
    /// async client onto the pipeline thread. The client may report from any thread; those reports are
    /// queued and written here, because Write* from another thread throws.
    /// </summary>
    public abstract class GradientCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly ConcurrentQueue<string> _verbose = new ConcurrentQueue<string>();
        private bool _disposed;

        /// <summary>Cancelled when the user presses Ctrl+C or the pipeline is stopped.</summary>
        protected CancellationToken StopToken => _stop.Token;

        /// <summary>A log the client can call from any thread; messages reach -Verbose via <see cref="FlushVerbose"/>.</summary>
        internal IGradientLog? VerboseLog => IsVerbose ? _queuedLog ??= new QueuedLog(_verbose) : null;

        private QueuedLog? _queuedLog;

        /// <summary>Whether -Verbose (or $VerbosePreference) asks for verbose output; formatting is skipped otherwise.
        /// Read once per command: it is asked for every row of a usage sync.</summary>
        protected bool IsVerbose => _isVerbose ??= ReadVerbosePreference();

        private bool? _isVerbose;

        private bool ReadVerbosePreference()
        {
            if (MyInvocation.BoundParameters.TryGetValue("Verbose", out object? value) && value is SwitchParameter verbose)
            {
                return verbose.IsPresent;
            }

            object? preference = GetVariableValue("VerbosePreference");
            return preference is ActionPreference action && action != ActionPreference.SilentlyContinue && action != ActionPreference.Ignore;
        }

        /// <summary>
        /// Sealed so that no command can skip the shared set-up by forgetting <c>base.</c>: the
        /// format views load before anything is written, then <see cref="BeginProcessingCore"/> runs.
        /// </summary>
        protected sealed override void BeginProcessing()
        {
            FormatLoader.EnsureLoaded(this);
            BeginProcessingCore();
        }

        /// <summary>A command's own checks and set-up before the first input (BeginProcessing).</summary>
        protected virtual void BeginProcessingCore()
        {
        }

        protected override void StopProcessing() => _stop.Cancel();

        /// <summary>
        /// Runs async client work to completion on the pipeline thread, writing queued verbose
        /// messages while it waits. Cancellation by Ctrl+C becomes a PipelineStoppedException.
        /// </summary>
        protected T RunSync<T>(Func<CancellationToken, Task<T>> work)
        {
            Task<T> task;
            AmbientLog.Current = VerboseLog;
            try
            {
                task = work(StopToken);
            }
            catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }

            WaitOnPipelineThread(task, onTick: null);
            return task.GetAwaiter().GetResult();
        }

        /// <summary>
        /// Blocks the pipeline thread until <paramref name="task"/> ends, every 100 ms writing queued
        /// verbose messages and running <paramref name="onTick"/> (for output that streams while it
        /// waits), once more at the end. A cancellation caused by Ctrl+C surfaces as PipelineStoppedException;
        /// any other failure is left on the task for the caller to observe.
        /// </summary>
        protected void WaitOnPipelineThread(Task task, Action? onTick)
        {
            AmbientLog.Current = VerboseLog;
            bool finished;
            do
            {
                finished = WaitQuietly(task, TimeSpan.FromMilliseconds(100));
                FlushVerbose();
                onTick?.Invoke();
            }
            while (!finished);

            if (task.IsCanceled || (task.IsFaulted && task.Exception?.GetBaseException() is OperationCanceledException))
            {
                if (StopToken.IsCancellationRequested)
                {
                    throw new PipelineStoppedException();
                }
            }
        }

        private static bool WaitQuietly(Task task, TimeSpan timeout)
        {
            try
            {
                return task.Wait(timeout);
            }
            catch (AggregateException)
            {
                return true;
            }
        }

        protected void RunSync(Func<CancellationToken, Task> work) => RunSync(async ct =>
        {
            await work(ct).ConfigureAwait(false);
            return true;
        });

        /// <summary>Writes the verbose messages the client queued. Call only on the pipeline thread.</summary>
        protected void FlushVerbose()
        {
            while (_verbose.TryDequeue(out string? message))
            {
                WriteVerbose(message);
            }
        }

        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            DisposeCore();
            _stop.Dispose();
            GC.SuppressFinalize(this);
        }

        /// <summary>Releases what a derived cmdlet holds; called once from Dispose.</summary>
        protected virtual void DisposeCore()
        {
        }

        private sealed class QueuedLog : IGradientLog
        {
            private readonly ConcurrentQueue<string> _queue;

            public QueuedLog(ConcurrentQueue<string> queue) => _queue = queue;

            public void Request(string method, string pathAndQuery, int? statusCode, TimeSpan elapsed, int attempt)
            {
                string status = statusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no response";
                string retry = attempt > 1 ? $" (attempt {attempt})" : string.Empty;
                _queue.Enqueue($"{method} {pathAndQuery} -> {status} in {elapsed.TotalMilliseconds:0} ms{retry}");
            }

            public void Retrying(string method, string pathAndQuery, string reason, TimeSpan delay, int attempt)
                => _queue.Enqueue($"{method} {pathAndQuery}: {reason}; retry {attempt} in {delay.TotalMilliseconds:0} ms");
        }
    }
}
