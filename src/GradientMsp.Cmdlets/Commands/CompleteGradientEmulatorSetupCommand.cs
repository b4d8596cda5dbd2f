using System.Management.Automation;
using GradientMsp.Client.Emulator;

namespace GradientMsp.Commands
{
    /// <summary>
    /// <para type="synopsis">Plays the partner pressing Finish in the setup wizard (refused while Next is not lit); automatic name mapping stops after this.</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Complete, "GradientEmulatorSetup", SupportsShouldProcess = true)]
    [OutputType(typeof(EmulatorWizardState))]
    public sealed class CompleteGradientEmulatorSetupCommand : GradientEmulatorPartnerCmdlet
    {
        /// <summary>Return the wizard state after Finish.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            GradientEmulator emulator = ResolveEmulator();
            if (!ShouldProcess($"partner '{OrganizationId}'", "Finish the integration setup"))
            {
                return;
            }

            if (TryControl(emulator, (c, ct) => c.FinishAsync(OrganizationId, ct), OrganizationId, out EmulatorWizardState wizard) && PassThru)
            {
                WriteObject(wizard);
            }
        }
    }
}
