# What ships: the nupkg 'build.ps1 Package' makes with Publish-PSResource, read as a file list, then
# installed with Install-PSResource from its local repository into a scratch home and imported by name
# in a fresh pwsh that starts the installed emulator. Under 'build.ps1 Test' it is the package that
# task built ($env:GRADIENTMSP_PACKAGE_REPOSITORY); run on its own, the staged module is packed here
# the same way (build/LocalPSResource.ps1).
. $PSScriptRoot/common.ps1

Describe 'The GradientMsp package' {
    BeforeAll {
        . $PSScriptRoot/common.ps1
        $script:repoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
        $script:localPSResource = Join-Path $repoRoot 'build/LocalPSResource.ps1'
        $script:staged = (Get-Module GradientMsp).ModuleBase
        $script:manifest = Import-PowerShellDataFile (Join-Path $staged 'GradientMsp.psd1')
        $script:scratch = Join-Path ([IO.Path]::GetTempPath()) ('gradientmsp-package-' + [guid]::NewGuid().ToString('N').Substring(0, 8))

        function Publish-Staged([string] $Repository, [string[]] $Extra = @()) {
            $output = @(Invoke-FreshPwsh (@('-NoProfile', '-NonInteractive', '-File', $localPSResource, '-Action', 'Publish',
                        '-Repository', $Repository, '-Scratch', (Join-Path $scratch ('publish-' + [guid]::NewGuid().ToString('N'))), '-ModulePath', $staged) + $Extra) 2>&1)
            if ($LASTEXITCODE -ne 0) { throw "Publishing the staged module failed: $($output -join "`n")" }
        }

        function Read-Package([string] $Path) {
            $zip = [IO.Compression.ZipFile]::OpenRead($Path)
            try {
                $nuspecEntry = $zip.Entries | Where-Object FullName -EQ 'GradientMsp.nuspec'
                $reader = [IO.StreamReader]::new($nuspecEntry.Open())
                try { [xml] $nuspec = $reader.ReadToEnd() } finally { $reader.Dispose() }
                [pscustomobject]@{
                    Files    = @($zip.Entries | Where-Object { $_.FullName -notmatch '/$' } | ForEach-Object { [Uri]::UnescapeDataString($_.FullName) })
                    Metadata = $nuspec.package.metadata
                }
            }
            finally { $zip.Dispose() }
        }

        $script:repository = $env:GRADIENTMSP_PACKAGE_REPOSITORY
        if (-not $repository) {
            $script:repository = Join-Path $scratch 'repository'
            Publish-Staged $repository
        }
        $script:nupkg = Join-Path $repository "GradientMsp.$($manifest.ModuleVersion).nupkg"
        $script:package = Read-Package $nupkg
        # The package's own files (NuGet's), beside the module's.
        $script:moduleFiles = @($package.Files | Where-Object { $_ -notmatch '^(\[Content_Types\]\.xml|_rels/.*|package/.*|GradientMsp\.nuspec)$' })
    }

    AfterAll {
        if (Test-Path $scratch) { Remove-Item $scratch -Recurse -Force }
    }

    It 'ships no native apphost, web.config or symbols in emulator/, and no symbols anywhere' {
        $package.Files | Should -Not -Contain 'emulator/GradientMsp.Emulator'
        $package.Files | Should -Not -Contain 'emulator/web.config'
        @($package.Files | Where-Object { $_ -like '*.pdb' }) | Should -BeNullOrEmpty
        @($package.Files | Where-Object { $_ -like 'emulator/*' -and [IO.Path]::GetExtension($_) -eq '' }) | Should -BeNullOrEmpty -Because 'an extensionless file in emulator/ is an apphost'
    }

    It 'ships exactly the staged module: the manifest, lib/, help, the QA checklist and what dotnet needs to run the emulator' {
        $stagedFiles = @(Get-ChildItem $staged -Recurse -File | ForEach-Object { [IO.Path]::GetRelativePath($staged, $_.FullName).Replace('\', '/') })
        @($moduleFiles | Sort-Object) | Should -Be @($stagedFiles | Sort-Object)
        foreach ($needed in 'GradientMsp.psd1', 'LICENSE', 'CHANGELOG.md', 'lib/GradientMsp.Cmdlets.dll', 'lib/GradientMsp.Loader.dll',
            'GradientMsp.Cmdlets.dll-Help.xml', 'en-US/about_GradientMsp.help.txt', 'qa/Gradient.QA.Tests.ps1',
            'emulator/GradientMsp.Emulator.dll', 'emulator/GradientMsp.Emulator.runtimeconfig.json', 'emulator/GradientMsp.Emulator.deps.json',
            'emulator/GradientMsp.Contracts.dll') {
            $moduleFiles | Should -Contain $needed
        }
    }

    It "carries the manifest's gallery metadata: author, licence, this version's release notes, tags" {
        $package.Metadata.id | Should -Be 'GradientMsp'
        $package.Metadata.version | Should -Be $manifest.ModuleVersion
        $package.Metadata.authors | Should -Be $manifest.Author
        $package.Metadata.licenseUrl | Should -Be $manifest.PrivateData.PSData.LicenseUri
        $package.Metadata.releaseNotes.Replace("`r`n", "`n") | Should -Be $manifest.PrivateData.PSData.ReleaseNotes.Replace("`r`n", "`n")
        $package.Metadata.releaseNotes | Should -Not -Be 'See CHANGELOG.md.'
        foreach ($tag in 'PSModule', 'PSEdition_Desktop', 'PSEdition_Core', 'Gradient') {
            $package.Metadata.tags -split ' ' | Should -Contain $tag
        }
    }

    It 'takes the project URL given to Package (-ProjectUri), the field the manifest leaves empty for the publisher' {
        $manifest.PrivateData.PSData.Keys | Should -Contain 'ProjectUri'
        $withUri = Join-Path $scratch 'with-uri'
        Publish-Staged $withUri @('-ProjectUri', 'https://example.invalid/gradientmsp')
        (Read-Package (Join-Path $withUri "GradientMsp.$($manifest.ModuleVersion).nupkg")).Metadata.projectUrl | Should -Be 'https://example.invalid/gradientmsp'
    }

    It 'installs with Install-PSResource from the local repository, imports by name in a fresh pwsh and runs its own emulator' -Skip:(-not $IsLinux) {
        $install = @(Invoke-FreshPwsh @('-NoProfile', '-NonInteractive', '-File', $localPSResource, '-Action', 'Install',
                '-Repository', $repository, '-Scratch', (Join-Path $scratch 'install')) 2>&1 | ForEach-Object { [string] $_ })
        $LASTEXITCODE | Should -Be 0 -Because ($install -join "`n")
        $modules = $install[-1]
        $modules | Should -BeLike "$scratch*"
        Join-Path $modules "GradientMsp/$($manifest.ModuleVersion)/GradientMsp.psd1" | Should -Exist

        $script = Join-Path $scratch 'use-installed.ps1'
        Set-Content -Path $script -Encoding utf8 -Value @'
$ErrorActionPreference = 'Stop'
Import-Module GradientMsp
$emulator = Start-GradientEmulator -Connect -WarningAction SilentlyContinue
try {
    New-GradientAccount -Id pkg-1 -Name 'Installed Package' | Out-Null
    $accounts = @(Get-GradientAccount)
    $commandLine = (Get-Content -Raw "/proc/$($emulator.ProcessId)/cmdline") -split "`0"
}
finally { Stop-GradientEmulator -Emulator $emulator -Confirm:$false }
[pscustomobject]@{
    ModuleBase  = (Get-Module GradientMsp).ModuleBase
    EmulatorDll = @($commandLine | Where-Object { $_ -like '*GradientMsp.Emulator.dll' })[0]
    Accounts    = @($accounts.Id)
} | ConvertTo-Json -Compress
'@
        $saved = $env:PSModulePath, $env:GRADIENT_EMULATOR_DLL
        $env:PSModulePath = $modules
        $env:GRADIENT_EMULATOR_DLL = $null
        try { $output = @(Invoke-FreshPwsh @('-NoProfile', '-NonInteractive', '-File', $script) 2>&1 | ForEach-Object { [string] $_ }) }
        finally { $env:PSModulePath, $env:GRADIENT_EMULATOR_DLL = $saved }
        $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
        $result = $output[-1] | ConvertFrom-Json
        $result.ModuleBase | Should -Be (Join-Path $modules "GradientMsp/$($manifest.ModuleVersion)")
        $result.EmulatorDll | Should -Be (Join-Path $result.ModuleBase 'emulator/GradientMsp.Emulator.dll')
        $result.Accounts | Should -Contain 'pkg-1'
    }
}
