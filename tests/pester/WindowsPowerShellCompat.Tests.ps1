# Windows PowerShell 5.1 cannot be run here, so the scripts the module ships are checked for
# PowerShell 7-only syntax, parameters, commands and variables (build/WindowsPowerShellCompat.psm1).
# The negative cases prove each rule of the checker fires; the last block runs it on the real files.
BeforeDiscovery {
    $script:negativeCases = @(
        @{ Rule = 'PipelineChain'; Script = 'Get-Item . && Write-Output ok' }
        @{ Rule = 'PipelineChain'; Script = 'Get-Item . || Write-Output failed' }
        @{ Rule = 'NullCoalescing'; Script = '$a = $null ?? 1' }
        @{ Rule = 'NullCoalescing'; Script = '$a ??= 1' }
        @{ Rule = 'NullConditional'; Script = '${a}?.Length' }
        @{ Rule = 'NullConditional'; Script = '${a}?[0]' }
        @{ Rule = 'Ternary'; Script = '$x = $true ? 1 : 2' }
        @{ Rule = 'CleanBlock'; Script = 'function f { process { 1 } clean { 2 } }' }
        @{ Rule = 'Variable'; Script = 'if ($IsWindows) { 1 }' }
        @{ Rule = 'Variable'; Script = '$PSStyle.OutputRendering = "PlainText"' }
        @{ Rule = 'Command'; Script = '1, 2 | Join-String -Separator ","' }
        @{ Rule = 'Command'; Script = 'Get-Error' }
        @{ Rule = 'Parameter'; Script = '"{}" | ConvertFrom-Json -AsHashtable' }
        @{ Rule = 'Parameter'; Script = '"{}" | ConvertFrom-Json -Depth 5' }
        @{ Rule = 'Parameter'; Script = '1..3 | ForEach-Object -Parallel { $_ }' }
        @{ Rule = 'Parameter'; Script = '1..3 | % -Parallel { $_ }' }
        @{ Rule = 'Parameter'; Script = 'Join-Path a b c -AdditionalChildPath d' }
        @{ Rule = 'Parameter'; Script = 'Invoke-RestMethod -Uri https://x.example -SkipCertificateCheck' }
        @{ Rule = 'Parameter'; Script = 'irm https://x.example -StatusCodeVariable code' }
        @{ Rule = 'Parameter'; Script = 'Invoke-WebRequest https://x.example -SkipHttpErrorCheck' }
        @{ Rule = 'Parameter'; Script = 'Get-Content a.bin -AsByteStream' }
        @{ Rule = 'Parameter'; Script = 'Split-Path a.txt -LeafBase' }
        @{ Rule = 'Parameter'; Script = '3, 1 | Sort-Object -Top 1' }
        @{ Rule = 'Parameter'; Script = 'Get-Date -AsUTC' }
        @{ Rule = 'Parameter'; Script = 'Start-Process pwsh -Environment @{ A = 1 }' }
        @{ Rule = 'Parameter'; Script = 'ConvertTo-Json @{} -EnumsAsStrings' }
        @{ Rule = 'Parameter'; Script = 'Export-Csv -Path a.csv -UseQuotes Never' }
        @{ Rule = 'Encoding'; Script = 'Set-Content a.txt x -Encoding utf8NoBOM' }
        @{ Rule = 'Encoding'; Script = 'Out-File a.txt -Encoding:utf8BOM' }
    )
    $script:positiveCases = @(
        @{ Name = 'logical operators and if/else'; Script = 'if ((Test-Path .) -and -not $false) { $x = if ($true) { 1 } else { 2 } }' }
        @{ Name = '5.1 parameters of the same cmdlets'; Script = '"{}" | ConvertFrom-Json; Join-Path a b; Get-Content a.txt -Raw -Encoding UTF8; Sort-Object -Descending; Invoke-RestMethod -Uri https://x.example -Method Post -Body "{}" -ContentType application/json' }
        @{ Name = 'names in strings and comments'; Script = '# $IsWindows ?? x && y' + "`n" + 'Write-Output "a && b ?? c ?. d -Parallel"' }
        @{ Name = 'a variable merely named like a PS7 one'; Script = '$IsWindowsTarget = $PSVersionTable.PSEdition -eq "Desktop"' }
    )

    # What the module ships in PowerShell, and the repo's tools and sample integrations.
    $repo = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $staged = (Get-Module -ListAvailable GradientMsp | Sort-Object Version -Descending | Select-Object -First 1).ModuleBase
    $script:shippedFiles = @(
        Get-ChildItem $staged -Recurse -Include '*.ps1', '*.psm1' -File | Where-Object FullName -notlike '*emulator*'
        Get-ChildItem (Join-Path $repo 'tools'), (Join-Path $repo 'tests/qa-samples') -Recurse -Include '*.ps1', '*.psm1' -File
    ) | ForEach-Object { @{ Path = $_.FullName; Name = $_.FullName.Replace($repo, '').Replace($staged, '<module>') } }
}

Describe 'Windows PowerShell 5.1 compatibility checker' {
    BeforeAll {
        . $PSScriptRoot/common.ps1
        Import-Module (Join-Path $PSScriptRoot '../../build/WindowsPowerShellCompat.psm1') -Force
    }

    It 'flags <Rule>: <Script>' -ForEach $negativeCases {
        $findings = @(Find-WindowsPowerShellIncompatibility -ScriptText $Script)
        $findings.Rule | Should -Contain $Rule
    }

    It 'accepts <Name>' -ForEach $positiveCases {
        @(Find-WindowsPowerShellIncompatibility -ScriptText $Script) | Should -BeNullOrEmpty
    }

    It 'finds shipped scripts to check' {
        $shippedFiles.Count | Should -BeGreaterThan 3
        ($shippedFiles.Name -join ' ') | Should -Match 'Driver'
    }

    It 'finds nothing 7-only in <Name>' -ForEach $shippedFiles {
        $findings = @(Find-WindowsPowerShellIncompatibility -Path $Path)
        $findings | Should -BeNullOrEmpty -Because (($findings | ForEach-Object { "line $($_.Line) [$($_.Rule)] $($_.Message): $($_.Text)" }) -join '; ')
    }
}
