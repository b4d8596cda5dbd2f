@{
    Description  = @'
Adds a partner organization (an MSP using Synthesize) to the emulator through its control API. By default the partner's integration is connected at once with a new random Partner API Key (or -PartnerKey), as if the partner had clicked Connect and Generate API Token; -NoConnect creates it disconnected. -SeedPsa gives it the same PSA clients, services and contract lines the seeded partner has. The result shows its organization id, key and token (not in the default view); pass -OrganizationId to the partner cmdlets to act as this partner, and the Synthesize pages offer a partner picker once there are several.
'@
    Examples     = @(
        @{
            Title   = 'A second partner with PSA data'
            Code    = '$p = New-GradientEmulatorPartner -Name ''Northwind MSP'' -SeedPsa; Get-GradientEmulatorWizard -OrganizationId $p.OrganizationId'
            Remarks = ''
        }
        @{
            Title   = 'A partner that has not connected yet, from a second terminal'
            Code    = 'Connect-GradientEmulator -BaseUri http://127.0.0.1:41234; New-GradientEmulatorPartner -Name ''Later MSP'' -NoConnect'
            Remarks = 'Connect-GradientEmulatorPartner -OrganizationId ... connects it later.'
            NotRunnable = 'Two terminals: it attaches to an emulator another session started (tests/pester/Connect-GradientEmulator.Tests.ps1 does this in a child pwsh).'
        }
    )
    RelatedLinks = @('Get-GradientEmulatorPartner', 'Connect-GradientEmulatorPartner', 'Connect-GradientEmulator')
}
