#Requires -Version 7.2
<#
.SYNOPSIS
    Builds, tests, packages and runs GradientMsp.

.DESCRIPTION
    Tasks (run in the order given):
      Clean    remove output/ and the test results
      Build    publish the assemblies and stage the module into output/GradientMsp/<version>/
      Test     Build and Package, compile the client and cmdlets against .NET Framework 4.7.2, then run
               every xunit project and the Pester suite (in a fresh pwsh -NoProfile against the staged
               module; the package test installs the nupkg); ends with one line
               'Tests: N passed, N failed, N skipped'
      QA       Build, then run Gradient's QA checklist against the embedded emulator (the main job)
      Demo     Build, then a short scripted tour against the embedded emulator
      Bench    Build, then the usage-sync benchmark (not part of Test)
      Package  Build, then Publish-PSResource the staged module to the local file-system repository
               output/package/ (GradientMsp.<version>.nupkg); the user's repository list is left as it was

    Needs only the .NET SDK: run through the local tool, 'dotnet tool restore; dotnet pwsh ./build.ps1 Test'.

.EXAMPLE
    dotnet tool restore; dotnet pwsh ./build.ps1 Test
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Clean', 'Build', 'Test', 'QA', 'Demo', 'Bench', 'Package')]
    [string[]] $Task = @('Build'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Pester only: run just the test files whose name matches (e.g. 'Sync-GradientUsage').
    [string] $PesterFilter,

    # Package only: the project's address for the gallery page (the manifest leaves ProjectUri empty
    # for the publisher to set; without it the package has no project URL).
    [string] $ProjectUri
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$RepoRoot = $PSScriptRoot
$Manifest = Import-PowerShellDataFile (Join-Path $RepoRoot 'GradientMsp.psd1')
$Version = $Manifest.ModuleVersion
$OutputRoot = Join-Path $RepoRoot 'output'
$StagedModule = Join-Path $OutputRoot "GradientMsp/$Version"
$PublishRoot = Join-Path $RepoRoot "obj/publish"
$ToolPackages = Join-Path $RepoRoot '.tools/packages'
$TestResults = Join-Path $OutputRoot 'TestResults'
$PackageRoot = Join-Path $OutputRoot 'package'

function Invoke-Native {
    # Runs a native command and stops the build if it fails: $LASTEXITCODE is never ignored.
    param([string] $FilePath, [string[]] $ArgumentList)
    Write-Host "> $FilePath $($ArgumentList -join ' ')" -ForegroundColor DarkGray
    & $FilePath @ArgumentList
    if ($LASTEXITCODE -ne 0) {
        throw "'$FilePath $($ArgumentList -join ' ')' failed with exit code $LASTEXITCODE."
    }
}

. (Join-Path $PSScriptRoot 'tools/FreshPwsh.ps1')

function Invoke-Clean {
    foreach ($path in @($OutputRoot, $PublishRoot)) {
        if (Test-Path $path) { Remove-Item $path -Recurse -Force }
    }
}

function Set-ReleaseNotes {
    # The staged manifest's ReleaseNotes is this version's section of CHANGELOG.md, so the notes
    # have one home and the gallery shows the same text the repository does.
    param([string] $ManifestPath, [string] $ChangelogPath)
    $lines = Get-Content $ChangelogPath
    $start = [array]::IndexOf($lines, "## $Version")
    if ($start -lt 0) { throw "CHANGELOG.md has no '## $Version' section: add the release notes for $Version." }
    $section = @($lines[($start + 1)..($lines.Count - 1)] | ForEach-Object { $_ })
    $end = [array]::FindIndex([string[]] $section, [Predicate[string]] { param($l) $l.StartsWith('## ') })
    if ($end -ge 0) { $section = if ($end -eq 0) { @() } else { $section[0..($end - 1)] } }
    $notes = ($section -join "`n").Trim()
    if (-not $notes) { throw "CHANGELOG.md's '## $Version' section is empty." }
    $text = Get-Content -Raw $ManifestPath
    $placeholder = "ReleaseNotes = 'See CHANGELOG.md.'"
    if (-not $text.Contains($placeholder)) { throw "GradientMsp.psd1 lost its ReleaseNotes placeholder ($placeholder)." }
    $text = $text.Replace($placeholder, "ReleaseNotes = '" + $notes.Replace("'", "''") + "'")
    Set-Content -Path $ManifestPath -Value $text -Encoding utf8 -NoNewline
}

function Invoke-Build {
    $versionArgs = @("-p:Version=$Version", "-p:InformationalVersion=$Version")
    # dotnet publish -o adds to what is there: a file an earlier build published (an apphost, a
    # web.config) must not reach the module.
    if (Test-Path $PublishRoot) { Remove-Item $PublishRoot -Recurse -Force }
    Invoke-Native dotnet (@('publish', "$RepoRoot/src/GradientMsp.Cmdlets", '-c', $Configuration, '-o', "$PublishRoot/lib", '--nologo', '-v', 'q') + $versionArgs)
    Invoke-Native dotnet (@('publish', "$RepoRoot/src/GradientMsp.Loader", '-c', $Configuration, '-o', "$PublishRoot/loader", '--nologo', '-v', 'q') + $versionArgs)
    Invoke-Native dotnet (@('publish', "$RepoRoot/src/GradientMsp.Emulator", '-c', $Configuration, '-o', "$PublishRoot/emulator", '--nologo', '-v', 'q') + $versionArgs)

    if (Test-Path $StagedModule) { Remove-Item $StagedModule -Recurse -Force }
    $null = New-Item -ItemType Directory -Path "$StagedModule/lib" -Force

    Copy-Item "$RepoRoot/GradientMsp.psd1", "$RepoRoot/LICENSE", "$RepoRoot/CHANGELOG.md" $StagedModule
    Set-ReleaseNotes -ManifestPath "$StagedModule/GradientMsp.psd1" -ChangelogPath "$RepoRoot/CHANGELOG.md"
    # module/help holds the sources of the MAML help (built below), not files to ship.
    Get-ChildItem "$RepoRoot/module" | Where-Object Name -ne 'help' | Copy-Item -Destination $StagedModule -Recurse
    # lib/ holds the cmdlets, the loader and every dependency; PowerShell's own assemblies are never shipped.
    Copy-Item "$PublishRoot/loader/GradientMsp.Loader.dll" "$StagedModule/lib"
    Get-ChildItem "$PublishRoot/lib" -File |
        Where-Object { $_.Extension -in '.dll', '.xml' -and $_.Name -notlike 'System.Management.Automation*' } |
        Copy-Item -Destination "$StagedModule/lib"
    # The emulator as 'dotnet GradientMsp.Emulator.dll' runs it (its csproj publishes no apphost and
    # no web.config); no symbols ship, here or in lib/.
    Copy-Item "$PublishRoot/emulator" "$StagedModule/emulator" -Recurse
    Get-ChildItem "$StagedModule/emulator" -Filter '*.pdb' -Recurse | Remove-Item

    $null = Test-ModuleManifest -Path "$StagedModule/GradientMsp.psd1" -ErrorAction Stop

    # MAML help for the binary cmdlets, in a child pwsh because a binary module cannot be unloaded.
    $savedModulePath = $env:PSModulePath
    $env:PSModulePath = $OutputRoot + [IO.Path]::PathSeparator + $env:PSModulePath
    try {
        Invoke-FreshPwsh @('-NoProfile', '-NonInteractive', '-File', "$RepoRoot/build/New-MamlHelp.ps1", '-ModulePath', $StagedModule)
        if ($LASTEXITCODE -ne 0) { throw "New-MamlHelp failed with exit code $LASTEXITCODE." }
    }
    finally { $env:PSModulePath = $savedModulePath }
    Write-Host "Staged GradientMsp $Version at $StagedModule" -ForegroundColor Green
}

function Initialize-TestTools {
    # Pester (and the isolation-test fixtures) come from NuGet into .tools/packages.
    $pester = Join-Path $ToolPackages 'pester/5.7.1/tools/Pester.psd1'
    $monoRunner = Join-Path $ToolPackages 'xunit.runner.console/2.4.1/tools/net472/xunit.console.exe'
    $liteDbFixture = Join-Path $ToolPackages 'litedb/5.0.20/lib/netstandard2.0/LiteDB.dll'
    if (-not (Test-Path $pester) -or -not (Test-Path $monoRunner) -or -not (Test-Path $liteDbFixture)) {
        Invoke-Native dotnet @('restore', "$RepoRoot/build/tools.proj", '--packages', $ToolPackages, '--nologo', '-v', 'q')
    }
    $pester
}

function Read-TrxCounts {
    param([string] $Path)
    [xml] $trx = Get-Content -Raw $Path
    $counters = $trx.TestRun.ResultSummary.Counters
    [pscustomobject]@{
        Passed  = [int] $counters.passed
        Failed  = [int] $counters.failed + [int] $counters.error + [int] $counters.timeout + [int] $counters.aborted
        Skipped = [int] $counters.notExecuted
    }
}

function Invoke-NetFrameworkBuild {
    # The client and the cmdlets compiled against .NET Framework 4.7.2 reference assemblies: an API
    # Windows PowerShell 5.1's runtime lacks fails here (docs/windows-powershell.md).
    Write-Host 'Compile check: client and cmdlets against .NET Framework 4.7.2' -ForegroundColor Cyan
    Invoke-Native dotnet @('build', "$RepoRoot/build/net472/Cmdlets/GradientMsp.Cmdlets.Net472.csproj", '-c', $Configuration, '--nologo', '-v', 'q')
}

function Invoke-MonoClientTests {
    # The client's xunit tests compiled for net472 and run on Mono, the nearest stand-in for Windows
    # PowerShell 5.1's .NET Framework this machine has. Without Mono they are skipped, and say so.
    param($Totals, $Problems)
    $mono = Get-Command mono -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if (-not $mono) {
        Write-Host 'Skipped: client tests on Mono (.NET Framework stand-in): mono is not installed (apt-get install mono-complete)' -ForegroundColor Yellow
        $Totals.Skipped += 1
        return
    }
    Write-Host 'xunit on Mono: GradientMsp.Client.Tests (net472)' -ForegroundColor Cyan
    $xml = Join-Path $TestResults 'GradientMsp.Client.Tests.mono.xml'
    try {
        Invoke-Native dotnet @('build', "$RepoRoot/build/net472/ClientTests/GradientMsp.Client.Tests.Net472.csproj", '-c', $Configuration, '--nologo', '-v', 'q')
        $runner = Join-Path $ToolPackages 'xunit.runner.console/2.4.1/tools/net472/xunit.console.exe'
        & $mono.Source $runner "$RepoRoot/build/net472/ClientTests/bin/$Configuration/net472/GradientMsp.Client.Tests.dll" -nologo -xml $xml
        $exit = $LASTEXITCODE
    }
    catch { $Problems.Add("client tests on Mono did not run: $($_.Exception.Message)"); return }
    if (-not (Test-Path $xml)) { $Problems.Add("client tests on Mono produced no results (exit $exit)"); return }
    [xml] $report = Get-Content -Raw $xml
    foreach ($assembly in $report.assemblies.assembly) {
        # GetAttribute: <assembly> also has an <errors> child, which dot-notation would mix in.
        $passed = [int] $assembly.GetAttribute('passed')
        $failed = [int] $assembly.GetAttribute('failed') + [int] $assembly.GetAttribute('errors')
        $skipped = [int] $assembly.GetAttribute('skipped')
        $Totals.Passed += $passed
        $Totals.Failed += $failed
        $Totals.Skipped += $skipped
        Write-Host "  Mono: $passed passed, $failed failed, $skipped skipped"
    }
    if ($exit -ne 0 -and $Totals.Failed -eq 0) { $Problems.Add("client tests on Mono exited $exit") }
}

function Invoke-Test {
    $pesterModule = Initialize-TestTools
    if (Test-Path $TestResults) { Remove-Item $TestResults -Recurse -Force }
    $null = New-Item -ItemType Directory -Path $TestResults -Force

    $totals = [ordered]@{ Passed = 0; Failed = 0; Skipped = 0 }
    $problems = [System.Collections.Generic.List[string]]::new()

    try { Invoke-NetFrameworkBuild }
    catch { $problems.Add("the .NET Framework 4.7.2 compile check failed: $($_.Exception.Message)") }
    Invoke-MonoClientTests -Totals $totals -Problems $problems

    foreach ($project in Get-ChildItem "$RepoRoot/tests" -Filter '*.Tests.csproj' -Recurse) {
        $name = $project.BaseName
        $trx = Join-Path $TestResults "$name.trx"
        Write-Host "xunit: $name" -ForegroundColor Cyan
        & dotnet test $project.FullName -c $Configuration --nologo -v q --logger "trx;LogFileName=$trx" --logger 'console;verbosity=minimal'
        $exit = $LASTEXITCODE
        if (Test-Path $trx) {
            $counts = Read-TrxCounts $trx
            $totals.Passed += $counts.Passed
            $totals.Failed += $counts.Failed
            $totals.Skipped += $counts.Skipped
            if ($exit -ne 0 -and $counts.Failed -eq 0) { $problems.Add("$name exited $exit") }
        }
        else {
            $problems.Add("$name produced no results (exit $exit)")
        }
    }

    $pesterDir = Join-Path $RepoRoot 'tests/pester'
    if (Test-Path $pesterDir) {
        Write-Host 'Pester (fresh pwsh -NoProfile, staged module)' -ForegroundColor Cyan
        $pesterResult = Join-Path $TestResults 'pester.xml'
        $summaryFile = Join-Path $TestResults 'pester-summary.json'
        $runner = Join-Path $RepoRoot 'tests/Invoke-PesterSuite.ps1'
        $pesterArgs = @('-NoProfile', '-NonInteractive', '-File', $runner,
            '-PesterModule', $pesterModule, '-ModuleRoot', $OutputRoot, '-TestPath', $pesterDir,
            '-ResultPath', $pesterResult, '-SummaryPath', $summaryFile)
        if ($PesterFilter) { $pesterArgs += @('-Filter', $PesterFilter) }
        # The package test installs what Package built, from the local repository it is in.
        $env:GRADIENTMSP_PACKAGE_REPOSITORY = $PackageRoot
        try {
            Invoke-FreshPwsh $pesterArgs
            $exit = $LASTEXITCODE
        }
        finally { Remove-Item Env:GRADIENTMSP_PACKAGE_REPOSITORY -ErrorAction SilentlyContinue }
        if (Test-Path $summaryFile) {
            $summary = Get-Content -Raw $summaryFile | ConvertFrom-Json
            $totals.Passed += $summary.Passed
            $totals.Failed += $summary.Failed
            $totals.Skipped += $summary.Skipped
            if ($exit -ne 0 -and $summary.Failed -eq 0) { $problems.Add("Pester exited $exit") }
        }
        else {
            $problems.Add("Pester produced no summary (exit $exit)")
        }
    }

    foreach ($problem in $problems) { Write-Host "Problem: $problem" -ForegroundColor Red }
    # One plain closing line that CI and people both read.
    Write-Host "Tests: $($totals.Passed) passed, $($totals.Failed) failed, $($totals.Skipped) skipped"
    if ($totals.Failed -gt 0 -or $problems.Count -gt 0) {
        exit 1
    }
}

function Invoke-ModuleScript {
    # Runs a script in a fresh pwsh with the staged module first on PSModulePath.
    param([string] $Script, [string[]] $Arguments = @())
    $savedModulePath = $env:PSModulePath
    $env:PSModulePath = $OutputRoot + [IO.Path]::PathSeparator + $env:PSModulePath
    try {
        Invoke-FreshPwsh (@('-NoProfile', '-File', $Script) + $Arguments)
        $exit = $LASTEXITCODE
    }
    finally { $env:PSModulePath = $savedModulePath }
    if ($exit -ne 0) { exit $exit }
}

function Invoke-QA {
    $null = Initialize-TestTools
    Invoke-ModuleScript (Join-Path $RepoRoot 'tools/Invoke-QAEmulator.ps1') @('-PesterModule', (Initialize-TestTools))
}

function Invoke-Demo {
    Invoke-ModuleScript (Join-Path $RepoRoot 'tools/Demo.ps1')
}

function Invoke-Bench {
    Invoke-ModuleScript (Join-Path $RepoRoot 'bench/Invoke-Benchmark.ps1')
}

function Invoke-Package {
    # PSResourceGet packs the module as the Gallery will (Publish-PSResource validates the manifest
    # and writes the nuspec from it), into a local repository folder; in a fresh pwsh with a scratch
    # home, so the user's repository list is never changed (build/LocalPSResource.ps1).
    $scratch = Join-Path $RepoRoot 'obj/package'
    if (Test-Path $scratch) { Remove-Item $scratch -Recurse -Force }
    $arguments = @('-NoProfile', '-NonInteractive', '-File', "$RepoRoot/build/LocalPSResource.ps1", '-Action', 'Publish',
        '-Repository', $PackageRoot, '-Scratch', $scratch, '-ModulePath', $StagedModule)
    if ($ProjectUri) { $arguments += @('-ProjectUri', $ProjectUri) }
    Invoke-FreshPwsh $arguments
    if ($LASTEXITCODE -ne 0) { throw "Publish-PSResource of $StagedModule failed (exit $LASTEXITCODE)." }
    Remove-Item $scratch -Recurse -Force
    $nupkg = Get-Item (Join-Path $PackageRoot "GradientMsp.$Version.nupkg")
    Write-Host ("Packed {0} ({1:N0} KB), in the local repository {2}" -f $nupkg.FullName, ($nupkg.Length / 1KB), $PackageRoot) -ForegroundColor Green
}

# Every task but Clean needs the staged module; it is built once per invocation, so
# './build.ps1 Test, QA' does not publish and stage twice (a Clean in between builds again).
$script:Staged = $false
$script:Packed = $false
function Confirm-Build {
    if (-not $script:Staged) { Invoke-Build; $script:Staged = $true; $script:Packed = $false }
}
function Confirm-Package {
    Confirm-Build
    if (-not $script:Packed) { Invoke-Package; $script:Packed = $true }
}

foreach ($name in $Task) {
    switch ($name) {
        'Clean' { Invoke-Clean; $script:Staged = $false; $script:Packed = $false }
        'Build' { Confirm-Build }
        'Test' { Confirm-Package; Invoke-Test }
        'QA' { Confirm-Build; Invoke-QA }
        'Demo' { Confirm-Build; Invoke-Demo }
        'Bench' { Confirm-Build; Invoke-Bench }
        'Package' { Confirm-Package }
    }
}
