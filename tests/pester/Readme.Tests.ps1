# The README's quick start is a promise to a newcomer: its first PowerShell block, run line by line
# in a fresh pwsh from the repository root, must push rows, show a billing card and make a ticket.
. $PSScriptRoot/common.ps1

Describe 'README quick start' {
    BeforeAll {
        . $PSScriptRoot/common.ps1
        $script:repoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
        $readme = Get-Content -Raw (Join-Path $repoRoot 'README.md')
        $section = $readme.Substring($readme.IndexOf('## Quick start'))
        $match = [regex]::Match($section, '```powershell\r?\n(?<code>.*?)```', 'Singleline')
        $script:block = $match.Groups['code'].Value
        # The test runs against the module already staged for this test run, so the build line (which
        # the suite itself has just done) and the PSModulePath line are left out; everything else runs
        # exactly as written.
        $lines = @($block -split "`r?`n" | Where-Object { $_ -notmatch '^dotnet pwsh ./build.ps1 Build' -and $_ -notmatch '^\$env:PSModulePath' })
        $script:probe = Join-Path ([IO.Path]::GetTempPath()) "gradient-readme-$([guid]::NewGuid().ToString('n')).ps1"
        $body = @(
            '$ErrorActionPreference = ''Stop'''
            "Set-Location '$repoRoot'"
            # Each line's output is captured as objects so the test can read them back.
            '$script:out = [System.Collections.Generic.List[object]]::new()'
        ) + ($lines | Where-Object { $_.Trim() -and -not $_.TrimStart().StartsWith('#') } | ForEach-Object { "& {`n$_`n} | ForEach-Object { `$script:out.Add(`$_) }" }) + @(
            '$script:out | ForEach-Object { [pscustomobject]@{ Type = $_.GetType().Name; Json = ($_ | Select-Object * -ExcludeProperty Connection, Source | ConvertTo-Json -Depth 3 -Compress -EnumsAsStrings) } } | ConvertTo-Json -Depth 4 -Compress'
        )
        Set-Content -Path $probe -Value ($body -join [Environment]::NewLine) -Encoding utf8
        $raw = Invoke-FreshPwsh @('-NoProfile', '-NonInteractive', '-File', $probe) 2>&1
        $script:exitCode = $LASTEXITCODE
        $script:rawText = ($raw | Out-String)
        $json = @($raw | Where-Object { $_ -is [string] -and $_.StartsWith('[') }) | Select-Object -Last 1
        $script:objects = if ($json) { @($json | ConvertFrom-Json | ForEach-Object { [pscustomobject]@{ Type = $_.Type; Value = ($_.Json | ConvertFrom-Json) } }) } else { @() }
    }

    AfterAll {
        if ($probe -and (Test-Path $probe)) { Remove-Item $probe }
    }

    It 'has a block that starts the emulator and syncs the shipped example files' {
        $block | Should -Match 'Start-GradientEmulator'
        $block | Should -Match 'examples/usage.csv'
        Join-Path $repoRoot 'examples/customers.csv' | Should -Exist
        Join-Path $repoRoot 'examples/usage.csv' | Should -Exist
    }

    It 'runs to the end without an error' {
        $exitCode | Should -Be 0 -Because $rawText
        $objects.Count | Should -BeGreaterThan 0 -Because $rawText
    }

    It 'pushes every row of examples/usage.csv' {
        $rows = @(Import-Csv (Join-Path $repoRoot 'examples/usage.csv'))
        $results = @($objects | Where-Object Type -EQ 'UsageResult')
        $results.Count | Should -Be $rows.Count
        @($results | Where-Object { $_.Value.Outcome -ne 'Pushed' }).Count | Should -Be 0 -Because ($results.Value | ConvertTo-Json -Compress)
    }

    It 'shows a billing card with the imported quantity' {
        $cards = @($objects | Where-Object Type -EQ 'EmulatorBillingCard')
        $cards.Count | Should -BeGreaterThan 0
        @($cards | Where-Object { $null -ne $_.Value.ImportedQuantity }).Count | Should -BeGreaterThan 0
    }

    It 'makes a PSA ticket from the alert' {
        $tickets = @($objects | Where-Object Type -EQ 'GradientAlertTicket')
        $tickets.Count | Should -Be 1
        $tickets[0].Value.TicketId | Should -Not -BeNullOrEmpty
    }
}
