@{
    Description  = @'
Gets a snapshot of everything the emulator holds: the vendor with its services (skus) and portal URL, and for each partner its summary, accounts, organization services, usage counts (pushed and shown on the Billing page), mappings, alerts and tickets. Tests use it to check what an integration really did.
'@
    Examples     = @(
        @{
            Title   = 'What accounts did my integration create?'
            Code    = '(Get-GradientEmulatorState -OrganizationId default).Partners[0].Accounts'
            Remarks = ''
        }
        @{
            Title   = 'Which services does the vendor have?'
            Code    = '(Get-GradientEmulatorState).Vendor.Skus | Format-Table Name, Category, Subcategory'
            Remarks = ''
        }
    )
    RelatedLinks = @('Get-GradientEmulatorRequestLog', 'Get-GradientEmulatorBilling')
}
