using System.Management.Automation;
using GradientMsp.Client.Emulator;

namespace GradientMsp.Commands
{
    /// <summary>
    /// <para type="synopsis">Gets the partner's setup wizard: whether Next is lit (status pending or active), how many accounts and services arrived, and what is still unmapped.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "GradientEmulatorWizard")]
    [OutputType(typeof(EmulatorWizardState))]
    public sealed class GetGradientEmulatorWizardCommand : GradientEmulatorPartnerCmdlet
    {
        protected override void ProcessRecord()
        {
            GradientEmulator emulator = ResolveEmulator();
            if (TryControl(emulator, (c, ct) => c.GetWizardAsync(OrganizationId, ct), OrganizationId, out EmulatorWizardState wizard))
            {
                WriteObject(wizard);
            }
        }
    }
}
