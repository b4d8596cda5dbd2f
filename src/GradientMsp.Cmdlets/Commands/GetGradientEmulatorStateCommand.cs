using System.Management.Automation;
using GradientMsp.Client.Emulator;

namespace GradientMsp.Commands
{
    /// <summary>
    /// <para type="synopsis">Gets everything the emulator holds: the vendor and its services, and per partner the accounts, organization services, counts, mappings, alerts and tickets.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "GradientEmulatorState")]
    [OutputType(typeof(EmulatorSnapshot))]
    public sealed class GetGradientEmulatorStateCommand : GradientEmulatorCmdlet
    {
        /// <summary>Only this partner organization ('default' for the seeded partner); all partners when omitted.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? OrganizationId { get; set; }

        protected override void ProcessRecord()
        {
            GradientEmulator emulator = ResolveEmulator();
            if (TryControl(emulator, (c, ct) => c.GetStateAsync(OrganizationId, ct), OrganizationId ?? (object)emulator, out EmulatorSnapshot snapshot))
            {
                WriteObject(snapshot);
            }
        }
    }
}
