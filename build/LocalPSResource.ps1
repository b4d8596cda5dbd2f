<#
.SYNOPSIS
    Publishes the staged module to, or installs it from, a local file-system repository with
    PSResourceGet, leaving the user's own repository registrations as they were.

.DESCRIPTION
    Run in a fresh pwsh (build.ps1 Package; tests/pester/GradientMsp.Package.Tests.ps1): PSResourceGet
    reads where its settings live once per process.

    On Linux and macOS it runs with -Scratch as its home, so PSResourceGet's repository list and
    Install-PSResource -Scope CurrentUser's modules folder are this run's own. On Windows (Publish
    only) the repository is registered under a name of its own and unregistered again at the end.

    Publish: packs a copy of -ModulePath with Publish-PSResource (which validates the manifest and
    writes the nuspec from it: LicenseUri, ProjectUri, ReleaseNotes, Tags) into -Repository.
    Install: Install-PSResource -Name GradientMsp from -Repository into -Scratch (not on Windows), and
    writes the modules folder it installed into (the folder to put on PSModulePath).
#>
param(
    [Parameter(Mandatory)] [ValidateSet('Publish', 'Install')] [string] $Action,
    # The folder that is the repository: Publish writes the nupkg there, Install reads it from there.
    [Parameter(Mandatory)] [string] $Repository,
    # A folder of this run's own (created if missing): settings, the package's copy, installed modules.
    [Parameter(Mandatory)] [string] $Scratch,
    # Publish: the staged module folder (output/GradientMsp/<version>).
    [string] $ModulePath,
    # Publish: the project's address for the gallery page; the manifest leaves ProjectUri empty for
    # the publisher, and an empty projectUrl is refused by the packer, so without this it is left out.
    [string] $ProjectUri,
    [string] $Name = 'GradientMsp'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

# Absolute paths: XDG_DATA_HOME is ignored unless absolute, and a file: repository needs one.
$Repository = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Repository)
$Scratch = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Scratch)
if ($ModulePath) { $ModulePath = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($ModulePath) }
$null = New-Item -ItemType Directory -Path $Repository, $Scratch -Force
$homeDir = Join-Path $Scratch 'home'
$dataHome = Join-Path $homeDir '.local/share'
# The folder must exist: for a missing one .NET answers '' and PSResourceGet would then write its
# repository list into the current directory.
$null = New-Item -ItemType Directory -Path $dataHome, (Join-Path $homeDir '.config') -Force

if (-not $IsWindows -and $env:HOME -ne $homeDir) {
    # On Linux and macOS, PSResourceGet keeps its repository list under .NET's LocalApplicationData
    # ($XDG_DATA_HOME, else under $HOME) and installs -Scope CurrentUser into
    # $HOME/.local/share/powershell/Modules, both read when the process starts: run again in a pwsh
    # whose home is the scratch folder.
    . (Join-Path $PSScriptRoot '../tools/FreshPwsh.ps1')
    $saved = $env:HOME, $env:XDG_DATA_HOME
    $env:HOME = $homeDir
    $env:XDG_DATA_HOME = $dataHome
    try {
        Invoke-FreshPwsh (@('-NoProfile', '-NonInteractive', '-File', $PSCommandPath) + @($PSBoundParameters.GetEnumerator() | ForEach-Object { "-$($_.Key)"; [string] $_.Value }))
        $exit = $LASTEXITCODE
    }
    finally { $env:HOME, $env:XDG_DATA_HOME = $saved }
    exit $exit
}

# Anything that still finds no folder of its own (NuGet's settings) writes under the scratch folder.
[Environment]::CurrentDirectory = $Scratch
if ($Action -eq 'Install' -and -not [Environment]::GetFolderPath('LocalApplicationData').StartsWith($Scratch)) {
    throw "Install needs a scratch home (Linux, macOS); here PSResourceGet's settings are in $([Environment]::GetFolderPath('LocalApplicationData'))."
}

Import-Module Microsoft.PowerShell.PSResourceGet -ErrorAction Stop
$repositoryName = 'GradientMsp-local-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
Register-PSResourceRepository -Name $repositoryName -Uri $Repository -Trusted
try {
    if ($Action -eq 'Publish') {
        if (-not $ModulePath) { throw 'Publish needs -ModulePath.' }
        # A copy named after the module, so ProjectUri can be set (or an empty one left out) for the
        # package alone; the staged manifest keeps the field as it is.
        $copy = Join-Path $Scratch "pack/$Name"
        if (Test-Path $copy) { Remove-Item $copy -Recurse -Force }
        $null = New-Item -ItemType Directory -Path $copy -Force
        Copy-Item -Path (Join-Path $ModulePath '*') -Destination $copy -Recurse
        $manifestPath = Join-Path $copy "$Name.psd1"
        $text = Get-Content -Raw $manifestPath
        $emptyProjectUri = "(?m)^[ \t]*ProjectUri[ \t]*=[ \t]*''[ \t]*\r?\n"
        if ($text -match $emptyProjectUri) {
            if ($ProjectUri) {
                $text = $text -replace "(?m)^([ \t]*ProjectUri[ \t]*=[ \t]*)''", ('$1''' + $ProjectUri.Replace("'", "''") + "'")
            }
            else {
                Write-Warning "ProjectUri is empty in $Name.psd1, so the package has no project URL: pass -ProjectUri <the repository's address> to set it."
                $text = $text -replace $emptyProjectUri, ''
            }
            Set-Content -Path $manifestPath -Value $text -Encoding utf8 -NoNewline
        }

        $existing = Join-Path $Repository "$Name.$((Import-PowerShellDataFile $manifestPath).ModuleVersion).nupkg"
        if (Test-Path $existing) { Remove-Item $existing }
        Publish-PSResource -Path $copy -Repository $repositoryName -ErrorAction Stop
        if (-not (Test-Path $existing)) { throw "Publish-PSResource wrote no $existing." }
        Remove-Item (Join-Path $Scratch 'pack') -Recurse -Force
    }
    else {
        Install-PSResource -Name $Name -Repository $repositoryName -Scope CurrentUser -TrustRepository -Reinstall -ErrorAction Stop
        $installed = Get-InstalledPSResource -Name $Name -Scope CurrentUser -ErrorAction Stop | Select-Object -First 1
        if (-not $installed.InstalledLocation.StartsWith($Scratch)) {
            Uninstall-PSResource -Name $Name -Scope CurrentUser
            throw "Install-PSResource installed into $($installed.InstalledLocation), not under $Scratch (uninstalled again)."
        }
        Write-Output $installed.InstalledLocation
    }
}
finally {
    Unregister-PSResourceRepository -Name $repositoryName
}
