@{
    Description  = @'
Gets the vendor API requests the emulator received, oldest first: index, time, method, path, query, HTTP status, time taken, the partner it was made for and the fault that answered it, if any. Tokens are never logged. Filter by path text, method or status; -Since continues after an entry (its Index + 1), which is how tests look at only the requests one step made.
'@
    Examples     = @(
        @{
            Title   = 'Every usage push that was refused'
            Code    = 'Get-GradientEmulatorRequestLog -Path /count -StatusCode 404'
            Remarks = '404 means the account or service is not mapped: normal, and to be skipped.'
        }
        @{
            Title   = 'Only what happened after a mark'
            Code    = @'
$mark = (Get-GradientEmulatorRequestLog -Last 1).Index + 1
Get-GradientIntegration
Get-GradientEmulatorRequestLog -Since $mark
'@
            Remarks = ''
        }
    )
    RelatedLinks = @('Add-GradientEmulatorFault', 'Get-GradientEmulatorState')
}
