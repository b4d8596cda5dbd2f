@{
    # The module version lives here and only here: build.ps1 reads it and stamps the assemblies.
    ModuleVersion        = '0.1.0'
    GUID                 = '3f6b8d2e-7c1a-4e5b-9a0d-2b7f5c8e1a64'
    Author               = 'GradientMsp contributors'
    CompanyName          = 'GradientMsp'
    Copyright            = '(c) GradientMsp. MIT License.'
    Description          = 'Gradient MSP Synthesize vendor API: binary cmdlets, a local Synthesize emulator and an automated QA checklist.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    DotNetFrameworkVersion = '4.7.2'

    # The root is the binary cmdlets assembly itself: PowerShell imports it directly, and its module
    # initializer routes GradientMsp.Client and every dependency into a private load context on
    # PowerShell 7 (docs/assembly-loading.md). No RequiredAssemblies: they would load before that hook.
    # No script module at all: Invoke-GradientQA is a cmdlet too, which keeps Import-Module fast.
    RootModule           = 'lib/GradientMsp.Cmdlets.dll'
    # No FormatsToProcess: the views (GradientMsp*.Format.ps1xml beside this file) are loaded when the
    # first GradientMsp command runs, not at import (FormatLoader.cs); that keeps Import-Module fast.

    CmdletsToExport      = @(
        'Add-GradientEmulatorFault'
        'Clear-GradientEmulatorFault'
        'Compare-GradientUsage'
        'Complete-GradientEmulatorSetup'
        'Connect-GradientEmulator'
        'Connect-GradientEmulatorPartner'
        'Connect-GradientIntegration'
        'Disconnect-GradientEmulatorPartner'
        'Disconnect-GradientIntegration'
        'Get-GradientAccount'
        'Get-GradientAlertTicket'
        'Get-GradientClient'
        'Get-GradientConnection'
        'Get-GradientEmulator'
        'Get-GradientEmulatorBilling'
        'Get-GradientEmulatorFault'
        'Get-GradientEmulatorMapping'
        'Get-GradientEmulatorPartner'
        'Get-GradientEmulatorPsa'
        'Get-GradientEmulatorRequestLog'
        'Get-GradientEmulatorState'
        'Get-GradientEmulatorWizard'
        'Get-GradientIntegration'
        'Get-GradientOrganizationService'
        'Get-GradientService'
        'Get-GradientUsageLedger'
        'Get-GradientVendor'
        'Invoke-GradientQA'
        'Invoke-GradientRequest'
        'New-GradientAccount'
        'New-GradientEmulatorPartner'
        'New-GradientEmulatorPartnerKey'
        'New-GradientOrganizationService'
        'New-GradientService'
        'Reset-GradientEmulator'
        'Send-GradientAlert'
        'Set-GradientAccount'
        'Set-GradientEmulatorMapping'
        'Set-GradientOrganizationService'
        'Set-GradientService'
        'Set-GradientStatus'
        'Set-GradientVendor'
        'Start-GradientEmulator'
        'Stop-GradientEmulator'
        'Sync-GradientUsage'
        'Test-GradientIntegration'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()

    PrivateData          = @{
        PSData = @{
            Tags         = @('Gradient', 'GradientMSP', 'Synthesize', 'MSP', 'Billing', 'PSA', 'PSEdition_Desktop', 'PSEdition_Core')
            LicenseUri   = 'https://opensource.org/licenses/MIT'
            # Left for the publisher to set to the repository's address before publishing.
            ProjectUri   = ''
            # Replaced in the staged manifest by this version's section of CHANGELOG.md (build.ps1).
            ReleaseNotes = 'See CHANGELOG.md.'
        }
    }
}
