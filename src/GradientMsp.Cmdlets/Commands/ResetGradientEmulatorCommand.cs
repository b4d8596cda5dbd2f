using System.Management.Automation;
using GradientMsp.Client.Emulator;

namespace GradientMsp.Commands
{
    /// <summary>
    /// <para type="synopsis">Puts the emulator back to a fresh state (vendor key and the seeded partner's key kept) and clears its faults and request log.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Reset, "GradientEmulator", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(GradientEmulator))]
    public sealed class ResetGradientEmulatorCommand : GradientEmulatorCmdlet
    {
        /// <summary>Reset without the seeded PSA clients, services and contract lines.</summary>
        [Parameter]
        public SwitchParameter NoSeed { get; set; }

        /// <summary>Return the emulator.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            GradientEmulator emulator = ResolveEmulator();
            if (!ShouldProcess(emulator.ToString(), "Reset all emulator state"))
            {
                return;
            }

            EmulatorInfo info = Control(emulator, (c, ct) => c.ResetAsync(NoSeed ? false : (bool?)null, ct), emulator);
            emulator.PartnerKey = string.IsNullOrEmpty(info.PartnerKey) ? null : info.PartnerKey;
            if (PassThru)
            {
                WriteObject(emulator);
            }
        }
    }
}
