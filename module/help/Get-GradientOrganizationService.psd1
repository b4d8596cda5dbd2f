@{
    Description  = @'
Gets the organization services: services the vendor created for this partner only, with ids the vendor chose (GET /vendor-api/organization/services). -Name filters by name with wildcards, without regard to case; -Id asks for specific ids (the serviceIds query) and binds from piped objects. Unknown plain names and ids are ServiceNotFound errors.

Gradient recommends not mixing vendor-level services (Get-GradientService) and organization services in one integration.
'@
    Examples     = @(
        @{
            Title   = 'List the partner''s services'
            Code    = 'Get-GradientOrganizationService'
            Remarks = ''
        }
        @{
            Title   = 'Services the partner has not mapped'
            Code    = 'Get-GradientOrganizationService | Where-Object IsMapped -eq $false | Select-Object Id, Name'
            Remarks = 'IsMapped is only reported by newer API versions.'
        }
        @{
            Title   = 'Fetch some services by id'
            Code    = 'Get-GradientOrganizationService -Id m365-business-premium, m365-e3'
            Remarks = ''
            Setup   = '[pscustomobject]@{ Id = ''m365-business-premium''; Name = ''Microsoft 365 Business Premium''; Description = ''Per user'' }, [pscustomobject]@{ Id = ''m365-e3''; Name = ''Microsoft 365 E3''; Description = ''Per user'' } | New-GradientOrganizationService | Out-Null'
        }
    )
    RelatedLinks = @('New-GradientOrganizationService', 'Set-GradientOrganizationService', 'Get-GradientService')
}
