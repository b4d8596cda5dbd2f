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

$result = Invoke-Pester -Configuration $config
$summary = [ordered]@{
    Passed  = $result.PassedCount
    Failed  = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
    Skipped = $result.SkippedCount + $result.NotRunCount
}
$summary | ConvertTo-Json | Set-Content -Path $SummaryPath -Encoding utf8
if ($summary.Failed -gt 0) { exit 1 }
exit 0
