# Checklist: the partner hands the key to the vendor and the integration uses it. With no
# integration (a person on the live service) the suite waits for the status or the accounts to change.
@{
    Name     = 'Authenticate the integration'
    Requires = 'GenerateToken'
    Action   = {
        param($Qa)
        if ($Qa.Integration) {
            $run = Invoke-QaIntegrationChecked $Qa 'Authenticate' 'the integration to authenticate with the new Partner API Key'
            $entries = $run.Entries
            if ($Qa.Partner.SeesRequests) {
                if ($entries.Count -eq 0) {
                    Stop-QaStep -Expected 'the integration to call the API with the new key' -Seen 'no request reached the API' `
                        -Fix 'on authenticate, call GET /vendor-api/organization with the token built from both keys, then set the status to pending and create the accounts'
                }
                $accepted = @($entries | Where-Object { $_.Status -ge 200 -and $_.Status -lt 300 })
                if ($accepted.Count -eq 0) {
                    Stop-QaStep -Expected 'the API to accept the integration''s token' -Seen "no request succeeded ($(Format-QaRequests $entries))" -Fix ($run.Advice -join '; ')
                }
                Write-QaNote $Qa "requests: $(Format-QaRequests $entries)"
            }
            return
        }
        & $Qa.Partner.AwaitPerson $Qa 'authenticating in the vendor portal (no -Integration was given)' 'the integration to use the key (status or accounts change)'
        & $Qa.Partner.Say $Qa "In your vendor portal, paste the Partner API Key ($(Format-QaKeyHint $Qa.PartnerKey)) and authenticate the integration; watching for the status or the accounts to change ($(Format-QaWait $Qa))…"
        $changed = Wait-QaCondition $Qa {
            $status = Get-QaIntegrationStatus $Qa
            $accounts = Invoke-QaApi $Qa -Path '/organization/accounts'
            ($status -and $status.status -ne $Qa.Data.StatusAtConnect) -or ($accounts.Status -eq 200 -and @($accounts.Body).Count -gt 0)
        }
        if (-not $changed) {
            Stop-QaStep -Expected 'the integration to use the key (status or accounts change)' -Seen "nothing changed within $($Qa.TimeoutSec) s" `
                -Fix 'on authenticate, the integration must set the status to pending and create the partner''s accounts'
        }
    }
}
