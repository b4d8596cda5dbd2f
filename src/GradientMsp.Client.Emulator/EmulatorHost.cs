using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace GradientMsp.Client.Emulator
{
    /// <summary>One emulator a host started: the process, a control client for it, and how it was started.</summary>
    internal sealed class EmulatorInstance
    {
        /// <summary>What the emulator applies when it is started without --rate-limit (the real API's limit).</summary>
        public const int DefaultRateLimit = 100;

        private int _stopped;

        internal EmulatorInstance(EmulatorProcess process, EmulatorProcessOptions options, DateTimeOffset startedAt)
        {
            Process = process;
            Control = process.CreateControlClient();
            RateLimit = options.RateLimit ?? DefaultRateLimit;
            StateFile = options.StateFile;
            Seeded = options.Seed;
            StartedAt = startedAt;
        }

        public EmulatorProcess Process { get; }

        public EmulatorControlClient Control { get; }

        public int RateLimit { get; }

        public string? StateFile { get; }

        public bool Seeded { get; }

        public DateTimeOffset StartedAt { get; }

        /// <summary>Set before the process is asked to stop, so nothing picks it as a default while it goes.</summary>
        public bool Stopped => Volatile.Read(ref _stopped) != 0;

        public bool IsRunning => !Stopped && !Process.HasExited;

        internal void MarkStopped() => Volatile.Write(ref _stopped, 1);
    }

    /// <summary>
    /// Owns the emulators one caller (a PowerShell runspace, for the cmdlets) started: start, stop,
    /// stop all, and which one is the default. Start-GradientEmulator, Stop-GradientEmulator,
    /// Connect-GradientIntegration's fallback and module removal all go through one host, so the
    /// stop-and-clean-up sequence is written once and no cmdlet reaches into another.
    /// <see cref="Stopped"/> lets the owner drop what it built on a stopped emulator (its connections).
    /// </summary>
    internal sealed class EmulatorHost
    {
        private static readonly TimeSpan DefaultGrace = TimeSpan.FromSeconds(5);

        private readonly object _gate = new object();
        private readonly List<EmulatorInstance> _all = new List<EmulatorInstance>();
        /// <summary>Raised after an emulator was stopped and forgotten, whether or not stopping it failed.</summary>
        public event Action<EmulatorInstance>? Stopped;

        /// <summary>The last emulator started (and still running).</summary>
        public EmulatorInstance? Default
        {
            get
            {
                lock (_gate)
                {
                    for (int i = _all.Count - 1; i >= 0; i--)
                    {
                        if (_all[i].IsRunning)
                        {
                            return _all[i];
                        }
                    }

                    return null;
                }
            }
        }

        /// <summary>Every emulator started and not stopped yet (an exited one stays until stopped), oldest first.</summary>
        public IReadOnlyList<EmulatorInstance> All
        {
            get
            {
                lock (_gate)
                {
                    return _all.ToArray();
                }
            }
        }

        /// <summary>Starts an emulator process and makes it the default.</summary>
        public async Task<EmulatorInstance> StartAsync(EmulatorProcessOptions options, CancellationToken cancellationToken = default)
        {
            if (options == null) throw new ArgumentNullException(nameof(options));
            EmulatorProcess process = await EmulatorProcess.StartAsync(options, cancellationToken).ConfigureAwait(false);
            return Adopt(process, options);
        }

        /// <summary>Takes over a process started elsewhere (with <paramref name="options"/>) and makes it the default.</summary>
        public EmulatorInstance Adopt(EmulatorProcess process, EmulatorProcessOptions options)
        {
            if (process == null) throw new ArgumentNullException(nameof(process));
            if (options == null) throw new ArgumentNullException(nameof(options));
            var instance = new EmulatorInstance(process, options, DateTimeOffset.Now);
            lock (_gate)
            {
                _all.Add(instance);
            }

            return instance;
        }

        /// <summary>
        /// Stops the process (it saves its state file; killed if it lingers past <paramref name="grace"/>),
        /// disposes its control client, forgets it and raises <see cref="Stopped"/>.
        /// </summary>
        public void Stop(EmulatorInstance instance, TimeSpan? grace = null)
        {
            if (instance == null) throw new ArgumentNullException(nameof(instance));
            instance.MarkStopped();
            try
            {
                instance.Process.Stop(grace ?? DefaultGrace);
            }
            finally
            {
                instance.Control.Dispose();
                lock (_gate)
                {
                    _all.Remove(instance);
                }

                Stopped?.Invoke(instance);
            }
        }

        /// <summary>Stops every emulator; one that fails to stop does not keep the others running.</summary>
        public void StopAll(TimeSpan? grace = null)
        {
            List<Exception>? failures = null;
            foreach (EmulatorInstance instance in All)
            {
                try
                {
                    Stop(instance, grace);
                }
                catch (Exception e)
                {
                    (failures ??= new List<Exception>()).Add(e);
                }
            }

            if (failures != null)
            {
                if (failures.Count == 1) ExceptionDispatchInfo.Capture(failures[0]).Throw();
                throw new AggregateException("Some emulators did not stop cleanly.", failures);
            }
        }
    }
}
