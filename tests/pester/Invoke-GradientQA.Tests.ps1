# Proof that the QA checklist catches what it should: each sample in tests/qa-samples is wrong in
# exactly one way and must fail exactly the step that catches it, with a message that says what to
# fix; the correct sample and the module's own cmdlets must pass every step. One emulator serves
# the whole file (Invoke-GradientQA resets it before each run).
Describe 'Invoke-GradientQA' {
    BeforeAll {
        . $PSScriptRoot/common.ps1
        $script:emulator = Start-GradientEmulator -RateLimit 0
        $script:samples = Join-Path $PSScriptRoot '../qa-samples'
        $script:checklist = @(
            'Click Connect on the Integration'
            'Generate API Token'
            'Open Vendor Portal'
            'Authenticate the integration'
            'Confirm Next lights up'
            'Confirm Accounts have synced in for mapping'
            'Map the accounts created'
            'Confirm Services have synced in for mapping'
            'Map the services created'
            'Finish the integration setup'
            'Within the vendor portal, initiate a sync'
            'Within Synthesize, refresh the Billing page, and confirm usage has synced in for the mapped accounts and services'
            'Disconnect the integration and follow these steps again'
        )
        function Invoke-Sample([string] $Name, [hashtable] $Extra = @{}) {
            $integration = & (Join-Path $script:samples "$Name.ps1")
            Invoke-GradientQA -Integration $integration -Emulator $script:emulator -Quiet @Extra 3>$null
        }
    }

    AfterAll {
        Stop-GradientEmulator -Emulator $emulator -Confirm:$false
    }

    Context 'the step catalogue (module/qa/steps)' {
        BeforeAll {
            $script:qaRoot = Join-Path (Get-Module GradientMsp).ModuleBase 'qa'
            . (Join-Path $qaRoot 'GradientQA.Driver.ps1')
            $script:catalogue = Get-QaCatalogue
        }

        It 'holds the published checklist''s 13 steps in the page''s order, then the 5 checks it implies' {
            # $checklist is the page's bullets (shared/docs/qa-steps.md), so a lost or moved step fails here.
            @($catalogue.Values | Where-Object Part -EQ 'Checklist' | ForEach-Object Name) | Should -Be $checklist
            @($catalogue.Values | ForEach-Object Part) | Should -Be (@('Checklist') * 13 + @('Implied') * 5)
            $catalogue.Count | Should -Be 18
        }

        It 'writes each step''s name once in the module''s QA scripts' {
            $text = @(Get-ChildItem -Path $qaRoot -Filter '*.ps1' -Recurse | ForEach-Object { Get-Content -Raw $_.FullName })
            foreach ($step in $catalogue.Values) {
                $literal = [regex]::Escape("'" + ($step.Name -replace "'", "''") + "'") + '|' + [regex]::Escape('"' + $step.Name + '"')
                $count = 0
                foreach ($file in $text) { $count += [regex]::Matches($file, $literal).Count }
                $count | Should -Be 1 -Because "'$($step.Name)' should be named by its step file only"
            }
        }

        It 'refuses a step that requires a step not before it, or has an unknown key' {
            $steps = Join-Path $TestDrive 'steps'
            $null = New-Item -ItemType Directory -Path $steps -Force
            Set-Content -Path (Join-Path $steps '01-First.ps1') -Value "@{ Name = 'First'; Requires = 'Second'; Action = {} }"
            Set-Content -Path (Join-Path $steps '02-Second.ps1') -Value "@{ Name = 'Second'; Action = {} }"
            { Get-QaCatalogue -Path $steps } | Should -Throw "*step 'First' requires 'Second', which is not an earlier step*"
            Set-Content -Path (Join-Path $steps '01-First.ps1') -Value "@{ Name = 'First'; Needs = 'Second'; Action = {} }"
            { Get-QaCatalogue -Path $steps } | Should -Throw "*unknown key 'Needs'*"
        }

        It 'has one partner adapter per target, with the same operations' {
            $emulatorSide = New-QaPartner Emulator
            $liveSide = New-QaPartner Live
            $operations = @(Get-QaPartnerOperations)
            foreach ($side in $emulatorSide, $liveSide) {
                foreach ($operation in $operations) { Get-Command -Name $side.$operation -CommandType Function | Should -Not -BeNullOrEmpty }
            }
            @($emulatorSide.PSObject.Properties.Name) | Should -Be @($liveSide.PSObject.Properties.Name)
            $emulatorSide.Kind | Should -Be 'Emulator'
            $liveSide.Kind | Should -Be 'Live'
        }

        It 'declares the run: a fixed, validated property set' {
            $run = New-QaRun -Target Live -BaseUri 'https://synthesize.example' -VendorKey 'not-a-real-key' -TimeoutSec 5
            $run.PSObject.TypeNames | Should -Contain 'GradientMsp.QARun'
            $run.TimeoutSec | Should -Be 5
            $run.PollSec | Should -Be 2
            { $run.NoSuchProperty = 1 } | Should -Throw
            { $run.Data.NoSuchObservation = 1 } | Should -Throw
            { New-QaRun -Target Live -BaseUri 'relative/path' -VendorKey 'k' } | Should -Throw '*not an absolute URI*'
            { New-QaRun -Target Live -BaseUri 'https://synthesize.example' } | Should -Throw '*no Vendor API Key*'
            { New-QaRun -Target Emulator } | Should -Throw '*needs a running emulator*'
        }
    }

    It 'the correct sample passes every step, in the checklist''s order' {
        $result = Invoke-Sample 'Correct'
        $result.Failed | Should -Be 0
        $result.Skipped | Should -Be 0
        $result.Passed | Should -Be 18
        @($result.Steps.Step | Select-Object -First 13) | Should -Be $checklist
        $result.Duration.TotalSeconds | Should -BeLessThan 60
    }

    It '<Sample> fails exactly "<Step>"' -TestCases @(
        @{ Sample = 'NeverSetsPending'; Step = 'Confirm Next lights up'; Pattern = "status stayed 'inactive' after the partner authenticated.*must set 'pending'" }
        @{ Sample = 'CreatesNoAccounts'; Step = 'Confirm Accounts have synced in for mapping'; Pattern = 'no account has arrived.*must create the partner''s accounts' }
        @{ Sample = 'WrongServiceCategory'; Step = 'Confirm Services have synced in for mapping'; Pattern = 'no service has arrived.*refused with 400: category and subcategory' }
        @{ Sample = 'PushesBeforeMapping404Fatal'; Step = 'Authenticate the integration'; Pattern = '404.*normal for accounts or services the partner has not mapped.*never stop on them' }
        @{ Sample = 'NoAccountsAfterReconnect'; Step = 'Reconnect: accounts are re-created and the whole checklist passes a second time'; Pattern = 'second pass.*Confirm Accounts have synced in for mapping.*re-create what is missing' }
        @{ Sample = 'BadToken'; Step = 'Authenticate the integration'; Pattern = '401.*Base64\(UTF-8\(''<vendor key>:<partner key>''\)\)' }
    ) {
        $result = Invoke-Sample $Sample
        $failed = @($result.Steps | Where-Object Result -EQ 'Failed')
        $failed.Step | Should -Be @($Step)
        $failed[0].Message | Should -Match "(?s)expected: .+seen: .+fix: "
        $failed[0].Message -replace '\r?\n', ' ' | Should -Match $Pattern
        $failed[0].Seen | Should -Not -BeNullOrEmpty
        $failed[0].Fix | Should -Not -BeNullOrEmpty
        # Everything that could not run because of it is Skipped with a reason, never Failed.
        foreach ($skipped in @($result.Steps | Where-Object Result -EQ 'Skipped')) {
            $skipped.Message | Should -Match 'so this step cannot run$'
        }
        $result.Failed | Should -Be 1
    }

    It 'DoubledSlash fails "Authenticate the integration" and the evidence points at the doubled slash' {
        $result = Invoke-Sample 'DoubledSlash'
        $authenticate = @($result.Steps | Where-Object Step -EQ 'Authenticate the integration')
        $authenticate[0].Result | Should -Be 'Failed'
        $authenticate[0].Fix | Should -Match "doubled slash in the path \(e\.g\. '(GET|POST|PATCH) //api/vendor-api.*join the base URI and the route with exactly one '/'"
        $result.Passed | Should -BeLessThan 18
    }

    It 'hands the integration its base URI with no trailing slash, as Gradient documents it' {
        $integration = & (Join-Path $script:samples 'Correct.ps1')
        $seen = [System.Collections.Generic.List[string]]::new()
        $authenticate = $integration.Authenticate
        $integration.Authenticate = {
            param($BaseUri, $VendorKey, $PartnerKey)
            $seen.Add("$BaseUri")
            & $authenticate $BaseUri $VendorKey $PartnerKey
        }.GetNewClosure()
        $result = Invoke-GradientQA -Integration $integration -Emulator $script:emulator -Quiet 3>$null
        $result.Passed | Should -Be 18
        $seen.Count | Should -BeGreaterThan 0
        $seen | Should -Not -Match '/$'
        $seen[0] | Should -Be $emulator.BaseUri.AbsoluteUri.TrimEnd('/')
    }

    It 'with no -Integration the module''s own cmdlets are the integration, and pass' {
        $result = Invoke-GradientQA -Emulator $emulator -Quiet
        $result.Integration | Should -Be 'GradientMsp cmdlets'
        $result.Failed | Should -Be 0
        $result.Passed | Should -Be 18
        # The default view is the summary, not a dump of every step and the Pester run.
        $shown = $result | Out-String
        $shown | Should -Match 'Passed\s+: 18'
        $shown | Should -Not -Match 'Pester\s+:'
        ($result.Steps | Out-String) | Should -Match 'Result\s+Step\s+Message'
    }

    It 'writes <Format> results to -OutputPath' -TestCases @(@{ Format = 'NUnitXml'; Root = 'test-results' }, @{ Format = 'JUnitXml'; Root = 'testsuites' }) {
        $path = Join-Path $TestDrive "qa-$Format.xml"
        $result = Invoke-Sample 'NeverSetsPending' @{ OutputFormat = $Format; OutputPath = $path }
        $result.OutputPath | Should -Be $path
        [xml] $xml = Get-Content -Raw $path
        $xml.DocumentElement.LocalName | Should -Be $Root
        $xml.OuterXml | Should -Match 'Confirm Next lights up'
    }

    It '-EnableExit ends the calling script with exit code 1 when a step fails' {
        $probe = Join-Path $TestDrive 'enable-exit.ps1'
        Set-Content -Path $probe -Value @"
Import-Module GradientMsp
`$null = Invoke-GradientQA -Integration (& '$(Join-Path $samples 'NeverSetsPending.ps1')') -Quiet -EnableExit -PesterModule '$env:GRADIENTMSP_PESTER_MODULE' 3>`$null
'not reached'
"@
        $output = Invoke-FreshPwsh @('-NoProfile', '-NonInteractive', '-File', $probe)
        $LASTEXITCODE | Should -Be 1
        $output | Should -Not -Contain 'not reached'
        # -Quiet hides the checklist, but a log must still say why the process ended.
        ($output -join "`n") | Should -Match 'QA FAILED: \d+ passed, 1 failed, \d+ skipped'
    }

    It 'leaves the caller''s connections and default connection as it found them' {
        $probe = Join-Path $TestDrive 'connections.ps1'
        Set-Content -Path $probe -Value @"
Import-Module GradientMsp
`$mine = Start-GradientEmulator -RateLimit 0
`$connection = Connect-GradientIntegration -Emulator `$mine -PassThru -Confirm:`$false
`$null = Invoke-GradientQA -Quiet -PesterModule '$env:GRADIENTMSP_PESTER_MODULE' 3>`$null
'default is mine: ' + [object]::ReferenceEquals((Get-GradientConnection -Current), `$connection)
'connections: ' + @(Get-GradientConnection).Count
Stop-GradientEmulator -Emulator `$mine -Confirm:`$false
"@
        $output = Invoke-FreshPwsh @('-NoProfile', '-NonInteractive', '-File', $probe)
        $output | Should -Contain 'default is mine: True' -Because ($output | Out-String)
        $output | Should -Contain 'connections: 1'
    }

    It 'starts and stops an emulator of its own when none is given' {
        $before = @(Get-GradientEmulator -All).Count
        $result = Invoke-GradientQA -Integration (& (Join-Path $samples 'Correct.ps1')) -Quiet 3>$null
        $result.Failed | Should -Be 0
        $result.BaseUri | Should -Not -Be $emulator.BaseUri
        @(Get-GradientEmulator -All).Count | Should -Be $before
        (Get-GradientEmulator).ProcessId | Should -Be $emulator.ProcessId
        $probe = [System.Net.Sockets.TcpClient]::new()
        try { { $probe.Connect($result.BaseUri.Host, $result.BaseUri.Port) } | Should -Throw }
        finally { $probe.Dispose() }
    }

    It 'takes command names as well as script blocks' {
        $integration = & (Join-Path $samples 'Correct.ps1')
        $names = @{}
        foreach ($part in 'Setup', 'Authenticate', 'Sync', 'Disconnect') {
            $name = "Invoke-QaTestSample$part"
            Set-Item -Path "function:global:$name" -Value $integration[$part]
            $names[$part] = $name
        }
        try {
            $result = Invoke-GradientQA -Integration $names -Emulator $emulator -Quiet 3>$null
            $result.Failed | Should -Be 0
        }
        finally {
            foreach ($name in $names.Values) { Remove-Item "function:global:$name" }
        }
    }

    It 'refuses an -Integration without Authenticate, Sync and Disconnect' {
        { Invoke-GradientQA -Integration @{ Authenticate = {} } -Emulator $emulator -Quiet } |
            Should -Throw '*needs Sync*' -ErrorId 'InvalidArgument,GradientMsp.Commands.InvokeGradientQACommand'
        { Invoke-GradientQA -Integration @{ Authenticate = {}; Sync = 'Sync-Mine'; Disconnect = 42 } -Emulator $emulator -Quiet } |
            Should -Throw '*needs Disconnect*'
    }

    It 'live target with -NonInteractive: fails what needs a person with a clear message instead of waiting' {
        Reset-GradientEmulator -Emulator $emulator -Confirm:$false
        $partnerKey = (Get-GradientEmulatorPartner -Emulator $emulator).PartnerKey
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        $result = Invoke-GradientQA -BaseUri $emulator.BaseUri -VendorApiKey $emulator.VendorKey -PartnerApiKey $partnerKey `
            -Integration (& (Join-Path $samples 'Correct.ps1')) -NonInteractive -TimeoutSec 1 -Quiet 3>$null
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 40
        $result.Target | Should -Be 'Live'
        $steps = @{}
        foreach ($step in $result.Steps) { $steps[$step.Step] = $step }
        foreach ($observable in 'Click Connect on the Integration', 'Generate API Token', 'Open Vendor Portal', 'Authenticate the integration', 'Confirm Next lights up', 'Confirm Accounts have synced in for mapping', 'Confirm Services have synced in for mapping') {
            $steps[$observable].Result | Should -Be 'Passed' -Because $steps[$observable].Message
        }
        $steps['Map the accounts created'].Result | Should -Be 'Failed'
        # Mapping is a person's click: -NonInteractive says nothing was observed rather than polling
        # for isMapped (issue 10: it used to wait -TimeoutSec and report 'no account reported isMapped').
        $steps['Map the accounts created'].Message | Should -Match 'nothing observed: mapping the accounts in Synthesize'
        $steps['Map the services created'].Message | Should -Match 'NonInteractive forbids asking'
        $steps['Finish the integration setup'].Message | Should -Match 'NonInteractive forbids asking'
        $steps['Within the vendor portal, initiate a sync'].Result | Should -Be 'Skipped'
    }

    It 'tools/Invoke-QAEmulator.ps1 exits 1 when a step fails' {
        $tool = Join-Path $PSScriptRoot '../../tools/Invoke-QAEmulator.ps1'
        $report = Join-Path $TestDrive 'tool.xml'
        $output = Invoke-FreshPwsh -ArgumentList @('-NoProfile', '-NonInteractive', '-File', $tool, '-IntegrationScript', (Join-Path $samples 'NeverSetsPending.ps1'), '-OutputPath', $report, '-Quiet') 2>&1
        $LASTEXITCODE | Should -Be 1 -Because ($output | Out-String)
        Test-Path $report | Should -BeTrue
    }
}
