using System.Management.Automation;
using GradientMsp.Client.Emulator;

namespace GradientMsp.Commands
{
    /// <summary>
    /// <para type="synopsis">Gets the partner's mapping screens: each vendor account with the PSA client it is mapped to, and each service with its PSA service.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "GradientEmulatorMapping", DefaultParameterSetName = BothSet)]
    [OutputType(typeof(EmulatorMappings), ParameterSetName = new[] { BothSet })]
    [OutputType(typeof(EmulatorAccountMapping), ParameterSetName = new[] { AccountSet })]
    [OutputType(typeof(EmulatorServiceMapping), ParameterSetName = new[] { ServiceSet })]
    public sealed class GetGradientEmulatorMappingCommand : GradientEmulatorPartnerCmdlet
    {
        private const string BothSet = "Both";
        private const string AccountSet = "Account";
        private const string ServiceSet = "Service";

        /// <summary>Only the account rows, one object each.</summary>
        [Parameter(Mandatory = true, ParameterSetName = AccountSet)]
        public SwitchParameter Account { get; set; }

        /// <summary>Only the service rows (vendor services and organization services), one object each.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ServiceSet)]
        public SwitchParameter Service { get; set; }

        protected override void ProcessRecord()
        {
            GradientEmulator emulator = ResolveEmulator();
            if (!TryControl(emulator, (c, ct) => c.GetMappingsAsync(OrganizationId, ct), OrganizationId, out EmulatorMappings mappings))
            {
                return;
            }

            if (Account)
            {
                WriteObject(mappings.Accounts, enumerateCollection: true);
            }
            else if (Service)
            {
                WriteObject(mappings.Services, enumerateCollection: true);
            }
            else
            {
                WriteObject(mappings);
            }
        }
    }
}
