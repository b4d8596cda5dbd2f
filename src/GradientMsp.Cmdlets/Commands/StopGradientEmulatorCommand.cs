using System;
using System.Management.Automation;

namespace GradientMsp.Commands
{
    /// <summary>
    /// <para type="synopsis">Stops an emulator started by Start-GradientEmulator (it saves its state file first), closes its connections and leaves no process behind; one attached with Connect-GradientEmulator is only detached from.</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Stop, "GradientEmulator", SupportsShouldProcess = true, DefaultParameterSetName = OneSet)]
    [OutputType(typeof(GradientEmulator))]
    public sealed class StopGradientEmulatorCommand : GradientCmdlet
    {
        private const string OneSet = "One";
        private const string AllSet = "All";

        /// <summary>The emulator to stop. Defaults to the last emulator started in this session.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ParameterSetName = OneSet)]
        public GradientEmulator? Emulator { get; set; }

        /// <summary>Stop every emulator started in this session.</summary>
        [Parameter(Mandatory = true, ParameterSetName = AllSet)]
        public SwitchParameter All { get; set; }

        /// <summary>Return the stopped emulator.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            EmulatorStore.RunspaceEmulators store = EmulatorStore.ForCurrentRunspace();
            if (All)
            {
                foreach (GradientEmulator each in store.All)
                {
                    Stop(each);
                }

                return;
            }

            GradientEmulator? emulator = Emulator ?? store.Default;
            if (emulator == null)
            {
                WriteError(ErrorRecordFactory.Create(ErrorIds.EmulatorNotRunning, ErrorCategory.ObjectNotFound, null,
                    "No Gradient emulator is running in this session.", "Nothing to stop; Get-GradientEmulator -All lists the emulators of this session."));
                return;
            }

            Stop(emulator);
        }

        private void Stop(GradientEmulator emulator)
        {
            // One attached with Connect-GradientEmulator belongs to another session: only forget it here.
            if (!ShouldProcess(emulator.ToString(), emulator.IsAttached ? "Detach from the Gradient emulator (it keeps running)" : "Stop the Gradient emulator"))
            {
                return;
            }

            EmulatorStore.ForCurrentRunspace().Host.Stop(emulator.Instance);
            WriteVerbose(emulator.IsAttached
                ? $"Detached from the emulator at {emulator.BaseUri} (pid {emulator.ProcessId}); the session that started it still owns it."
                : $"Stopped the emulator at {emulator.BaseUri} (pid {emulator.ProcessId}).");
            if (PassThru)
            {
                WriteObject(emulator);
            }
        }
    }
}
