using System.Management.Automation;
using GradientMsp.Client.Emulator;

namespace GradientMsp.Commands
{
    /// <summary>
    /// <para type="synopsis">Adds a partner organization (an MSP) to the emulator, connected with its own Partner API Key unless -NoConnect, for multi-partner tests and the pages' partner picker.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.New, "GradientEmulatorPartner", SupportsShouldProcess = true)]
    [OutputType(typeof(EmulatorPartner))]
    public sealed class NewGradientEmulatorPartnerCommand : GradientEmulatorCmdlet
    {
        /// <summary>The partner organization's name as Synthesize shows it. Defaults to one the emulator makes up.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        /// <summary>Its organization id (a new 24-hex-digit id when omitted); it must not be taken.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? OrganizationId { get; set; }

        /// <summary>Use this Partner API Key instead of a random one (no ':' allowed).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidatePattern("^[^:]+$")]
        public string? PartnerKey { get; set; }

        /// <summary>Create the partner without connecting the integration (no key yet; Connect-GradientEmulatorPartner does that later).</summary>
        [Parameter]
        public SwitchParameter NoConnect { get; set; }

        /// <summary>Give the partner the seeded PSA clients, services and contract lines (the seeded partner's kind of data).</summary>
        [Parameter]
        public SwitchParameter SeedPsa { get; set; }

        protected override void ProcessRecord()
        {
            GradientEmulator emulator = ResolveEmulator();
            string target = Name ?? OrganizationId ?? "a new partner";
            if (!ShouldProcess($"{target} in {emulator.BaseUri}", "Add a partner organization"))
            {
                return;
            }

            var request = new EmulatorNewPartner
            {
                Name = Name,
                OrganizationId = OrganizationId,
                PartnerKey = PartnerKey,
                Connect = NoConnect ? false : (bool?)null,
                SeedPsa = SeedPsa ? true : (bool?)null,
            };
            if (TryControl(emulator, (c, ct) => c.CreatePartnerAsync(request, ct), target, out EmulatorPartner partner))
            {
                WriteVerbose($"Added partner '{partner.Name}' ({partner.OrganizationId}){(partner.Connected ? ", connected" : ", not connected")}.");
                WriteObject(partner);
            }
        }
    }
}
