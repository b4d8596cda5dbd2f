# The body of Invoke-GradientQA (InvokeGradientQACommand.cs), run by the cmdlet in a scope of its
# own with the parameter set it was called with and the parameters it bound, as they were bound (the
# cmdlet declares and checks them; nothing here declares them again). It builds the run
# (New-QaRun), runs the checklist through Pester and returns the run's outcome (a
# GradientMsp.QAResult) as its only output.
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [ValidateSet('Emulator', 'Live')] [string] $Target,
    [Parameter(Mandatory)] [System.Collections.IDictionary] $Bound
)

function Test-GradientQAPesterVersion {
    # Pester 5.7 or later, or Pester 6: the two lines the suite is tested with (build.ps1 Test runs it
    # under 5.7.1 and 6.2.0). 5.7 is the first 5.x with everything the suite's configuration uses.
    param([version] $Version)
    ($Version.Major -eq 5 -and $Version.Minor -ge 7) -or $Version.Major -eq 6
}

function Import-GradientQAPester {
    # Pester must be importable: an explicit path (relative to the current location, as a user
    # typed it), $env:GRADIENTMSP_PESTER_MODULE, or the newest supported Pester installed. A
    # supported Pester already loaded is used as it is (re-importing it would break a Pester run
    # that is calling us).
    param([string] $Path)
    $loaded = Get-Module Pester | Where-Object { Test-GradientQAPesterVersion $_.Version } | Select-Object -First 1
    if ($loaded) { return }
    if (-not $Path) { $Path = $env:GRADIENTMSP_PESTER_MODULE }
    if ($Path) {
        $Path = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Path)
        if (-not (Test-Path -LiteralPath $Path)) {
            throw [System.IO.FileNotFoundException]::new("Pester was not found at '$Path': pass -PesterModule the path of Pester.psd1 (5.7+ or 6.x).")
        }
    }
    else {
        $available = Get-Module Pester -ListAvailable | Where-Object { Test-GradientQAPesterVersion $_.Version } | Sort-Object Version -Descending | Select-Object -First 1
        if ($available) { $Path = $available.Path }
    }
    if (-not $Path) {
        throw [System.IO.FileNotFoundException]::new('Invoke-GradientQA needs Pester 5.7+ or 6.x (5.7.1 and 6.2.0 tested): Install-PSResource Pester, or pass -PesterModule <path to Pester.psd1>, or set $env:GRADIENTMSP_PESTER_MODULE.')
    }
    Import-Module $Path -Global -ErrorAction Stop
    $version = (Get-Module Pester | Sort-Object Version -Descending | Select-Object -First 1).Version
    if (-not (Test-GradientQAPesterVersion $version)) { throw "Invoke-GradientQA needs Pester 5.7+ or 6.x; $Path is Pester $version." }
}

function Test-GradientQAPlainOutput {
    # No colour codes where nobody sees colours: a redirected log, NO_COLOR (no-color.org), or
    # PowerShell 7's $PSStyle.OutputRendering set to PlainText. (Read by name: 5.1 has no $PSStyle.)
    if ($env:NO_COLOR) { return $true }
    if ([Console]::IsOutputRedirected) { return $true }
    $style = Get-Variable -Name PSStyle -ValueOnly -ErrorAction SilentlyContinue
    $null -ne $style -and [string] $style.OutputRendering -eq 'PlainText'
}

function ConvertTo-GradientQAPlainText {
    param([object] $Value)
    if ($null -eq $Value) { return $null }
    if ($Value -is [securestring]) { return [System.Net.NetworkCredential]::new('', $Value).Password }
    [string] $Value
}

. (Join-Path $PSScriptRoot 'GradientQA.Run.ps1')
. (Join-Path $PSScriptRoot 'GradientQA.Results.ps1')
. (Join-Path $PSScriptRoot 'GradientQA.ModuleIntegration.ps1')

$ErrorActionPreference = 'Stop'
Import-GradientQAPester -Path $Bound['PesterModule']

