using System.Management.Automation;
using GradientMsp.Client.Emulator;

namespace GradientMsp.Commands
{
    /// <summary>
    /// <para type="synopsis">Plays the partner generating a new Partner API Key without disconnecting: the old GRADIENT-TOKEN gets 401 from now on, the accounts stay.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.New, "GradientEmulatorPartnerKey", SupportsShouldProcess = true)]
    [OutputType(typeof(EmulatorPartner))]
    public sealed class NewGradientEmulatorPartnerKeyCommand : GradientEmulatorPartnerCmdlet
    {
        /// <summary>Use this Partner API Key instead of a random one (no ':' allowed).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidatePattern("^[^:]+$")]
        public string? PartnerKey { get; set; }

        protected override void ProcessRecord()
        {
            GradientEmulator emulator = ResolveEmulator();
            if (!ShouldProcess($"partner '{OrganizationId}'", "Generate a new Partner API Key (the old token stops working)"))
            {
                return;
            }

            if (TryControl(emulator, (c, ct) => c.RegenerateKeyAsync(OrganizationId, PartnerKey, ct), OrganizationId, out EmulatorPartner partner))
            {
                Track(emulator, partner);
                WriteObject(partner);
            }
        }
    }
}
