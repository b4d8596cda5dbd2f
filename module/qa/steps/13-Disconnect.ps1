# Checklist: the final bullet, disconnect and follow the steps again. The vendor side first (it
# can still mark the status inactive with its token), then the partner in Synthesize. The steps
# again: 15-Reconnect.
@{
    Name     = 'Disconnect the integration and follow these steps again'
    Requires = 'GenerateToken'
    Action   = {
        param($Qa)
        $Qa.Data.KeyBeforeDisconnect = $Qa.PartnerKey
        $Qa.Data.AccountsBeforeDisconnect = & $Qa.Partner.AccountCount $Qa
        if ($Qa.Integration -and $Qa.Integration.Disconnect) {
            $run = Invoke-QaIntegrationChecked $Qa 'Disconnect' 'the integration to disconnect cleanly'
            $inactive = @($run.Entries | Where-Object { $_.Path -like '*/status/inactive' -and $_.Status -eq 200 })
            $Qa.Data.IntegrationSetInactive = $inactive.Count -gt 0
        }
        & $Qa.Partner.Disconnect $Qa
    }
}
