@{
    Description  = @'
Sets the integration status, which Synthesize shows the partner. Use pending once the partner has entered their key in your portal (it enables "Next" and the mapping steps), inactive when the partner disconnects, and active only if you want to set it yourself: Gradient sets active on the first usage or alert it receives. The value is sent in lower case because the API is case sensitive.

Moving an active integration back to pending would hide it from billing until the partner maps again, so it is refused (StatusDowngradeRefused) unless -Force is given.
'@
    Examples     = @(
        @{
            Title   = 'The partner authenticated in your portal'
            Code    = 'Set-GradientStatus -Status pending'
            Remarks = ''
        }
        @{
            Title   = 'Preview a change and return the result'
            Code    = @'
Set-GradientStatus inactive -WhatIf
Set-GradientStatus inactive -PassThru
'@
            Remarks = 'The first line only says what would be done; the second sets the status and returns the updated integration.'
        }
    )
    RelatedLinks = @('Get-GradientIntegration', 'Connect-GradientIntegration', 'Disconnect-GradientIntegration')
}
