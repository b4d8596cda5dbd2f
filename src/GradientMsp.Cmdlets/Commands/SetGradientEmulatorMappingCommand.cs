using System.Management.Automation;
using GradientMsp.Client.Emulator;

namespace GradientMsp.Commands
{
    /// <summary>
    /// <para type="synopsis">Plays the partner mapping a vendor account to a PSA client, or a service to a PSA service, in the setup wizard (or removing that mapping).</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "GradientEmulatorMapping", SupportsShouldProcess = true, DefaultParameterSetName = AccountByNameSet)]
    [OutputType(typeof(EmulatorMappings))]
    public sealed class SetGradientEmulatorMappingCommand : GradientEmulatorPartnerCmdlet
    {
        private const string AccountByIdSet = "AccountById";
        private const string AccountByNameSet = "AccountByName";
        private const string AccountUnmapSet = "AccountUnmap";
        private const string ServiceByIdSet = "ServiceById";
        private const string ServiceByNameSet = "ServiceByName";
        private const string ServiceUnmapSet = "ServiceUnmap";

        /// <summary>The vendor's account id (as created with POST /organization/accounts) to map.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = AccountByIdSet)]
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = AccountByNameSet)]
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = AccountUnmapSet)]
        [ValidateNotNullOrEmpty]
        public string? AccountId { get; set; }

        /// <summary>The id of the PSA client to map the account to (Get-GradientEmulatorPsa).</summary>
        [Parameter(Mandatory = true, ParameterSetName = AccountByIdSet)]
        [ValidateNotNullOrEmpty]
        public string? PsaClientId { get; set; }

        /// <summary>The name of the PSA client to map the account to.</summary>
        [Parameter(Mandatory = true, Position = 1, ParameterSetName = AccountByNameSet)]
        [ValidateNotNullOrEmpty]
        public string? PsaClientName { get; set; }

        /// <summary>The service id to map: a vendor service (sku) id or an organization service id.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ServiceByIdSet)]
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ServiceByNameSet)]
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ServiceUnmapSet)]
        [ValidateNotNullOrEmpty]
        public string? ServiceId { get; set; }

        /// <summary>The id of the PSA service to map the service to.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ServiceByIdSet)]
        [ValidateNotNullOrEmpty]
        public string? PsaServiceId { get; set; }

        /// <summary>The name of the PSA service to map the service to.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ServiceByNameSet)]
        [ValidateNotNullOrEmpty]
        public string? PsaServiceName { get; set; }

        /// <summary>Remove the mapping instead (the account or service goes back to Unmapped).</summary>
        [Parameter(Mandatory = true, ParameterSetName = AccountUnmapSet)]
        [Parameter(Mandatory = true, ParameterSetName = ServiceUnmapSet)]
        public SwitchParameter Unmap { get; set; }

        /// <summary>Return the partner's mappings after the change.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            GradientEmulator emulator = ResolveEmulator();
            bool isAccount = ParameterSetName.StartsWith("Account", System.StringComparison.Ordinal);
            string id = isAccount ? AccountId! : ServiceId!;
            string what = isAccount ? "account" : "service";
            string to = Unmap ? "Unmap" : $"Map to PSA {(isAccount ? "client" : "service")} '{PsaClientId ?? PsaClientName ?? PsaServiceId ?? PsaServiceName}'";
            if (!ShouldProcess($"{what} '{id}' of partner '{OrganizationId}'", to))
            {
                return;
            }

            bool ok;
            EmulatorMappings mappings;
            switch (ParameterSetName)
            {
                case AccountByIdSet:
                case AccountUnmapSet:
                    ok = TryControl(emulator, (c, ct) => c.MapAccountAsync(OrganizationId, id, Unmap ? null : PsaClientId, ct), id, out mappings);
                    break;
                case AccountByNameSet:
                    ok = TryControl(emulator, (c, ct) => c.MapAccountByNameAsync(OrganizationId, id, PsaClientName!, ct), id, out mappings);
                    break;
                case ServiceByNameSet:
                    ok = TryControl(emulator, (c, ct) => c.MapServiceByNameAsync(OrganizationId, id, PsaServiceName!, ct), id, out mappings);
                    break;
                default:
                    ok = TryControl(emulator, (c, ct) => c.MapServiceAsync(OrganizationId, id, Unmap ? null : PsaServiceId, ct), id, out mappings);
                    break;
            }

            if (ok && PassThru)
            {
                WriteObject(mappings);
            }
        }
    }
}
