# Checklist: "If it doesn't, ensure your code is set to update the integration status to pending".
@{
    Name     = 'Confirm Next lights up'
    Requires = 'Authenticate'
    Action   = {
        param($Qa)
        $next = & $Qa.Partner.Next $Qa
        if (-not $next.Lit) {
            Stop-QaStep -Expected "Next lit (integration status 'pending')" `
                -Seen "status stayed '$($next.Status)' after the partner authenticated" `
                -Fix "the integration must set 'pending' (PATCH /vendor-api/organization/status/pending, lower case) as soon as the partner authenticates"
        }
        Write-QaNote $Qa $next.Note
    }
}
