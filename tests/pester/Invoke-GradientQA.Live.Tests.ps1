# The live target's defects found by a new user (issue 10, item 3), reproduced against an emulator
# that poses as the live service: nothing of the emulator is known to the suite here, only
# -BaseUri and the keys.
Describe 'Invoke-GradientQA against a live service' {
    BeforeAll {
        . $PSScriptRoot/common.ps1
        $script:emulator = Start-GradientEmulator -RateLimit 0
        $script:partnerKey = $emulator.PartnerKey
    }

    AfterAll {
        Stop-GradientEmulator -Emulator $emulator -Confirm:$false
    }

    Context '-NonInteractive with nobody at Synthesize' {
        BeforeAll {
            $vendorKey = New-TestSecureString $emulator.VendorKey
            $partner = New-TestSecureString $partnerKey
            # -TimeoutSec 90: had a step waited for a person, the run would take at least that long.
            $script:run = Invoke-GradientQA -BaseUri $emulator.BaseUri -VendorApiKey $vendorKey -PartnerApiKey $partner `
                -NonInteractive -TimeoutSec 90 -Quiet 3>$null 6>$null
            $script:byStep = @{}
            foreach ($step in $run.Steps) { $byStep[$step.Step] = $step }
        }

        It 'fails the steps only a person can move at once, saying nothing was observed (<Step>)' -ForEach @(
            @{ Step = 'Authenticate the integration' }
            @{ Step = 'Disconnect the integration and follow these steps again' }
        ) {
            $result = $byStep[$Step]
            $result.Result | Should -Be 'Failed'
            $result.Message | Should -Match 'nothing observed: .*-NonInteractive does not wait'
            $result.Message | Should -Not -Match 'the integration must'
            $result.Duration.TotalSeconds | Should -BeLessThan 60 -Because 'the step must not wait -TimeoutSec for a click nobody will make'
        }

        It 'does not spend the timeout anywhere' {
            $run.Duration.TotalSeconds | Should -BeLessThan 90
        }

        It 'still checks what the vendor API shows without a person (the key, the portal URL)' {
            $byStep['Generate API Token'].Result | Should -Be 'Passed'
            $byStep['Open Vendor Portal'].Result | Should -BeIn @('Passed', 'Failed')
            $byStep['Open Vendor Portal'].Message | Should -Not -Match 'HTTP 401'
        }
    }

    Context 'the live adapter' {
        BeforeAll {
            $script:qaRoot = Join-Path (Get-Module GradientMsp).ModuleBase 'qa'
            . (Join-Path $qaRoot 'GradientQA.Driver.ps1')
            $connection = Connect-GradientIntegration -BaseUri $emulator.BaseUri -VendorApiKey (New-TestSecureString $emulator.VendorKey) -PartnerApiKey (New-TestSecureString $partnerKey)
            Set-GradientVendor -Connection $connection -IntegrationPortalUrl 'https://portal.example.com/gradient'
            Disconnect-GradientIntegration -Connection $connection -KeepStatus -Confirm:$false
            function New-LiveRun {
                $qa = New-QaRun -Target Live -BaseUri $emulator.BaseUri -VendorKey $emulator.VendorKey -GivenPartnerKey $partnerKey -Quiet
                $qa.Partner = New-QaPartner 'Live'
                $qa
            }
        }

        It 'reads the portal URL with a key it still holds, not the one its own disconnect retired' {
            $qa = New-LiveRun
            $qa.PartnerKey = 'retired-by-the-disconnect-step-0000'
            $qa.Data.KeyBeforeDisconnect = $qa.PartnerKey
            $qa.SetupKey = $partnerKey
            & $qa.Partner.PortalUrl $qa | Should -Be 'https://portal.example.com/gradient'
        }

        It 'falls back to the URL read at Open Vendor Portal when every key it holds is dead' {
            $qa = New-LiveRun
            $qa.PartnerKey = 'retired-by-the-disconnect-step-0000'
            $qa.GivenPartnerKey = $null
            $qa.Data.KeyBeforeDisconnect = $qa.PartnerKey
            $qa.Data.PortalUrl = 'https://portal.example.com/read-earlier'
            & $qa.Partner.PortalUrl $qa | Should -Be 'https://portal.example.com/read-earlier'
        }

        It 'names a key in prompts by its last four characters only' {
            $hint = Format-QaKeyHint 'abcdefghijklmnop-7f3a'
            $hint | Should -Be 'the key ending ****7f3a'
            $hint | Should -Not -Match 'abcdefgh'
        }

        It 'says how long it will wait, and until when' {
            $qa = New-LiveRun
            $qa.TimeoutSec = 120
            Format-QaWait $qa | Should -Match '^waiting up to 120 s, until \d\d:\d\d:\d\d$'
        }
    }
}
