using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace GradientMsp.Client.Emulator
{
    /// <summary>
    /// One emulator a host knows: either a process it started (or adopted), or one running elsewhere that it
    /// attached to by base URI (Connect-GradientEmulator from a second terminal). An attached emulator has no
    /// <see cref="Process"/>; stopping it only forgets it, so the session that attached never ends it.
    /// </summary>
    internal sealed class EmulatorInstance
    {
        /// <summary>What the emulator applies when it is started without --rate-limit (the real API's limit).</summary>
        public const int DefaultRateLimit = 100;

        private readonly EmulatorProcess? _process;
        private int _stopped;

        internal EmulatorInstance(EmulatorProcess process, EmulatorProcessOptions options, DateTimeOffset startedAt)
        {
            _process = process;
            Control = process.CreateControlClient();
            BaseUri = process.BaseUri;
            ApiBaseUri = process.ApiBaseUri;
            VendorKey = process.VendorKey;
            PartnerKey = process.PartnerKey;
            OrganizationId = process.OrganizationId;
            ProcessId = process.ProcessId;
            RateLimit = options.RateLimit ?? DefaultRateLimit;
            StateFile = options.StateFile;
            Seeded = options.Seed;
            StartedAt = startedAt;
        }

        /// <summary>An emulator started elsewhere, described by its own /_emulator/info.</summary>
        internal EmulatorInstance(EmulatorControlClient control, EmulatorInfo info, bool seeded, DateTimeOffset attachedAt)
        {
            Control = control;
            BaseUri = new Uri(info.BaseUri);
            ApiBaseUri = new Uri(info.ApiBaseUri);
            VendorKey = info.VendorKey;
            PartnerKey = info.PartnerKey ?? string.Empty;
            OrganizationId = info.OrganizationId;
            ProcessId = info.ProcessId;
            RateLimit = info.RateLimit;
            StateFile = info.StateFile;
            Seeded = seeded;
            StartedAt = attachedAt;
        }

        /// <summary>The process this host started; an attached emulator has none (see <see cref="IsAttached"/>).</summary>
        public EmulatorProcess Process => _process ?? throw new InvalidOperationException("An attached emulator's process belongs to the session that started it.");

        /// <summary>True when this host attached to an emulator another process started.</summary>
        public bool IsAttached => _process == null;

        public EmulatorControlClient Control { get; }

        public Uri BaseUri { get; }

        public Uri ApiBaseUri { get; }

        public string VendorKey { get; }

        /// <summary>The seeded partner's key when the emulator was started or attached ("" when it had none).</summary>
        public string PartnerKey { get; }

        public string OrganizationId { get; }

        public int ProcessId { get; }

        public int RateLimit { get; }

        public string? StateFile { get; }

        public bool Seeded { get; }

        /// <summary>When this host started the emulator, or attached to it.</summary>
        public DateTimeOffset StartedAt { get; }

        /// <summary>Set before the process is asked to stop, so nothing picks it as a default while it goes.</summary>
        public bool Stopped => Volatile.Read(ref _stopped) != 0;

        /// <summary>Not stopped, and (for one this host started) its process is alive. An attached emulator's
        /// process is another's: it counts as running until forgotten; a dead one shows as control-API failures.</summary>
        public bool IsRunning => !Stopped && (_process == null || !_process.HasExited);

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
        /// Attaches to an emulator another process started, by its base URI (its control API answers loopback
        /// callers only), and makes it the default. An emulator this host already knows at that URI is returned
        /// as it is. Throws <see cref="EmulatorControlException"/> or <see cref="System.Net.Http.HttpRequestException"/>
        /// when nothing answers there as an emulator.
        /// </summary>
        public async Task<EmulatorInstance> AttachAsync(Uri baseUri, CancellationToken cancellationToken = default)
        {
            if (baseUri == null) throw new ArgumentNullException(nameof(baseUri));
            foreach (EmulatorInstance known in All)
            {
                if (known.IsRunning && SameServer(known.BaseUri, baseUri)) return known;
            }

            var control = new EmulatorControlClient(new Uri(baseUri.GetLeftPart(UriPartial.Authority)));
            try
            {
                EmulatorInfo info = await control.GetInfoAsync(cancellationToken).ConfigureAwait(false);
                if (string.IsNullOrEmpty(info.BaseUri) || string.IsNullOrEmpty(info.ApiBaseUri))
                {
                    throw new EmulatorControlException(System.Net.HttpStatusCode.BadGateway, $"{baseUri} answered /_emulator/info without its base URIs: it is not a Gradient emulator.");
                }

                // "Seeded" is not in /info; the seeded partner having PSA clients is what the flag means to a caller.
                bool seeded = false;
                foreach (EmulatorPartner partner in await control.ListPartnersAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (partner.IsDefault) seeded = partner.PsaClients > 0;
                }

                var instance = new EmulatorInstance(control, info, seeded, DateTimeOffset.Now);
                lock (_gate)
                {
                    _all.Add(instance);
                }

                return instance;
            }
            catch
            {
                control.Dispose();
                throw;
            }
        }

        private static bool SameServer(Uri a, Uri b) =>
            Uri.Compare(a, b, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;

        /// <summary>
        /// Stops the process (it saves its state file; killed if it lingers past <paramref name="grace"/>),
        /// disposes its control client, forgets it and raises <see cref="Stopped"/>. An attached emulator
        /// is only forgotten: its process belongs to whoever started it.
        /// </summary>
        public void Stop(EmulatorInstance instance, TimeSpan? grace = null)
        {
            if (instance == null) throw new ArgumentNullException(nameof(instance));
            instance.MarkStopped();
            try
            {
                if (!instance.IsAttached) instance.Process.Stop(grace ?? DefaultGrace);
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
