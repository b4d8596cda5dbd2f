using System.Management.Automation;
using GradientMsp.Client.Emulator;

namespace GradientMsp.Commands
{
    /// <summary>
    /// <para type="synopsis">Gets a partner organization as Synthesize sees it: connected or not, key, integration status, whether Next is enabled, and counts.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "GradientEmulatorPartner")]
    [OutputType(typeof(EmulatorPartner))]
    public sealed class GetGradientEmulatorPartnerCommand : GradientEmulatorPartnerCmdlet
    {
        /// <summary>Every partner organization in the emulator.</summary>
        [Parameter]
        public SwitchParameter All { get; set; }

        protected override void ProcessRecord()
        {
            GradientEmulator emulator = ResolveEmulator();
            if (All)
            {
                if (TryControl(emulator, (c, ct) => c.ListPartnersAsync(ct), emulator, out System.Collections.Generic.List<EmulatorPartner> partners))
                {
                    WriteObject(partners, enumerateCollection: true);
                }

                return;
            }

            if (TryControl(emulator, (c, ct) => c.GetPartnerAsync(OrganizationId, ct), OrganizationId, out EmulatorPartner partner))
            {
                Track(emulator, partner);
                WriteObject(partner);
            }
        }
    }
}
