# Implied by "follow these steps again": the checklist up to the disconnect passes a second time
# (outside Pester, Invoke-QaPass); the first failure is reported by its step's name.
@{
    Name              = 'Reconnect: accounts are re-created and the whole checklist passes a second time'
    Implied           = $true
    RequiresFirstPass = $true
    Requires          = 'AfterDisconnect'
    Action            = {
        param($Qa)
        $failure = Invoke-QaPass $Qa 2
        $Qa.Notes = [System.Collections.Generic.List[string]]::new()
        if ($failure) {
            $inner = $failure.Exception
            $expected = if ($inner.Data.Contains('QaExpected')) { $inner.Data['QaExpected'] } else { 'the step to pass' }
            $seen = if ($inner.Data.Contains('QaSeen')) { $inner.Data['QaSeen'] } else { $inner.Message }
            $fix = if ($inner.Data.Contains('QaFix')) { $inner.Data['QaFix'] } else { $null }
            if ($failure.Step -eq $Qa.Steps['ConfirmAccounts'].Name) {
                $fix = 'a disconnect deletes every account the vendor created: on every authenticate (also after a reconnect) the integration must read GET /organization/accounts and re-create what is missing, not trust its own memory of having created them'
            }
            Stop-QaStep -Expected "the checklist to pass a second time after the reconnect ($expected at '$($failure.Step)')" -Seen "second pass, '$($failure.Step)': $seen" -Fix $fix
        }
        Write-QaNote $Qa "the whole checklist passed again; $(& $Qa.Partner.AccountCount $Qa) account(s) re-created"
    }
}
