using System;
using System.Management.Automation;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using GradientMsp.Client.Emulator;

namespace GradientMsp.Commands
{
    /// <summary>
    /// Base of the cmdlets that drive a running emulator through its control API: takes -Emulator,
    /// falling back to the last emulator started in this runspace, and maps control-API failures (through
    /// ErrorRecordFactory) to ErrorRecords.
    /// </summary>
    public abstract class GradientEmulatorCmdlet : GradientCmdlet
    {
        /// <summary>The emulator to use (from Start-GradientEmulator). Defaults to the last emulator started in this session.</summary>
        [Parameter]
        public GradientEmulator? Emulator { get; set; }

        protected GradientEmulator ResolveEmulator()
        {
            EmulatorStore.RunspaceEmulators store = EmulatorStore.ForCurrentRunspace();
            GradientEmulator? emulator = Emulator ?? store.Default;
            if (emulator == null && store.All.Count > 0)
            {
                emulator = store.All[store.All.Count - 1]; // none running: name the one that exited rather than "none"
            }

            if (emulator != null && !emulator.Instance.Stopped && !emulator.IsAttached && emulator.Instance.Process.HasExited)
            {
                ThrowTerminatingError(ErrorRecordFactory.EmulatorExited(emulator.Instance, emulator));
            }

            if (emulator == null || !emulator.IsRunning)
            {
                ThrowTerminatingError(ErrorRecordFactory.Create(
                    ErrorIds.EmulatorNotRunning,
                    ErrorCategory.ResourceUnavailable,
                    emulator,
                    emulator == null ? "No Gradient emulator is running in this session." : $"The emulator {emulator.BaseUri} is no longer running.",
                    "Run Start-GradientEmulator first, or pass -Emulator."));
            }

            return emulator!;
        }

        /// <summary>Calls the control API; a failure is written as a non-terminating error and false is returned.</summary>
        private protected bool TryControl<T>(GradientEmulator emulator, Func<EmulatorControlClient, CancellationToken, Task<T>> call, object? target, out T result)
        {
            try
            {
                result = RunSync(ct => call(emulator.Control, ct));
                return true;
            }
            catch (Exception exception) when (IsControlFailure(exception))
            {
                WriteError(ErrorRecordFactory.FromEmulatorControlFailure(emulator.BaseUri, exception, target));
                result = default!;
                return false;
            }
        }

        /// <summary>Calls the control API; a failure ends the command.</summary>
        private protected T Control<T>(GradientEmulator emulator, Func<EmulatorControlClient, CancellationToken, Task<T>> call, object? target)
        {
            try
            {
                return RunSync(ct => call(emulator.Control, ct));
            }
            catch (Exception exception) when (IsControlFailure(exception))
            {
                ThrowTerminatingError(ErrorRecordFactory.FromEmulatorControlFailure(emulator.BaseUri, exception, target));
                throw;
            }
        }

        private bool IsControlFailure(Exception exception) =>
            exception is EmulatorControlException || exception is HttpRequestException
            || (exception is TaskCanceledException && !StopToken.IsCancellationRequested);
    }

    /// <summary>Base of the cmdlets that act as one partner organization in the emulator (the Synthesize web UI's side).</summary>
    public abstract class GradientEmulatorPartnerCmdlet : GradientEmulatorCmdlet
    {
        /// <summary>The partner organization's id; 'default' (the default) is the seeded partner.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string OrganizationId { get; set; } = EmulatorControlClient.DefaultOrganization;

        /// <summary>Keeps the emulator object's PartnerKey current after a connect, key change or disconnect of the seeded partner.</summary>
        protected static void Track(GradientEmulator emulator, EmulatorPartner partner)
        {
            if (partner.IsDefault || partner.OrganizationId == emulator.OrganizationId)
            {
                emulator.PartnerKey = partner.PartnerKey;
            }
        }
    }
}
