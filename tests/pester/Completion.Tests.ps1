# Tab completion of values that live in Gradient: from the connection, cached, never hanging the prompt.
Describe 'Argument completion from the connection' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'common.ps1')
        $script:emulator = Start-GradientEmulator -Connect
        New-GradientAccount -Id cust-1 -Name 'Contoso Ltd' -Connection $emulator.Connection | Out-Null
        New-GradientAccount -Id cust-2 -Name 'Fabrikam Inc' -Connection $emulator.Connection | Out-Null
        $script:edr = New-GradientService -Name 'Managed EDR' -Description 'EDR per endpoint' -Category security -Subcategory 'endpoint detection and response (EDR)' -Connection $emulator.Connection
        $script:edrId = @($edr.Services | Where-Object Name -EQ 'Managed EDR')[0].Id
        if (-not $edrId) { $script:edrId = (Get-GradientService -Name 'Managed EDR' -Connection $emulator.Connection).Id }

        function Get-Completion([string] $Line) {
            @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches | ForEach-Object CompletionText)
        }
    }

    AfterAll {
        Stop-GradientEmulator -Emulator $script:emulator -Confirm:$false
    }

    It 'completes account ids for Set-GradientAccount -Id and Send-GradientAlert -AccountId, not file names' {
        $c = "Set-GradientAccount -Connection `$emulator.Connection -Id "
        Get-Completion $c | Should -Be @('cust-1', 'cust-2')
        Get-Completion "Send-GradientAlert -Connection `$emulator.Connection -AccountId cust-2" | Should -Be @('cust-2')
    }

    It 'completes service names (quoted) and ids' {
        Get-Completion "Get-GradientService -Connection `$emulator.Connection -Name Man" | Should -Be @("'Managed EDR'")
        Get-Completion "Set-GradientService -Connection `$emulator.Connection -Id " | Should -Be @($edrId)
    }

    It 'completes the row fields of Sync-GradientUsage: -AccountId, -ServiceId and -ServiceName (quoted), also by position' {
        Get-Completion "Sync-GradientUsage -Connection `$emulator.Connection -AccountId " | Should -Be @('cust-1', 'cust-2')
        Get-Completion "Sync-GradientUsage -Connection `$emulator.Connection -ServiceId " | Should -Be @($edrId)
        Get-Completion "Sync-GradientUsage -Connection `$emulator.Connection -ServiceName Man" | Should -Be @("'Managed EDR'")
        Get-Completion "Sync-GradientUsage -Connection `$emulator.Connection cust-1 Man" | Should -Be @("'Managed EDR'")
    }

    It 'completes the alert message ids sent in this session' {
        $receipt = Send-GradientAlert -AccountId cust-1 -Title 't' -Description 'd' -Connection $emulator.Connection
        Get-Completion 'Get-GradientAlertTicket -MessageId ' | Should -Contain $receipt.MessageId
    }
}