$started = $null
$qa = $null
# The caller's connections (and so its default, the last one made): the run's own are closed at
# the end, which leaves the session as it was found.
$callerConnections = @(Get-GradientConnection)
$clock = [System.Diagnostics.Stopwatch]::StartNew()
try {
    $run = @{ Target = $Target; Integration = $Bound['Integration']; Quiet = [bool] $Bound['Quiet'] }
    if ($Target -eq 'Live') {
        $run.BaseUri = $Bound['BaseUri']
        $run.VendorKey = ConvertTo-GradientQAPlainText $Bound['VendorApiKey']
        $run.GivenPartnerKey = ConvertTo-GradientQAPlainText $Bound['PartnerApiKey']
        $run.NonInteractive = [bool] $Bound['NonInteractive']
        if ($Bound.ContainsKey('TimeoutSec')) { $run.TimeoutSec = $Bound['TimeoutSec'] }
    }
    else {
        $run.Emulator = $Bound['Emulator']
        if (-not $run.Emulator) {
            $started = Start-GradientEmulator -RateLimit 0 -Confirm:$false
            $run.Emulator = $started
        }
        if (-not $run.Emulator.IsRunning) { throw "The emulator $($run.Emulator.BaseUri) is not running." }
        if (-not $run.Integration) { $run.Integration = New-QaModuleIntegration }
    }
    $qa = New-QaRun @run

    $configuration = New-PesterConfiguration
    $files = @(Get-ChildItem -Path $PSScriptRoot -Filter '*.Tests.ps1' | ForEach-Object FullName)
    $configuration.Run.Container = @(foreach ($file in $files) { New-PesterContainer -Path $file -Data @{ Qa = $qa } })
    $configuration.Run.PassThru = $true
    $configuration.Output.Verbosity = if ($qa.Quiet) { 'None' } else { 'Detailed' }
    if (Test-GradientQAPlainOutput) { $configuration.Output.RenderMode = 'Plaintext' }
    $outputPath = $Bound['OutputPath']
    if ($outputPath) {
        $configuration.TestResult.Enabled = $true
        $configuration.TestResult.OutputFormat = if ($Bound['OutputFormat']) { $Bound['OutputFormat'] } else { 'NUnitXml' }
        $configuration.TestResult.OutputPath = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($outputPath)
    }
    $pester = Invoke-Pester -Configuration $configuration
    if ($outputPath) { Repair-QaResultFile -Path $configuration.TestResult.OutputPath.Value -Format $configuration.TestResult.OutputFormat.Value -Run $qa }
}
finally {
    if ($qa -and $qa.Http) { $qa.Http.Dispose() }
    foreach ($connection in @(Get-GradientConnection)) {
        if ($callerConnections -notcontains $connection) {
            # -KeepStatus: the run is over; its partner's status is not the caller's to change.
            Disconnect-GradientIntegration -Connection $connection -KeepStatus -Confirm:$false -ErrorAction SilentlyContinue
        }
    }
    if ($started) { Stop-GradientEmulator -Emulator $started -Confirm:$false }
}

$steps = @(foreach ($test in $pester.Tests) {
        # The Its are data-driven ('<Step>'), so the step's name is the expanded one.
        $name = if ($test.ExpandedName) { $test.ExpandedName } else { $test.Name }
        $record = $qa.Results[$name]
        if ($record) {
            $record
        }
        else {
            [pscustomobject]@{
                PSTypeName = 'GradientMsp.QAStepResult'
                Step = $name; Result = [string] $test.Result
                Message = if ($test.ErrorRecord) { $test.ErrorRecord[0].Exception.Message } else { $null }
                Expected = $null; Seen = $null; Fix = $null; Notes = @(); Duration = $test.Duration
            }
        }
    })
$failedBlocks = $pester.FailedBlocksCount + $pester.FailedContainersCount
$result = [pscustomobject]@{
    PSTypeName  = 'GradientMsp.QAResult'
    Target      = $qa.Target
    Integration = $qa.IntegrationName
    BaseUri     = $qa.BaseUri
    Passed      = @($steps | Where-Object Result -EQ 'Passed').Count
    Failed      = @($steps | Where-Object Result -EQ 'Failed').Count + $failedBlocks
    Skipped     = @($steps | Where-Object { $_.Result -notin 'Passed', 'Failed' }).Count
    Steps       = $steps
    Duration    = $clock.Elapsed
    OutputPath  = if ($outputPath) { $configuration.TestResult.OutputPath.Value } else { $null }
    Pester      = $pester
}
# -Quiet still prints the one line when -EnableExit is about to end the process on a failure, so a
# log shows why it ended.
if (-not $qa.Quiet -or ($Bound['EnableExit'] -and $result.Failed -gt 0)) {
    $color = if ($result.Failed -gt 0) { 'Red' } else { 'Green' }
    Write-Host ("QA {0}: {1} passed, {2} failed, {3} skipped in {4:0.0} s" -f $(if ($result.Failed -gt 0) { 'FAILED' } else { 'passed' }), $result.Passed, $result.Failed, $result.Skipped, $result.Duration.TotalSeconds) -ForegroundColor $color
    if ($failedBlocks -gt 0 -and -not $qa.Quiet) {
        foreach ($block in @($pester.Containers | Where-Object Result -EQ 'Failed')) {
            foreach ($errorRecord in @($block.ErrorRecord)) { Write-Host "  setup failed: $($errorRecord.Exception.Message)" -ForegroundColor Red }
        }
    }
}
# The cmdlet turns -EnableExit into an exit: 'exit' here would only end this script.
$result
