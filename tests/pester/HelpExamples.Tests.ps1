# Every help example runs as written against an emulator, not only parses (New-MamlHelp.ps1 parses them).
# HelpExampleRunner.ps1 runs them all in one fresh -NonInteractive pwsh, a fresh emulator per example;
# an example marked NotRunnable in its help source is skipped with that reason.
BeforeDiscovery {
    $helpPath = Join-Path $PSScriptRoot '../../module/help'
    $cases = foreach ($file in Get-ChildItem -Path $helpPath -Filter '*.psd1' | Sort-Object Name) {
        $number = 0
        foreach ($example in @((Import-PowerShellDataFile -LiteralPath $file.FullName)['Examples'] | Where-Object { $_ })) {
            $number++
            @{ Command = $file.BaseName; Number = $number; Title = [string] $example['Title'] }
        }
    }
}

Describe 'Help examples' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'common.ps1')
        $resultPath = Join-Path ([IO.Path]::GetTempPath()) ('gradient-help-examples-' + [guid]::NewGuid().ToString('n') + '.json')
        $runner = Join-Path $PSScriptRoot 'HelpExampleRunner.ps1'
        Invoke-FreshPwsh @('-NoProfile', '-NonInteractive', '-File', $runner,
            '-HelpPath', (Join-Path $PSScriptRoot '../../module/help'),
            '-ExamplesPath', (Join-Path $PSScriptRoot '../../examples'),
            '-ResultPath', $resultPath) | Out-Null
        $script:results = @{}
        if (Test-Path -LiteralPath $resultPath) {
            foreach ($r in @(Get-Content -LiteralPath $resultPath -Raw | ConvertFrom-Json)) { $script:results["$($r.Command)#$($r.Number)"] = $r }
            Remove-Item -LiteralPath $resultPath
        }
    }

    It '<Command> example <Number> (<Title>) runs as written' -ForEach $cases {
        $result = $script:results["$Command#$Number"]
        $result | Should -Not -BeNullOrEmpty -Because 'the runner reports every example'
        if ($result.Outcome -eq 'Skipped') {
            Set-ItResult -Skipped -Because $result.Reason
            return
        }
        $result.Outcome | Should -Be 'Passed' -Because $result.Reason
    }

    It 'keeps an example''s Setup and NotRunnable out of the help a user reads' {
        $examples = @((Get-Help Sync-GradientUsage -Full).examples.example)
        ($examples | Out-String) | Should -Not -Match 'Initialize-ExampleData|Needs a second partner'
    }
}
