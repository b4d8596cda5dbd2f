@{
    Description  = @'
Gets the partner's PSA data in the emulator: the PSA clients and services that accounts and services are mapped to, and the contract lines whose quantities the Billing page shows beside the vendor's usage. The seeded partner has four clients, four services and six contract lines.
'@
    Examples     = @(
        @{
            Title   = 'Contract lines'
            Code    = '(Get-GradientEmulatorPsa).Contracts | Format-Table ClientName, ServiceName, Quantity'
            Remarks = ''
        }
    )
    RelatedLinks = @('Set-GradientEmulatorMapping', 'Get-GradientEmulatorBilling')
}
