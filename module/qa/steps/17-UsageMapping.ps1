# Implied: usage lands only for mapped pairs, and the cards show the vendor's quantity beside the
# PSA's (the page's tip on seeded data). Judged on the first pass's billing; asked when not seen.
@{
    Name     = 'Usage lands only for mapped pairs, and billing cards show the vendor quantity beside the PSA quantity'
    Implied  = $true
    Requires = 'Billing'
    Action   = {
        param($Qa)
        $first = $Qa.Data.Pass1
        if (-not $first) {
            & $Qa.Partner.Ask $Qa 'Is usage shown only for mapped accounts and services, with your quantity beside the PSA quantity on each card?' `
                'usage only for mapped pairs, vendor quantity beside PSA quantity' 'push usage for every account and service; Gradient shows only mapped ones'
            return
        }
        $cards = @($first.Cards)
        $mappedAccounts = @($first.MappedAccountIds)
        $mappedServices = @($first.MappedServiceIds)
        $stray = @($cards | Where-Object { $mappedAccounts -notcontains $_.AccountId -or $mappedServices -notcontains $_.ServiceId })
        if ($stray.Count -gt 0) {
            Stop-QaStep -Expected 'imported usage only for mapped accounts and services' -Seen "cards for unmapped pairs: $(($stray | ForEach-Object { "$($_.AccountId)/$($_.ServiceId)" }) -join ', ')" -Fix 'emulator problem'
        }
        $unmapped = $first.UnmappedAccountId
        if ($unmapped -and @($first.Counts | Where-Object AccountId -EQ $unmapped).Count -gt 0) {
            Stop-QaStep -Expected "no usage recorded for the unmapped account '$unmapped'" -Seen 'usage was recorded for it' -Fix 'emulator problem'
        }
        $beside = @($cards | Where-Object { $null -ne $_.PsaQuantity })
        if ($beside.Count -eq 0) {
            Stop-QaStep -Expected 'at least one card with the vendor quantity beside a PSA quantity' `
                -Seen "every card with usage is New Revenue Found (no PSA contract line): $(($cards | ForEach-Object { "$($_.AccountName)/$($_.ServiceName)" }) -join ', ')" `
                -Fix 'push usage for every account x service pair, so the pairs the partner has contracts for get their quantity'
        }
        $mappedWithout = @($mappedAccounts | Where-Object { $id = $_; @($cards | Where-Object AccountId -EQ $id).Count -eq 0 })
        Write-QaNote $Qa ("$($beside.Count) card(s) show vendor beside PSA quantity ($((@($beside | ForEach-Object State) | Select-Object -Unique) -join ', '))" +
            $(if ($unmapped) { "; nothing for the unmapped account '$unmapped'" }) +
            $(if ($mappedWithout) { "; note: no usage for mapped account(s) $($mappedWithout -join ', ')" }))
    }
}
