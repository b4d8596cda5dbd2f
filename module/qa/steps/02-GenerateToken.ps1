# Checklist: a new partner key exists and the vendor API accepts it.
@{
    Name     = 'Generate API Token'
    Requires = 'Connect'
    Action   = {
        param($Qa)
        if (-not $Qa.PendingKey) { $Qa.PendingKey = & $Qa.Partner.NewKey $Qa 'Click Generate API Token and copy the Partner API Key.' }
        if ($Qa.PreviousKeys -contains $Qa.PendingKey) {
            Stop-QaStep -Expected 'a new Partner API Key' -Seen 'the same key as before' -Fix 'generate a new token in Synthesize'
        }
        $Qa.PartnerKey = $Qa.PendingKey
        $Qa.PreviousKeys += $Qa.PartnerKey
        $answer = Invoke-QaApi $Qa -Path '/organization'
        if ($answer.Status -ne 200) {
            Stop-QaStep -Expected 'GET /vendor-api/organization to accept the new key (200)' -Seen "HTTP $($answer.Status)" `
                -Fix 'check the Vendor API Key and that the Partner API Key was copied whole; a regenerated or disconnected key is dead'
        }
        $Qa.Data.StatusAtConnect = $answer.Body.status
        Write-QaNote $Qa "the token works; status '$($answer.Body.status)'"
    }
}
