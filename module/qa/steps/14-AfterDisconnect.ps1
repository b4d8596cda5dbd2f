# Implied: a disconnect revokes the key, deletes the vendor's accounts and leaves the status inactive.
@{
    Name     = 'Disconnect deletes the vendor''s accounts and leaves the status inactive'
    Implied  = $true
    Requires = 'Disconnect'
    Action   = {
        param($Qa)
        $old = Invoke-QaApi $Qa -Path '/organization' -PartnerKey $Qa.Data.KeyBeforeDisconnect
        if ($old.Status -ne 401) {
            Stop-QaStep -Expected 'the disconnected key to be refused (401)' -Seen "HTTP $($old.Status)" -Fix 'disconnect in Synthesize revokes the key'
        }
        $after = & $Qa.Partner.AfterDisconnect $Qa
        if (-not $after) {
            Write-QaNote $Qa 'the old key gets 401; account deletion is checked when the partner reconnects'
            return
        }
        if ($after.Accounts -ne 0) {
            Stop-QaStep -Expected 'every account the vendor created deleted by the disconnect' -Seen "$($after.Accounts) account(s) remain" -Fix 'emulator problem'
        }
        if ($after.Status -ne 'inactive') {
            Stop-QaStep -Expected "status 'inactive' after the disconnect" -Seen "status '$($after.Status)'" `
                -Fix "the integration must not set any status after the partner disconnects; mark it 'inactive' when disconnecting"
        }
        Write-QaNote $Qa "$($Qa.Data.AccountsBeforeDisconnect) account(s) deleted, status inactive, the old key gets 401"
        if ($Qa.Integration -and -not $Qa.Data.IntegrationSetInactive) {
            Write-QaNote $Qa "note: the integration's Disconnect did not set 'inactive' itself (Gradient asks vendors to)"
        }
    }
}
