<#
.SYNOPSIS
    Runs the Pester suite in this (fresh) process against the staged module and writes a
    one-object JSON summary for build.ps1. Started by 'build.ps1 Test'; not meant to be dot-sourced.
#>
param(
    [Parameter(Mandatory)] [string] $PesterModule,
    [Parameter(Mandatory)] [string] $ModuleRoot,
    [Parameter(Mandatory)] [string] $TestPath,
    [Parameter(Mandatory)] [string] $ResultPath,
    [Parameter(Mandatory)] [string] $SummaryPath,
    [string] $Filter
)

$ErrorActionPreference = 'Stop'
# The staged output comes first so 'Import-Module GradientMsp' finds the build under test.
$env:PSModulePath = $ModuleRoot + [IO.Path]::PathSeparator + $env:PSModulePath
$env:GRADIENTMSP_PESTER_MODULE = $PesterModule
Import-Module $PesterModule -Force

$config = New-PesterConfiguration
$config.Run.Path = $TestPath
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Normal'
$config.TestResult.Enabled = $true
$config.TestResult.OutputFormat = 'NUnitXml'
$config.TestResult.OutputPath = $ResultPath
if ($Filter) {
    $config.Run.Path = @(Get-ChildItem -Path $TestPath -Filter "*$Filter*.Tests.ps1" -Recurse | ForEach-Object FullName)
}

# Anything a test file leaks to the output stream arrives here beside the run object; a plain
# assignment would then make every count below $null and a failed run would look like 0 failures.
$output = @(Invoke-Pester -Configuration $config)
$result = $output | Where-Object { $_ -is [Pester.Run] } | Select-Object -Last 1
if ($null -eq $result) {
    [ordered]@{ Passed = 0; Failed = 1; Skipped = 0 } | ConvertTo-Json | Set-Content -Path $SummaryPath -Encoding utf8
    Write-Host "Invoke-Pester returned no run object ($($output.Count) other objects): the run counts as failed." -ForegroundColor Red
    exit 1
}
if ($output.Count -gt 1) {
    Write-Warning "A test file wrote $($output.Count - 1) object(s) to the output stream outside any assertion: $(($output | Where-Object { $_ -isnot [Pester.Run] } | Select-Object -First 3 | Out-String).Trim())"
}
$summary = [ordered]@{
    Passed  = $result.PassedCount
    Failed  = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
    Skipped = $result.SkippedCount + $result.NotRunCount
}
$summary | ConvertTo-Json | Set-Content -Path $SummaryPath -Encoding utf8
if ($summary.Failed -gt 0) { exit 1 }
exit 0
