using System.Management.Automation;

namespace GradientMsp.Commands
{
    /// <summary>
    /// <para type="synopsis">Removes injected faults from the emulator: one by id, or all of them.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Clear, "GradientEmulatorFault", SupportsShouldProcess = true)]
    [OutputType(typeof(void))]
    public sealed class ClearGradientEmulatorFaultCommand : GradientEmulatorCmdlet
    {
        /// <summary>The id of the fault to remove (from Add-GradientEmulatorFault or Get-GradientEmulatorFault); every fault when omitted.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? Id { get; set; }

        protected override void ProcessRecord()
        {
            GradientEmulator emulator = ResolveEmulator();
            if (!ShouldProcess(emulator.ToString(), Id == null ? "Remove every fault" : $"Remove fault '{Id}'"))
            {
                return;
            }

            if (Id == null)
            {
                TryControl(emulator, (c, ct) => c.ClearFaultsAsync(ct), emulator, out int _);
                return;
            }

            if (TryControl(emulator, (c, ct) => c.RemoveFaultAsync(Id, ct), Id, out bool removed) && !removed)
            {
                WriteError(ErrorRecordFactory.Create(ErrorIds.EmulatorActionFailed, ErrorCategory.ObjectNotFound, Id,
                    $"The emulator has no fault with id '{Id}'.", "Get-GradientEmulatorFault lists the current faults."));
            }
        }
    }
}
