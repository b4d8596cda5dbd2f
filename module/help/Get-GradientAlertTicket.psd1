@{
    Description  = @'
Asks Gradient what became of an alert (GET /vendor-api/alerting/debug/{messageId}): pending while it is queued, success with the PSA ticket id, or failed. A failed alert is written as a non-terminating AlertTicketFailed error whose message carries Gradient's errors; the others are written as objects.

With -Wait the command polls every -PollIntervalSec seconds (5 by default) until the alert is settled (success or failed), showing progress, for at most -TimeoutSec seconds (120 by default); after that an AlertTicketTimeout error reports the last status seen. Ctrl+C stops waiting at once. -MessageId binds from the receipts of Send-GradientAlert.
'@
    Examples     = @(
        @{
            Title   = 'Send and follow an alert'
            Code    = 'Send-GradientAlert -AccountId contoso.com -Title ''Backup failed'' -Description ''Job failed twice.'' | Get-GradientAlertTicket -Wait -TimeoutSec 300'
            Remarks = ''
            Setup   = 'New-GradientAccount -Id contoso.com -Name ''Contoso Ltd'' | Out-Null'
        }
        @{
            Title   = 'Check a message later'
            Code    = 'Get-GradientAlertTicket -MessageId $messageId'
            Remarks = 'Returns the current status without waiting.'
            Setup   = 'New-GradientAccount -Id contoso.com -Name ''Contoso Ltd'' | Out-Null; $messageId = (Send-GradientAlert -AccountId contoso.com -Title ''Backup failed'' -Description ''Job failed twice.'').MessageId'
        }
        @{
            Title   = 'Collect the failures of many alerts'
            Code    = @'
$receipts = Import-Csv ./alerts.csv | Send-GradientAlert
$receipts | Get-GradientAlertTicket -Wait -PollIntervalSec 2 -ErrorAction SilentlyContinue -ErrorVariable failures
$failures | Select-Object TargetObject, @{ n = 'Reason'; e = { $_.Exception.Message } }
'@
            Remarks = 'Each error''s target is the messageId.'
            Setup   = 'New-GradientAccount -Id contoso.com -Name ''Contoso Ltd'' | Out-Null; Set-Content -Path ./alerts.csv -Value ''AccountId,Title,Description'', ''contoso.com,Backup failed,Job failed twice.'''
        }
    )
    RelatedLinks = @('Send-GradientAlert')
}
