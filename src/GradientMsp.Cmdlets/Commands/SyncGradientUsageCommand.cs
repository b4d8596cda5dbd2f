using System.Management.Automation;
using GradientMsp.Client.Usage;

namespace GradientMsp.Commands
{
    /// <summary>
    /// <para type="synopsis">Pushes usage counts (account x service x unit count) from the pipeline to Synthesize, fast, paced and without losing a row; with -LedgerPath, only the counts that changed.</para>
    /// </summary>
    [Cmdlet(VerbsData.Sync, "GradientUsage", SupportsShouldProcess = true)]
    [OutputType(typeof(UsageResult), typeof(UsageSyncSummary))]
    public sealed class SyncGradientUsageCommand : UsageSyncCmdlet
    {
        protected override string CommandName => "Sync-GradientUsage";

        protected override bool Confirm(string connection) => ShouldProcess(connection, "Push usage counts");
    }
}
