using System.Management.Automation;
using GradientMsp.Client.Emulator;

namespace GradientMsp.Commands
{
    /// <summary>
    /// <para type="synopsis">Plays the partner clicking Connect on the integration and Generate API Token in Synthesize: a new Partner API Key, status inactive, a new setup.</para>
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "GradientEmulatorPartner", SupportsShouldProcess = true)]
    [OutputType(typeof(EmulatorPartner))]
    public sealed class ConnectGradientEmulatorPartnerCommand : GradientEmulatorPartnerCmdlet
    {
        /// <summary>Use this Partner API Key instead of a random one (no ':' allowed).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidatePattern("^[^:]+$")]
        public string? PartnerKey { get; set; }

        protected override void ProcessRecord()
        {
            GradientEmulator emulator = ResolveEmulator();
            if (!ShouldProcess($"partner '{OrganizationId}'", "Connect the integration and generate a Partner API Key"))
            {
                return;
            }

            if (TryControl(emulator, (c, ct) => c.ConnectAsync(OrganizationId, PartnerKey, ct), OrganizationId, out EmulatorPartner partner))
            {
                Track(emulator, partner);
                WriteObject(partner);
            }
        }
    }
}
