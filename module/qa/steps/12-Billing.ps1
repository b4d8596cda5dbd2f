# Checklist: the Billing page shows imported usage for the mapped pairs ("Once imported usage has
# been received, you have successfully QA'd the integration"). Asked when it cannot be seen.
@{
    Name     = 'Within Synthesize, refresh the Billing page, and confirm usage has synced in for the mapped accounts and services'
    Requires = 'Sync'
    Action   = {
        param($Qa)
        $billing = & $Qa.Partner.Billing $Qa
        if (-not $billing) {
            & $Qa.Partner.Ask $Qa 'Do the service cards of the mapped accounts and services show your imported quantity beside the PSA quantity?' `
                'imported usage on the Billing page' 'push usage for every mapped account and service; 404s for unmapped ones are normal'
            return
        }
        $Qa.Data.Billing = $billing.Page
        $Qa.Data.Counts = @($billing.Counts)
        $imported = @($billing.Cards | Where-Object { $null -ne $_.ImportedQuantity })
        if ($imported.Count -eq 0) {
            if (@($billing.Counts).Count -gt 0 -and $billing.PendingBuild) {
                Stop-QaStep -Expected 'the Billing page to show the pushed usage' -Seen 'usage was pushed, but every push had no_build=true, so the Billing page never rebuilt' `
                    -Fix 'send the last row of a sync without no_build (or with no_build=false) so Synthesize rebuilds billing'
            }
            Stop-QaStep -Expected 'imported usage on the Billing page for the mapped accounts and services' -Seen 'no service card shows imported usage' `
                -Fix 'push usage for the mapped accounts and services after the partner finishes the setup'
        }
        $Qa.Data.Cards = $imported
        if ($Qa.Pass -eq 1) {
            # The usage check looks at the first pass, whatever the second pass does later.
            $Qa.Data.Pass1 = @{
                Cards             = $imported
                Counts            = @($billing.Counts)
                MappedAccountIds  = @($Qa.Data.MappedAccountIds)
                MappedServiceIds  = @($Qa.Data.MappedServiceIds)
                UnmappedAccountId = $Qa.Data.UnmappedAccountId
            }
        }
        Write-QaNote $Qa (($imported | ForEach-Object { "$($_.AccountName) / $($_.ServiceName): PSA $(if ($null -ne $_.PsaQuantity) { $_.PsaQuantity } else { '-' }) | vendor $($_.ImportedQuantity) ($($_.State))" }) -join '; ')
    }
}
