using System.Management.Automation;
using GradientMsp.Client.Ledger;

namespace GradientMsp.Commands
{
    /// <summary>Opens the push ledger for a cmdlet: the path is a PowerShell path, and a problem ends the command with what to do.</summary>
    internal static class LedgerFile
    {
        public static UsageLedger Open(PSCmdlet cmdlet, string path, string commandName, bool mustExist = false)
        {
            string full = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
            if (mustExist && !System.IO.File.Exists(full))
            {
                cmdlet.ThrowTerminatingError(ErrorRecordFactory.Create(ErrorIds.LedgerUnavailable, ErrorCategory.ObjectNotFound, path,
                    $"{commandName}: there is no ledger at '{full}'.",
                    "Give the -LedgerPath that Sync-GradientUsage -LedgerPath writes (a ledger is made by the first ledgered sync)."));
            }

            try
            {
                return UsageLedger.Open(full);
            }
            catch (UsageLedgerException ex)
            {
                ErrorCategory category = ex.Problem == UsageLedgerProblem.InUse ? ErrorCategory.ResourceBusy
                    : ex.Problem == UsageLedgerProblem.Unreachable ? ErrorCategory.OpenError : ErrorCategory.InvalidData;
                cmdlet.ThrowTerminatingError(ErrorRecordFactory.Create(ErrorIds.LedgerUnavailable, category, path,
                    $"{commandName} did not start: {ex.Message}", null, ex));
                throw;   // not reached: ThrowTerminatingError throws
            }
        }
    }
}
