using System.Management.Automation;

namespace GradientMsp.Commands
{
    /// <summary>
    /// <para type="synopsis">Gets the emulator this session uses by default (the last one started and still running), or all emulators started in this session.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "GradientEmulator")]
    [OutputType(typeof(GradientEmulator))]
    public sealed class GetGradientEmulatorCommand : GradientCmdlet
    {
        /// <summary>Every emulator started in this session and not stopped with Stop-GradientEmulator, including ones whose process has exited.</summary>
        [Parameter]
        public SwitchParameter All { get; set; }

        protected override void ProcessRecord()
        {
            EmulatorStore.RunspaceEmulators store = EmulatorStore.ForCurrentRunspace();
            if (All)
            {
                WriteObject(store.All, enumerateCollection: true);
                return;
            }

            if (store.Default != null)
            {
                WriteObject(store.Default);
            }
        }
    }
}
