# The body of Invoke-GradientQA (InvokeGradientQACommand.cs), run by the cmdlet in a scope of its
# own with every value it bound: the cmdlet checks the parameters, this script runs the checklist
# through Pester and returns the run's outcome (a GradientMsp.QAResult) as its only output.
[CmdletBinding()]
param(
    # The parameter set the command was called with: Emulator or Live.
    [Parameter(Mandatory)] [ValidateSet('Emulator', 'Live')] [string] $Target,
    [hashtable] $Integration,
    [object] $Emulator,
    [uri] $BaseUri,
    [object] $VendorApiKey,
    [object] $PartnerApiKey,
    [switch] $NonInteractive,
    [int] $TimeoutSec = 300,
    [string] $OutputFormat = 'NUnitXml',
    [string] $OutputPath,
    [string] $PesterModule,
    [switch] $Quiet
)

function Import-GradientQAPester {
    # Pester 5 must be importable: an explicit path, $env:GRADIENTMSP_PESTER_MODULE, or the newest
    # Pester 5 installed. A Pester 5 already loaded is used as it is (re-importing it would break a
    # Pester run that is calling us).
    param([string] $Path)
    $loaded = Get-Module Pester | Where-Object { $_.Version.Major -eq 5 } | Select-Object -First 1
    if ($loaded) { return }
    if (-not $Path) { $Path = $env:GRADIENTMSP_PESTER_MODULE }
    if (-not $Path) {
        $available = Get-Module Pester -ListAvailable | Where-Object { $_.Version.Major -eq 5 } | Sort-Object Version -Descending | Select-Object -First 1
        if ($available) { $Path = $available.Path }
    }
    if (-not $Path) {
        throw [System.IO.FileNotFoundException]::new('Invoke-GradientQA needs Pester 5 (5.7.1 tested): Install-PSResource Pester -Version 5.7.1, or pass -PesterModule <path to Pester.psd1>, or set $env:GRADIENTMSP_PESTER_MODULE.')
    }
    Import-Module $Path -Global -ErrorAction Stop
    $version = (Get-Module Pester).Version
    if ($version.Major -ne 5) { throw "Invoke-GradientQA needs Pester 5; $Path is Pester $version." }
}

function ConvertTo-GradientQAPlainText {
    param([object] $Value)
    if ($null -eq $Value) { return $null }
    if ($Value -is [securestring]) { return [System.Net.NetworkCredential]::new('', $Value).Password }
    [string] $Value
}

function New-GradientQAModuleIntegration {
    # The module's own cmdlets as the integration; defined with the QA steps in qa/GradientQA.Driver.ps1.
    . (Join-Path $PSScriptRoot '../qa/GradientQA.Driver.ps1')
    New-QaModuleIntegration
}



$ErrorActionPreference = 'Stop'
Import-GradientQAPester -Path $PesterModule


$started = $null
$qa = @{
    Title          = ''
    OrganizationId = 'default'
    Integration    = $Integration
    NonInteractive = $NonInteractive.IsPresent
    TimeoutSec     = $TimeoutSec
    PollSec        = 2
    Quiet          = $Quiet.IsPresent
    Results        = [ordered]@{}
    Data           = @{}
    Emulator       = $null
}
$clock = [System.Diagnostics.Stopwatch]::StartNew()
try {
    if ($Target -eq 'Live') {
        $qa.Target = 'Live'
        $qa.BaseUri = $BaseUri
        $qa.VendorKey = ConvertTo-GradientQAPlainText $VendorApiKey
        $qa.GivenPartnerKey = ConvertTo-GradientQAPlainText $PartnerApiKey
    }
    else {
        $qa.Target = 'Emulator'
        if (-not $Emulator) {
            $started = Start-GradientEmulator -RateLimit 0 -Confirm:$false
            $Emulator = $started
        }
        if (-not $Emulator.IsRunning) { throw "The emulator $($Emulator.BaseUri) is not running." }
        $qa.Emulator = $Emulator
        $qa.BaseUri = $Emulator.BaseUri
        $qa.VendorKey = $Emulator.VendorKey
        $qa.PollSec = 0
        if (-not $qa.Integration) { $qa.Integration = New-GradientQAModuleIntegration }
    }
    $integrationName = if ($qa.Integration) { if ($qa.Integration.Name) { [string] $qa.Integration.Name } else { 'your integration' } } else { 'the person at the keyboard' }
    $qa.Title = "$integrationName on $(if ($qa.Target -eq 'Live') { $qa.BaseUri } else { 'the emulator' })"

    $configuration = New-PesterConfiguration
    $files = @(Get-ChildItem -Path (Join-Path $PSScriptRoot '../qa') -Filter '*.Tests.ps1' | ForEach-Object FullName)
    $configuration.Run.Container = @(foreach ($file in $files) { New-PesterContainer -Path $file -Data @{ Qa = $qa } })
    $configuration.Run.PassThru = $true
    $configuration.Output.Verbosity = if ($Quiet) { 'None' } else { 'Detailed' }
    if ($OutputPath) {
        $configuration.TestResult.Enabled = $true
        $configuration.TestResult.OutputFormat = $OutputFormat
        $configuration.TestResult.OutputPath = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($OutputPath)
    }
    $pester = Invoke-Pester -Configuration $configuration
}
finally {
    if ($qa.Http) { $qa.Http.Dispose() }
    if ($started) { Stop-GradientEmulator -Emulator $started -Confirm:$false }
}

$steps = @(foreach ($test in $pester.Tests) {
        $record = $qa.Results[$test.Name]
        if ($record) {
            $record
        }
        else {
            [pscustomobject]@{
                PSTypeName = 'GradientMsp.QAStepResult'
                Step = $test.Name; Result = [string] $test.Result
                Message = if ($test.ErrorRecord) { $test.ErrorRecord[0].Exception.Message } else { $null }
                Expected = $null; Seen = $null; Fix = $null; Notes = @(); Duration = $test.Duration
            }
        }
    })
$failedBlocks = $pester.FailedBlocksCount + $pester.FailedContainersCount
$result = [pscustomobject]@{
    PSTypeName  = 'GradientMsp.QAResult'
    Target      = $qa.Target
    Integration = $integrationName
    BaseUri     = $qa.BaseUri
    Passed      = @($steps | Where-Object Result -EQ 'Passed').Count
    Failed      = @($steps | Where-Object Result -EQ 'Failed').Count + $failedBlocks
    Skipped     = @($steps | Where-Object { $_.Result -notin 'Passed', 'Failed' }).Count
    Steps       = $steps
    Duration    = $clock.Elapsed
    OutputPath  = if ($OutputPath) { $configuration.TestResult.OutputPath.Value } else { $null }
    Pester      = $pester
}
if (-not $Quiet) {
    $color = if ($result.Failed -gt 0) { 'Red' } else { 'Green' }
    Write-Host ("QA {0}: {1} passed, {2} failed, {3} skipped in {4:0.0} s" -f $(if ($result.Failed -gt 0) { 'FAILED' } else { 'passed' }), $result.Passed, $result.Failed, $result.Skipped, $result.Duration.TotalSeconds) -ForegroundColor $color
    if ($failedBlocks -gt 0) {
        foreach ($block in @($pester.Containers | Where-Object Result -EQ 'Failed')) {
            foreach ($errorRecord in @($block.ErrorRecord)) { Write-Host "  setup failed: $($errorRecord.Exception.Message)" -ForegroundColor Red }
        }
    }
}
# The cmdlet turns -EnableExit into an exit: 'exit' here would only end this script.
$result
