using System.Management.Automation;
using GradientMsp.Client.Emulator;

namespace GradientMsp.Commands
{
    /// <summary>
    /// <para type="synopsis">Gets the faults injected into the emulator, with how often each was hit and how many uses remain.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "GradientEmulatorFault")]
    [OutputType(typeof(EmulatorFault))]
    public sealed class GetGradientEmulatorFaultCommand : GradientEmulatorCmdlet
    {
        protected override void ProcessRecord()
        {
            GradientEmulator emulator = ResolveEmulator();
            if (TryControl(emulator, (c, ct) => c.ListFaultsAsync(ct), emulator, out System.Collections.Generic.List<EmulatorFault> faults))
            {
                WriteObject(faults, enumerateCollection: true);
            }
        }
    }
}
