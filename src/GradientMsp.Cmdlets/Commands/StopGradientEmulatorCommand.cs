using System;
using System.Management.Automation;

namespace GradientMsp.Commands
{
    /// <summary>
    /// <para type="synopsis">Stops an emulator started by Start-GradientEmulator (it saves its state file first), closes its connections and leaves no process behind.</para>
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
            RunspaceItems<GradientEmulator> store = EmulatorStore.ForCurrentRunspace();
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
            if (!ShouldProcess(emulator.ToString(), "Stop the Gradient emulator"))
            {
                return;
            }

            StopOne(emulator);
            WriteVerbose($"Stopped the emulator at {emulator.BaseUri} (pid {emulator.ProcessId}).");
            if (PassThru)
            {
                WriteObject(emulator);
            }
        }

        /// <summary>Stops the process (state saved, then killed if it lingers), forgets it and closes the connections made to it.</summary>
        internal static void StopOne(GradientEmulator emulator)
        {
            emulator.Stopped = true;
            try
            {
                emulator.Process.Stop(TimeSpan.FromSeconds(5));
            }
            finally
            {
                emulator.Control.Dispose();
                EmulatorStore.ForCurrentRunspace().Remove(emulator);
                RunspaceItems<GradientConnection> connections = ConnectionStore.ForCurrentRunspace();
                foreach (GradientConnection connection in connections.All)
                {
                    if (connection.IsEmulator && Uri.Compare(connection.BaseUri, emulator.BaseUri, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0)
                    {
                        connections.Remove(connection);
                        connection.Close();
                    }
                }
            }
        }
    }
}
