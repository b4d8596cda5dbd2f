using System;
using System.Management.Automation;
using GradientMsp.Client;
using GradientMsp.Client.Emulator;
using GradientMsp.Client.Session;

namespace GradientMsp.Commands
{
    /// <summary>
    /// <para type="synopsis">Starts a local Synthesize emulator (vendor API and the partner's side) as a child process on 127.0.0.1 and a free port.</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Start, "GradientEmulator", SupportsShouldProcess = true)]
    [OutputType(typeof(GradientEmulator))]
    public sealed class StartGradientEmulatorCommand : GradientCmdlet
    {
        /// <summary>Requests per token per second before the emulator answers 429 (the real API allows 100, the default); 0 turns the limit off.</summary>
        [Parameter]
        [ValidateRange(0, 100000)]
        public int RateLimit { get; set; } = 100;

        /// <summary>A JSON file the emulator loads its state from (if it exists) and saves its state to, so a later start continues where this one stopped. Counts the emulator acknowledged are journaled beside it and survive a kill; other changes are saved within the debounce (docs/emulator.md).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? StateFile { get; set; }

        /// <summary>Start without the seeded PSA clients, services and contract lines (the partner is still created, with keys).</summary>
        [Parameter]
        public SwitchParameter NoSeed { get; set; }

        /// <summary>Also connect to it as the seeded partner (Connect-GradientIntegration: verifies the keys, sets the status to pending) and make that the session's connection.</summary>
        [Parameter]
        public SwitchParameter Connect { get; set; }

        /// <summary>Seconds to wait for the emulator to report that it is ready.</summary>
        [Parameter]
        [ValidateRange(1, 600)]
        public int TimeoutSec { get; set; } = 30;

        protected override void ProcessRecord()
        {
            string? stateFile = StateFile == null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(StateFile);
            if (!ShouldProcess("127.0.0.1 (a free port)", "Start the Gradient emulator"))
            {
                return;
            }

            EmulatorProcessOptions options = EmulatorLauncher.Options(RateLimit, stateFile, !NoSeed);
            options.StartTimeout = TimeSpan.FromSeconds(TimeoutSec);
            WriteVerbose($"Starting {options.EmulatorPath ?? EmulatorProcess.DllName} (rate limit {RateLimit}/s{(stateFile != null ? ", state file " + stateFile : string.Empty)}{(NoSeed ? ", no seed" : string.Empty)}).");

            EmulatorStore.RunspaceEmulators store = EmulatorStore.ForCurrentRunspace();
            EmulatorInstance instance;
            try
            {
                instance = RunSync(ct => store.Host.StartAsync(options, ct));
            }
            catch (Exception exception) when (EmulatorLauncher.IsStartFailure(exception))
            {
                ThrowTerminatingError(EmulatorLauncher.StartFailure(exception));
                throw;
            }

            GradientEmulator emulator = store.ViewOf(instance);
            WriteVerbose($"The emulator is ready at {emulator.BaseUri} (pid {emulator.ProcessId}); its Synthesize pages are at {emulator.PortalUri}.");

            if (Connect)
            {
                try
                {
                    emulator.Connection = ConnectToEmulator(emulator);
                }
                catch
                {
                    // A half-started emulator must not outlive a failed command.
                    store.Host.Stop(instance);
                    throw;
                }
            }

            WriteObject(emulator);
        }

        /// <summary>
        /// Connects as the seeded partner, as Connect-GradientIntegration -Emulator would with its
        /// defaults (verify, then pending), and makes that the runspace's connection.
        /// </summary>
        private GradientConnection ConnectToEmulator(GradientEmulator emulator)
        {
            WriteVerbose($"Connecting to {emulator.BaseUri} as the seeded partner (verify, then set pending).");
            GradientSession session;
            try
            {
                session = RunSync(ct => GradientSession.ConnectAsync(Connections.EmulatorCredential(emulator), Connections.Options(emulator.BaseUri), isEmulator: true, setPending: true, ct));
            }
            catch (GradientApiException exception)
            {
                ThrowTerminatingError(ErrorRecordFactory.FromApiException(exception, emulator.BaseUri));
                throw;
            }

            return Connections.Register(session);
        }
    }
}
