@{
    Description  = @'
Creates a vendor-level service (POST /vendor-api/service): a service every partner of the vendor sees and maps in Synthesize, and that usage is then reported against. Gradient assigns the id; the command returns the created service with it.

-Category and -Subcategory must be spelled exactly as Gradient spells them, in the same case (including Gradient's own spelling "priviledged access and identity management (PAM/PIM)"). A value that differs only by case is refused with an InvalidCategory error that names the right spelling; press Tab after -Category or -Subcategory to complete the values.

Gradient does not stop two services having the same name, and duplicates confuse mapping and usage by name, so the vendor's services are read first: if one already has the name, an AlreadyExists error is written and nothing is created, unless -Force is given. Rows from Import-Csv bind by property name, so a CSV of services can be piped in.
'@
    Examples     = @(
        @{
            Title   = 'Create a service'
            Code    = 'New-GradientService -Name ''Managed EDR'' -Description ''EDR per protected endpoint'' -Category security -Subcategory ''endpoint detection and response (EDR)'''
            Remarks = 'Returns the new service with the id Gradient gave it.'
        }
        @{
            Title   = 'Create the services of a CSV file, skipping those that exist'
            Code    = @'
Import-Csv ./services.csv | New-GradientService -SupportContact support@example.com -ErrorAction SilentlyContinue -ErrorVariable skipped
$skipped | Where-Object { $_.FullyQualifiedErrorId -like 'AlreadyExists,*' } | ForEach-Object TargetObject
'@
            Remarks = 'services.csv has the columns Name, Description, Category and Subcategory. Names that already exist are collected in $skipped instead of being created twice.'
            Setup   = 'Set-Content -Path ./services.csv -Value ''Name,Description,Category,Subcategory'', ''Managed EDR,EDR per endpoint,security,endpoint detection and response (EDR)''; New-GradientService -Name ''Managed EDR'' -Description ''EDR per endpoint'' -Category security -Subcategory ''endpoint detection and response (EDR)'' | Out-Null'
        }
        @{
            Title   = 'Preview with -WhatIf'
            Code    = 'New-GradientService -Name ''Cloud Backup'' -Description ''Per protected TB'' -Category backup -Subcategory ''cloud backup'' -SupportArticle https://support.example.com/backup -WhatIf'
            Remarks = 'Nothing is sent.'
        }
    )
    RelatedLinks = @('Get-GradientService', 'Set-GradientService', 'New-GradientOrganizationService')
}
