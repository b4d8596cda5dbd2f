using System;
using System.Management.Automation;
using GradientMsp.Client.Health;

namespace GradientMsp.Commands
{
    /// <summary>
    /// <para type="synopsis">Checks that an integration can bill: keys, status, portal URL, accounts, services, unmapped ones and the last sync, each pass/warn/fail with a fix.</para>
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "GradientIntegration")]
    [OutputType(typeof(IntegrationCheck))]
    [OutputType(typeof(bool))]
    public sealed class TestGradientIntegrationCommand : GradientApiCmdlet
    {
        /// <summary>Return only $true (no check failed; warnings allowed) or $false, for a monitor or an if.</summary>
        [Parameter]
        public SwitchParameter Quiet { get; set; }

        /// <summary>Hours since the last sync after which the LastSync check fails (default 48: a daily job that missed one run).</summary>
        [Parameter]
        [ValidateRange(1, 24 * 366)]
        public int MaxSyncAgeHours { get; set; } = 48;

        protected override void ProcessRecord(GradientConnection connection)
        {
            // The checker turns every API failure into a failed check, so nothing here throws for
            // a broken integration: a monitor always gets its answer.
            var checker = new IntegrationChecker(connection.Session, TimeSpan.FromHours(MaxSyncAgeHours));
            IntegrationHealth health = RunSync(ct => checker.CheckAsync(ct));
            if (Quiet)
            {
                WriteObject(health.Healthy);
                return;
            }

            foreach (IntegrationCheck check in health.Checks)
            {
                if (check.Status == IntegrationCheckStatus.Fail || check.Status == IntegrationCheckStatus.Warn)
                {
                    WriteVerbose($"{check.Name}: {check.Fix}");
                }
            }

            WriteObject(health.Checks, enumerateCollection: true);
        }
    }
}
