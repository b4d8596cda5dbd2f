using System.Management.Automation;
using GradientMsp.Client.Emulator;

namespace GradientMsp.Commands
{
    /// <summary>
    /// <para type="synopsis">Plays the partner disconnecting the integration in Synthesize: the vendor's accounts are deleted, the token stops working, the status becomes inactive.</para>
    /// </summary>
    [Cmdlet(VerbsCommunications.Disconnect, "GradientEmulatorPartner", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(EmulatorDisconnectResult))]
    public sealed class DisconnectGradientEmulatorPartnerCommand : GradientEmulatorPartnerCmdlet
    {
        protected override void ProcessRecord()
        {
            GradientEmulator emulator = ResolveEmulator();
            if (!ShouldProcess($"partner '{OrganizationId}'", "Disconnect the integration (deletes the vendor's accounts)"))
            {
                return;
            }

            if (TryControl(emulator, (c, ct) => c.DisconnectAsync(OrganizationId, ct), OrganizationId, out EmulatorDisconnectResult result))
            {
                if (result.OrganizationId == emulator.OrganizationId)
                {
                    emulator.PartnerKey = null;
                }

                WriteObject(result);
            }
        }
    }
}
