@{
    Description  = @'
Updates the vendor profile (PATCH /vendor-api). Give at least one of -Name, -Description, -VendorSupportPageUrl and -IntegrationPortalUrl; fields not given are left as they are. URLs must be absolute http or https URLs. The integration portal URL is what Synthesize's "Open Vendor Portal" button opens: Gradient's QA checks that it points at the page where partners paste their key.
'@
    Examples     = @(
        @{
            Title   = 'Point "Open Vendor Portal" at your integration page'
            Code    = 'Set-GradientVendor -IntegrationPortalUrl https://portal.example.com/integrations/gradient -PassThru'
            Remarks = 'Returns the updated vendor.'
        }
        @{
            Title   = 'Preview a profile change'
            Code    = 'Set-GradientVendor -Description ''Backup and EDR for MSPs'' -VendorSupportPageUrl https://support.example.com -WhatIf'
            Remarks = 'Nothing is sent with -WhatIf.'
        }
    )
    RelatedLinks = @('Get-GradientVendor')
}
