Describe 'Get-GradientIntegration' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'common.ps1')
        $script:emulator = Start-GradientEmulator -Connect
    }

    AfterAll {
        Stop-GradientEmulator -Emulator $script:emulator -Confirm:$false
    }

    It 'shows nothing for LastSyncedAt before the first sync, not the API''s 1900 placeholder' {
        $integration = Get-GradientIntegration -Connection $emulator.Connection
        $integration.LastSyncedAt | Should -BeNullOrEmpty
        ($integration | Out-String) | Should -Not -Match '1900|0001'
    }
}
