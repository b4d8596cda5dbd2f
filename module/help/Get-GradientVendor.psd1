@{
    Description  = @'
Gets the vendor profile (GET /vendor-api): name, description, the support page and integration portal URLs, and the vendor-level services ("skus") with their ids. Gradient suggests this call to verify that the connection works and to confirm the services are as intended.
'@
    Examples     = @(
        @{
            Title   = 'Show the vendor and its services'
            Code    = @'
$vendor = Get-GradientVendor
$vendor.Services | Format-Table Id, Name, Category, Subcategory
'@
            Remarks = 'The service ids are what the usage (count) route and Sync-GradientUsage -ServiceId take.'
        }
        @{
            Title   = 'Check the portal URL the partner''s "Open Vendor Portal" button opens'
            Code    = '(Get-GradientVendor).IntegrationPortalUrl'
            Remarks = 'Set it with Set-GradientVendor -IntegrationPortalUrl.'
        }
    )
    RelatedLinks = @('Set-GradientVendor', 'Get-GradientService')
}
