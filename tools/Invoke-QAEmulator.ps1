<#
.SYNOPSIS
    Runs Gradient's QA checklist against a fresh local emulator and exits 1 if any step fails.
    Called by 'build.ps1 QA' in a fresh pwsh whose PSModulePath starts with output/.

.PARAMETER PesterModule
    Path to Pester 5's psd1 (build.ps1 passes the one in .tools/packages).

.PARAMETER IntegrationScript
    A script that returns the integration to test (a hashtable with Authenticate, Sync, Disconnect
    and optionally Setup), e.g. tests/qa-samples/Correct.ps1. Without it the module's own cmdlets
    are the integration.

.PARAMETER OutputPath
    Where to write the test results (default output/TestResults/qa-emulator.xml).

.PARAMETER OutputFormat
    NUnitXml (default) or JUnitXml.

.PARAMETER Quiet
    Only the summary line, not the live checklist.
#>
[CmdletBinding()]
param(
    [string] $PesterModule,
    [string] $IntegrationScript,
    [string] $OutputPath = (Join-Path $PSScriptRoot '../output/TestResults/qa-emulator.xml'),
    [ValidateSet('NUnitXml', 'JUnitXml')]
    [string] $OutputFormat = 'NUnitXml',
    [switch] $Quiet
)

$ErrorActionPreference = 'Stop'
try {
    Import-Module GradientMsp -ErrorAction Stop
    $parameters = @{ OutputFormat = $OutputFormat; OutputPath = $OutputPath; Quiet = $Quiet }
    if ($PesterModule) { $parameters.PesterModule = $PesterModule }
    if ($IntegrationScript) { $parameters.Integration = & $IntegrationScript }
    $null = New-Item -ItemType Directory -Force -Path (Split-Path -Parent $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($OutputPath))
    $result = Invoke-GradientQA @parameters
}
catch {
    Write-Host "QA could not run: $($_.Exception.Message)" -ForegroundColor Red
    exit 2
}

if ($Quiet) {
    Write-Host ("QA: {0} passed, {1} failed, {2} skipped in {3:0.0} s" -f $result.Passed, $result.Failed, $result.Skipped, $result.Duration.TotalSeconds)
}
foreach ($step in $result.Steps | Where-Object Result -EQ 'Failed') {
    Write-Host "FAILED: $($step.Step)" -ForegroundColor Red
    foreach ($line in $step.Message -split '\r?\n') { Write-Host "  $line" }
}
Write-Host "Results: $($result.OutputPath)"
exit $(if ($result.Failed -gt 0) { 1 } else { 0 })
