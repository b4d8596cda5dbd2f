using System.Management.Automation;
using GradientMsp.Client.Usage;

namespace GradientMsp.Commands
{
    /// <summary>
    /// <para type="synopsis">Compares usage rows with a push ledger and says, row by row, what Sync-GradientUsage -LedgerPath would send, what is unchanged and which ledger pairs are missing from the input. Sends no count.</para>
    /// </summary>
    [Cmdlet(VerbsData.Compare, "GradientUsage")]
    [OutputType(typeof(UsageResult), typeof(UsageSyncSummary))]
    public sealed class CompareGradientUsageCommand : UsageSyncCmdlet
    {
        protected override string CommandName => "Compare-GradientUsage";

        // Nothing is sent: rows are checked and resolved (one GET of the services, one of the organization
        // per partner) and reported as Unchanged, NotSent ("would be sent") or Missing.
        protected override bool Confirm(string connection) => false;

        protected override void BeginProcessingCore()
        {
            if (LedgerPath == null)
            {
                ThrowTerminatingError(ErrorRecordFactory.InvalidArgument(ErrorIds.LedgerPathRequired, null,
                    "Compare-GradientUsage compares rows with a push ledger, and no -LedgerPath was given.",
                    "Add -LedgerPath with the ledger file that Sync-GradientUsage -LedgerPath writes."));
            }

            base.BeginProcessingCore();
        }
    }
}
