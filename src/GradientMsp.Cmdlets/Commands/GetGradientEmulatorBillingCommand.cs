using System.Management.Automation;
using GradientMsp.Client.Emulator;

namespace GradientMsp.Commands
{
    /// <summary>
    /// <para type="synopsis">Gets the partner's Billing page: one service card per mapped account and service, with the PSA quantity beside the vendor's imported quantity.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "GradientEmulatorBilling")]
    [OutputType(typeof(EmulatorBillingCard))]
    [OutputType(typeof(EmulatorBillingPage))]
    public sealed class GetGradientEmulatorBillingCommand : GradientEmulatorPartnerCmdlet
    {
        /// <summary>Return the whole page (rebuild count, last build time, whether counts pushed with no_build are waiting) instead of the cards.</summary>
        [Parameter]
        public SwitchParameter Page { get; set; }

        protected override void ProcessRecord()
        {
            GradientEmulator emulator = ResolveEmulator();
            if (TryControl(emulator, (c, ct) => c.GetBillingAsync(OrganizationId, ct), OrganizationId, out EmulatorBillingPage page))
            {
                if (Page)
                {
                    WriteObject(page);
                }
                else
                {
                    WriteObject(page.Cards, enumerateCollection: true);
                }
            }
        }
    }
}
