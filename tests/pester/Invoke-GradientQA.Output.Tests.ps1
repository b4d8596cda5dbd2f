# What Invoke-GradientQA leaves for a CI pipeline: a results file that reads the same on every
# machine (class names without the install path, skipped steps with the suite's reason), plain text
# when its output is a log, a -PesterModule given relative to where the user stands, and the same
# checklist under Pester 5.7 and Pester 6 (issue 13, "QA output for pipelines").
Describe 'Invoke-GradientQA output for pipelines' {
    BeforeAll {
        . $PSScriptRoot/common.ps1
        $script:emulator = Start-GradientEmulator -RateLimit 0
        $script:samples = Join-Path $PSScriptRoot '../qa-samples'
        $script:packages = (Resolve-Path (Join-Path $PSScriptRoot '../../.tools/packages')).Path
        $script:scratch = Join-Path ([IO.Path]::GetTempPath()) "gradientmsp-qa-output-$PID"
        $null = New-Item -ItemType Directory -Path $scratch -Force
    }

    AfterAll {
        Stop-GradientEmulator -Emulator $emulator -Confirm:$false
        Remove-Item $scratch -Recurse -Force -ErrorAction SilentlyContinue
    }

    Context 'the results file' {
        BeforeAll {
            $integration = & (Join-Path $samples 'BadToken.ps1')
            $script:junitPath = Join-Path $scratch 'qa.junit.xml'
            $script:nunitPath = Join-Path $scratch 'qa.nunit.xml'
            $script:junit = Invoke-GradientQA -Integration $integration -Emulator $emulator -Quiet -OutputPath $junitPath -OutputFormat JUnitXml 3>$null
            $integration = & (Join-Path $samples 'BadToken.ps1')
            $script:nunit = Invoke-GradientQA -Integration $integration -Emulator $emulator -Quiet -OutputPath $nunitPath -OutputFormat NUnitXml 3>$null
            $script:junitXml = [xml] (Get-Content -Raw $junitPath)
            $script:nunitXml = [xml] (Get-Content -Raw $nunitPath)
        }

        It 'has skipped steps to report (the flawed sample fails authentication)' {
            $junit.Skipped | Should -BeGreaterThan 0
            $nunit.Skipped | Should -BeGreaterThan 0
        }

        It 'names every JUnit test case with one stable class, not the installed file path' {
            $classes = @($junitXml.SelectNodes('//testcase') | ForEach-Object { $_.GetAttribute('classname') } | Sort-Object -Unique)
            $classes | Should -Be @('GradientMsp.QA')
            $junitXml.SelectSingleNode('//testsuite').GetAttribute('package') | Should -Be 'GradientMsp.QA'
            (Get-Content -Raw $junitPath) | Should -Not -Match ([regex]::Escape((Get-Module GradientMsp).ModuleBase) + '[^<]*Tests\.ps1"')
        }

        It 'gives each skipped JUnit step the suite''s own reason' {
            $skipped = @($junitXml.SelectNodes('//testcase[skipped]'))
            $skipped.Count | Should -Be $junit.Skipped
            foreach ($case in $skipped) {
                $message = $case.SelectSingleNode('skipped').GetAttribute('message')
                $message | Should -Not -Match '^Exception:'
                $step = $junit.Steps | Where-Object { $case.GetAttribute('name').EndsWith('.' + $_.Step) }
                $message | Should -Be $step.Message
            }
        }

        It 'gives each skipped NUnit step a reason, and one stable fixture name' {
            $ignored = @($nunitXml.SelectNodes('//test-case[@result="Ignored"]'))
            $ignored.Count | Should -Be $nunit.Skipped
            foreach ($case in $ignored) { $case.SelectSingleNode('reason/message').InnerText | Should -Match 'so this step cannot run' }
            $fixtures = @($nunitXml.SelectNodes('//test-suite[@type="TestFixture"]') | ForEach-Object { $_.GetAttribute('name') })
            $fixtures | Should -Contain 'GradientMsp.QA'
            ($fixtures -join ' ') | Should -Not -Match '\.ps1'
        }
    }

    Context 'in a fresh pwsh, as a pipeline runs it' {
        BeforeAll {
            function Invoke-QaChild([string] $PesterRelative, [hashtable] $Environment = @{}) {
                $probe = @'
param($BaseUri, $PesterModule, $WorkDir)
$ErrorActionPreference = 'Stop'
Import-Module GradientMsp
$emulator = Start-GradientEmulator -RateLimit 0
try {
    Set-Location $WorkDir
    $result = Invoke-GradientQA -Emulator $emulator -PesterModule $PesterModule
    "RESULT " + ([pscustomobject]@{ Passed = $result.Passed; Failed = $result.Failed; Pester = (Get-Module Pester).Version.ToString() } | ConvertTo-Json -Compress)
}
finally { Stop-GradientEmulator -Emulator $emulator -Confirm:$false }
'@
                $path = Join-Path $scratch "qa-child-$([guid]::NewGuid().ToString('n')).ps1"
                Set-Content -Path $path -Value $probe
                $saved = @{}
                foreach ($name in $Environment.Keys) { $saved[$name] = [Environment]::GetEnvironmentVariable($name); [Environment]::SetEnvironmentVariable($name, $Environment[$name]) }
                try {
                    $output = @(Invoke-FreshPwsh @('-NoProfile', '-NonInteractive', '-File', $path, '-BaseUri', $emulator.BaseUri, '-PesterModule', $PesterRelative, '-WorkDir', $packages) 2>&1 | ForEach-Object { [string] $_ })
                    [pscustomobject]@{ Exit = $LASTEXITCODE; Text = $output -join "`n"; Result = ($output | Where-Object { $_ -like 'RESULT *' } | Select-Object -Last 1) -replace '^RESULT ', '' | ConvertFrom-Json }
                }
                finally {
                    foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
                    Remove-Item $path -ErrorAction SilentlyContinue
                }
            }
            $script:pester6 = Invoke-QaChild './pester/6.2.0/tools/Pester.psd1'
            $script:pester5 = Invoke-QaChild './pester/5.7.1/tools/Pester.psd1' @{ NO_COLOR = '1' }
        }

        It 'passes the whole checklist under Pester 6.2.0, found from a relative -PesterModule' {
            $pester6.Exit | Should -Be 0 -Because $pester6.Text
            $pester6.Result.Pester | Should -Be '6.2.0'
            $pester6.Result.Passed | Should -Be 18
            $pester6.Result.Failed | Should -Be 0
        }

        It 'passes the whole checklist under Pester 5.7.1, found from a relative -PesterModule' {
            $pester5.Exit | Should -Be 0 -Because $pester5.Text
            $pester5.Result.Pester | Should -Be '5.7.1'
            $pester5.Result.Passed | Should -Be 18
        }

        It 'writes plain text, without colour codes, when its output is a log (<Name>)' -ForEach @(
            @{ Name = 'redirected, Pester 6'; Run = 'pester6' }
            @{ Name = 'NO_COLOR, Pester 5'; Run = 'pester5' }
        ) {
            $text = (Get-Variable -Scope Script -Name $Run -ValueOnly).Text
            $text | Should -Match 'QA passed: 18 passed'
            $text | Should -Not -Match ([char] 27)
        }

        It "keeps the module's own integration quiet: no 'Connected to …' or sync summary lines among the steps" {
            $pester6.Text | Should -Match 'QA passed: 18 passed'
            $pester6.Text | Should -Not -Match 'Connected to '
            $pester6.Text | Should -Not -Match 'Sync-GradientUsage for '
        }
    }
}
