@{
    Description  = @'
Answers "it is connected but nothing shows in Synthesize": runs one typed check per cause, each Pass, Warn, Fail or Skipped, with a one-line Fix.

Keys (GET /organization accepts the keys; refused keys or an unreachable service fail it and skip the rest), Status (active passes, pending warns, inactive fails), PortalUrl (the vendor's integrationPortalUrl is set), Accounts and Services (at least one exists), UnmappedAccounts and UnmappedServices (the ids the partner has not mapped, from isMapped; their usage comes back Unmapped; vendor-level services carry no isMapped in the vendor API, so only organization services are listed, and a service that reports no isMapped at all is Skipped) and LastSync (lastSyncedAt: never synced warns, older than -MaxSyncAgeHours fails).

An API failure never ends the command: it becomes a failed check, so a monitor always gets an answer. -Quiet returns only $true (no check failed; warnings allowed) or $false. The Items property of a check lists the ids behind it.
'@
    Examples     = @(
        @{
            Title   = 'See what stands between the integration and billing'
            Code    = @'
Connect-GradientIntegration
Test-GradientIntegration
'@
            Remarks = 'One row per check with its status, what was found and the fix.'
        }
        @{
            Title   = 'A monitor or RMM condition'
            Code    = @'
Connect-GradientIntegration -SkipStatusUpdate -NoWelcome -ErrorAction Stop
if (-not (Test-GradientIntegration -Quiet -MaxSyncAgeHours 26)) { exit 1 }
'@
            Remarks = 'Exits 1 when any check fails, for example when the daily sync has not landed for 26 hours.'
            NotRunnable = 'The last line of a monitoring script: it connects from GRADIENT_* environment keys and ends the process with exit 1, which would end the example runner too.'
        }
        @{
            Title   = 'List the accounts the partner still has to map'
            Code    = @'
(Test-GradientIntegration | Where-Object Name -eq UnmappedAccounts).Items
'@
            Remarks = 'The ids of the unmapped accounts, for a message to the partner.'
        }
    )
    RelatedLinks = @('Connect-GradientIntegration', 'Get-GradientIntegration', 'Get-GradientAccount', 'Get-GradientOrganizationService', 'Set-GradientVendor', 'Sync-GradientUsage')
}
