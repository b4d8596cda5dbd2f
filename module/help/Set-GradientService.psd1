@{
    Description  = @'
Updates a vendor-level service (PATCH /vendor-api/service/{id}). Give at least one field to change; fields not given are not sent. -Category and -Subcategory are checked exactly as for New-GradientService. -Id binds from piped services, so the output of Get-GradientService can be piped in. Gradient's documentation of this route is thin (the official SDK sends no body), so check the result with -PassThru, which reads the service back.
'@
    Examples     = @(
        @{
            Title   = 'Change the description of a service found by name'
            Code    = 'Get-GradientService -Name ''Managed EDR'' | Set-GradientService -Description ''EDR per protected endpoint, 24x7 SOC'' -PassThru'
            Remarks = ''
            Setup   = 'New-GradientService -Name ''Managed EDR'' -Description ''EDR per endpoint'' -Category security -Subcategory ''endpoint detection and response (EDR)'' | Out-Null'
        }
        @{
            Title   = 'Fix a subcategory'
            Code    = 'Set-GradientService -Id 64a1f0c2e4b0a1b2c3d4e5f6 -Subcategory ''cloud backup'' -WhatIf'
            Remarks = 'Remove -WhatIf to send the change.'
        }
    )
    RelatedLinks = @('Get-GradientService', 'New-GradientService')
}
