@{
    Description  = @'
Creates organization services (POST /vendor-api/organization/services): services that only this partner sees, with ids you choose (the same id may be used for every partner). Gradient suggests them when there are many possible services and each partner uses a few. They have no category or subcategory.

Rows are collected from the pipeline and sent in one POST per -BatchSize rows. The existing services are read first: an id that already exists or is repeated in the input gets an AlreadyExists error (target the id) and is not sent; a 409 "A resource with this Id already exists" from Gradient becomes AlreadyExists errors for the rows of that batch. -WhatIf sends nothing.
'@
    Examples     = @(
        @{
            Title   = 'Create the services a partner uses'
            Code    = @'
@(
    [pscustomobject]@{ Id = 'm365-business-premium'; Name = 'Microsoft 365 Business Premium'; Description = 'Per user' }
    [pscustomobject]@{ Id = 'm365-e3'; Name = 'Microsoft 365 E3'; Description = 'Per user' }
) | New-GradientOrganizationService
'@
            Remarks = 'Objects bind by property name: Id (or ServiceId), Name, Description and IsArrears.'
        }
        @{
            Title   = 'From a CSV file, previewing first'
            Code    = @'
Import-Csv ./partner-services.csv | New-GradientOrganizationService -WhatIf
Import-Csv ./partner-services.csv | New-GradientOrganizationService
'@
            Remarks = ''
            Setup   = 'Set-Content -Path ./partner-services.csv -Value ''Id,Name,Description'', ''m365-e3,Microsoft 365 E3,Per user'''
        }
    )
    RelatedLinks = @('Get-GradientOrganizationService', 'Set-GradientOrganizationService', 'New-GradientService')
}
