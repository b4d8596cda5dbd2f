@{
    Description  = @'
Updates one organization service (PATCH /vendor-api/organization/services/{id}): its name, description, active flag, arrears flag or id (-NewId). Fields not given are not sent, and at least one is needed. -Id binds from piped objects. A piped organization service's own name and description are not sent back: only what the command line gives is a change, while a CSV row's columns are changes. An unknown id is a ServiceNotFound error and the pipeline goes on. Services cannot be deleted through the API; -IsActive $false (newer API versions) is the nearest thing.
'@
    Examples     = @(
        @{
            Title   = 'Rename a service'
            Code    = 'Set-GradientOrganizationService -Id m365-e3 -Name ''Microsoft 365 E3 (annual)'' -PassThru'
            Remarks = ''
            Setup   = 'New-GradientOrganizationService -Id m365-e3 -Name ''Microsoft 365 E3'' -Description ''Per user'' | Out-Null'
        }
        @{
            Title   = 'Retire every service whose name starts with Legacy'
            Code    = 'Get-GradientOrganizationService -Name ''Legacy*'' | Set-GradientOrganizationService -IsActive $false -WhatIf'
            Remarks = 'Remove -WhatIf to send the changes.'
        }
    )
    RelatedLinks = @('Get-GradientOrganizationService', 'New-GradientOrganizationService')
}
