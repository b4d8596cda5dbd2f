using System.Management.Automation;
using GradientMsp.Client.Emulator;

namespace GradientMsp.Commands
{
    /// <summary>
    /// <para type="synopsis">Gets the partner's PSA data in the emulator: clients, services and contract lines (the targets of account and service mapping).</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "GradientEmulatorPsa")]
    [OutputType(typeof(EmulatorPsaData))]
    public sealed class GetGradientEmulatorPsaCommand : GradientEmulatorPartnerCmdlet
    {
        protected override void ProcessRecord()
        {
            GradientEmulator emulator = ResolveEmulator();
            if (TryControl(emulator, (c, ct) => c.GetPsaAsync(OrganizationId, ct), OrganizationId, out EmulatorPsaData psa))
            {
                WriteObject(psa);
            }
        }
    }
}
