# Implied: regenerating the partner key (without disconnecting) kills the old token, keeps the
# accounts, and the integration works on with the new key once the partner pastes it.
@{
    Name     = 'Regenerating the partner key breaks the old token and keeps the accounts'
    Implied  = $true
    Requires = 'Reconnect'
    Action   = {
        param($Qa)
        $oldKey = $Qa.PartnerKey
        $accountsBefore = Get-QaAccountCount $Qa
        $newKey = & $Qa.Partner.NewKey $Qa 'In Synthesize, generate a new Partner API Key for the integration (without disconnecting).'
        $old = Invoke-QaApi $Qa -Path '/organization' -PartnerKey $oldKey
        if ($old.Status -ne 401) {
            Stop-QaStep -Expected 'the old token refused (401) after the key was regenerated' -Seen "HTTP $($old.Status)" -Fix 'regenerate the key in Synthesize'
        }
        $Qa.PartnerKey = $newKey
        $accountsAfter = Get-QaAccountCount $Qa
        if ($accountsAfter -ne $accountsBefore) {
            Stop-QaStep -Expected "the accounts kept ($accountsBefore)" -Seen "$accountsAfter account(s) with the new key" -Fix 'regenerating the key must not delete accounts'
        }
        if ($Qa.Integration) {
            # The partner pastes the new key into the vendor portal; then a sync must work with it.
            $null = Invoke-QaIntegrationChecked $Qa 'Authenticate' 'the integration to accept the regenerated key' -PartnerKey $newKey
            $count = Get-QaAccountCount $Qa
            if ($count -ne $accountsBefore) {
                Stop-QaStep -Expected "the same $accountsBefore account(s) after re-authenticating with the new key" -Seen "$count account(s)" `
                    -Fix 'on authenticate, create only the accounts GET /organization/accounts does not already list'
            }
            $run = Invoke-QaIntegrationChecked $Qa 'Sync' 'a sync with the regenerated key to push usage' -PartnerKey $newKey
            if ($Qa.Partner.SeesRequests) {
                $rejected = @($run.Entries | Where-Object Status -EQ 401)
                $landed = @($run.Entries | Where-Object { $_.Path -like '*/count' -and $_.Status -ge 200 -and $_.Status -lt 300 })
                if ($rejected.Count -gt 0 -or $landed.Count -eq 0) {
                    Stop-QaStep -Expected 'the sync after re-authenticating to use the new key and push usage' -Seen "requests: $(Format-QaRequests $run.Entries)" `
                        -Fix 'after the partner enters a regenerated key, use it for every later call (the old token gets 401)'
                }
            }
        }
        Write-QaNote $Qa "the old token gets 401; $accountsAfter account(s) kept; the new key works"
    }
}
