@{
    Description  = @'
Gets a partner organization as the partner sees it in Synthesize: whether the integration is connected, the current Partner API Key and GRADIENT-TOKEN (not in the default view), the integration status, whether Next is enabled and whether setup is finished, and counts of accounts, PSA data and usage pushes.
'@
    Examples     = @(
        @{
            Title   = 'Status of the seeded partner'
            Code    = 'Get-GradientEmulatorPartner'
            Remarks = ''
        }
        @{
            Title   = 'Every partner'
            Code    = 'Get-GradientEmulatorPartner -All | Format-Table Name, Status, Connected, Accounts'
            Remarks = ''
        }
    )
    RelatedLinks = @('Connect-GradientEmulatorPartner', 'Get-GradientEmulatorWizard')
}
