@{
    Description  = @'
Adds an alert to Gradient's alerting queue (POST /vendor-api/alerting/{accountId}); Gradient turns it into a ticket in the partner's PSA, on the board and with the ticket type the partner mapped. A ticket is only made when the account is mapped, its service is mapped, and the service is mapped to a PSA board.

-Priority takes 1-4 or Low, Medium, High, VeryHigh (the docs' very_high too). -TicketStatus (1-6, default 1) is the PSA status the ticket is created in. -AlertId is your own reference; a new GUID is used for each alert when it is not given. All parameters bind from piped objects by property name, so a CSV of alerts can be piped in.

The receipt carries the messageId of the queued message; pipe it to Get-GradientAlertTicket -Wait to see whether a ticket was made. An unknown account is an AccountNotFound error.
'@
    Examples     = @(
        @{
            Title   = 'Send an alert and wait for the ticket'
            Code    = 'Send-GradientAlert -AccountId contoso.com -Title ''Backup failed on SRV01'' -Description ''The nightly job failed twice.'' -Priority High | Get-GradientAlertTicket -Wait'
            Remarks = 'Get-GradientAlertTicket polls until Gradient reports success (with the PSA ticket id) or failed (an AlertTicketFailed error with Gradient''s reasons).'
            Setup   = 'New-GradientAccount -Id contoso.com -Name ''Contoso Ltd'' | Out-Null'
        }
        @{
            Title   = 'Alerts from a CSV file'
            Code    = 'Import-Csv ./alerts.csv | Send-GradientAlert -ServiceId $serviceId -DueDateTime (Get-Date).AddDays(1)'
            Remarks = 'alerts.csv has the columns AccountId, Title, Description and optionally Priority and AlertId.'
            Setup   = 'New-GradientAccount -Id contoso.com -Name ''Contoso Ltd'' | Out-Null; Set-Content -Path ./alerts.csv -Value ''AccountId,Title,Description'', ''contoso.com,Backup failed,Job failed twice.''; $serviceId = (New-GradientService -Name ''Managed EDR'' -Description ''EDR per endpoint'' -Category security -Subcategory ''endpoint detection and response (EDR)'').Id'
        }
        @{
            Title   = 'Preview'
            Code    = 'Send-GradientAlert contoso.com ''Disk almost full'' ''C: on SRV02 is 95% full.'' -Priority VeryHigh -TicketStatus 1 -WhatIf'
            Remarks = 'Positions 0-2 are -AccountId, -Title and -Description. Nothing is sent with -WhatIf.'
        }
    )
    RelatedLinks = @('Get-GradientAlertTicket', 'New-GradientAccount')
}
