@{
    Description  = @'
Closes a connection: sets the integration status to inactive, which Gradient asks vendors to do when a partner disconnects, and forgets the connection so no later command uses it. If the keys are no longer accepted (the partner already disconnected or regenerated the key), the status cannot be changed; the connection is forgotten anyway, with a warning.

-KeepStatus only forgets the connection, leaving the integration status as it is: use it at the end of a script that should not change anything in Synthesize.
'@
    Examples     = @(
        @{
            Title   = 'The partner disconnected: mark the integration inactive'
            Code    = 'Disconnect-GradientIntegration'
            Remarks = 'Sets the status of the default connection''s integration to inactive and closes it.'
        }
        @{
            Title   = 'End a script without touching the status'
            Code    = @'
Connect-GradientIntegration -SkipStatusUpdate
Get-GradientAccount | Export-Csv ./accounts.csv -NoTypeInformation
Disconnect-GradientIntegration -KeepStatus
'@
            Remarks = ''
        }
        @{
            Title   = 'Close every connection of the session'
            Code    = 'Get-GradientConnection | Disconnect-GradientIntegration -KeepStatus'
            Remarks = 'Connections bind from the pipeline.'
        }
    )
    RelatedLinks = @('Connect-GradientIntegration', 'Get-GradientConnection', 'Set-GradientStatus')
}
