# Missing keys: at the prompt Connect-GradientIntegration falls back to a local emulator, but a
# script (an unattended RMM task) must fail loudly instead of syncing somewhere harmless.
Describe 'Connect-GradientIntegration without keys' {
    BeforeAll {
        . $PSScriptRoot/common.ps1
    }

    It 'fails with MissingApiKey in a script when no emulator was started' {
        $probe = Join-Path $TestDrive 'no-keys.ps1'
        Set-Content -Path $probe -Value @'
foreach ($name in 'GRADIENT_VENDOR_API_KEY', 'GRADIENT_PARTNER_API_KEY', 'GRADIENT_BASE_URI') { [Environment]::SetEnvironmentVariable($name, $null) }
Import-Module GradientMsp
try {
    Connect-GradientIntegration -ErrorAction Stop
    'connected'
}
catch {
    $_.FullyQualifiedErrorId
    $_.ErrorDetails.RecommendedAction
}
'connections: ' + @(Get-GradientConnection).Count
'emulators: ' + @(Get-GradientEmulator -All).Count
'@
        $output = @(Invoke-FreshPwsh @('-NoProfile', '-NonInteractive', '-File', $probe))
        $output[0] | Should -Be 'MissingApiKey,GradientMsp.Commands.ConnectGradientIntegrationCommand'
        $output[1] | Should -Match 'Start-GradientEmulator'
        $output | Should -Contain 'connections: 0'
        $output | Should -Contain 'emulators: 0'
    }
}
