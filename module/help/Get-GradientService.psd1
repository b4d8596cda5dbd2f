@{
    Description  = @'
Gets the vendor-level services, the services (Gradient calls them skus) that every partner of the vendor can map in Synthesize. Without parameters all services are returned, read from the vendor profile. -Name filters by name, with wildcards and without regard to case; a plain name that matches nothing is a ServiceNotFound error. -Id fetches services by Gradient's id (GET /vendor-api/service/{id}) and binds from piped objects with an Id or ServiceId property.

For partner-specific services created with New-GradientOrganizationService, use Get-GradientOrganizationService.
'@
    Examples     = @(
        @{
            Title   = 'List the services with their ids'
            Code    = 'Get-GradientService | Format-Table Id, Name, Category, Subcategory'
            Remarks = ''
        }
        @{
            Title   = 'Find services by name'
            Code    = 'Get-GradientService -Name ''*backup*'', ''Managed EDR'''
            Remarks = 'Any service with "backup" in its name, and the service named exactly "Managed EDR" (an error if there is none).'
            Setup   = 'New-GradientService -Name ''Managed EDR'' -Description ''EDR per endpoint'' -Category security -Subcategory ''endpoint detection and response (EDR)'' | Out-Null'
        }
        @{
            Title   = 'Fetch one service by id'
            Code    = 'Get-GradientService -Id $serviceId'
            Remarks = '$serviceId holds an id as Get-GradientService lists them. A ServiceNotFound error if Gradient does not know the id.'
            Setup   = '$serviceId = (New-GradientService -Name ''Managed EDR'' -Description ''EDR per endpoint'' -Category security -Subcategory ''endpoint detection and response (EDR)'').Id'
        }
    )
    RelatedLinks = @('New-GradientService', 'Set-GradientService', 'Get-GradientOrganizationService')
}
