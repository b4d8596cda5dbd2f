# Checklist: the vendor's accounts reach the account-mapping screen.
@{
    Name     = 'Confirm Accounts have synced in for mapping'
    Requires = 'ConfirmNext'
    Action   = {
        param($Qa)
        $arrived = & $Qa.Partner.AccountsArrived $Qa
        if ($arrived.Count -lt 1) {
            Stop-QaStep -Expected 'the vendor''s accounts on the account-mapping screen' -Seen $arrived.Seen -Evidence $arrived.Evidence `
                -Fix 'when the partner authenticates (and after every reconnect, because a disconnect deletes them) the integration must create the partner''s accounts: GET /organization/accounts, then POST the missing ones as [{id, name, description}]'
        }
        Write-QaNote $Qa "$($arrived.Count) account(s) arrived"
    }
}
