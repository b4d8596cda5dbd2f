# What the manifest and the module initializer do at import, checked in fresh processes: the commands
# survive re-imports, output types resolve as type literals, and the format views arrive with the
# first command rather than at import (docs/assembly-loading.md).
Describe 'Module loading' {
    BeforeAll {
        . $PSScriptRoot/common.ps1
        function Invoke-Probe([string] $Script) {
            $path = Join-Path ([IO.Path]::GetTempPath()) "gradientmsp-probe-$PID-$([guid]::NewGuid().ToString('n')).ps1"
            Set-Content -Path $path -Value $Script
            try {
                $output = Invoke-FreshPwsh @('-NoProfile', '-NonInteractive', '-File', $path) 2>&1
                $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
                ($output | Select-Object -Last 1) | ConvertFrom-Json
            }
            finally {
                Remove-Item $path -ErrorAction SilentlyContinue
            }
        }
        $script:expectedCount = (Import-PowerShellDataFile (Join-Path (Get-Module GradientMsp).ModuleBase 'GradientMsp.psd1')).CmdletsToExport.Count
    }

    It 'keeps every command through Import-Module -Force and Remove-Module' {
        $result = Invoke-Probe @'
$ErrorActionPreference = 'Stop'
Import-Module GradientMsp
$first = (Get-Command -Module GradientMsp).Count
Import-Module GradientMsp -Force
$forced = (Get-Command -Module GradientMsp).Count
Remove-Module GradientMsp
Import-Module GradientMsp
[pscustomobject]@{ First = $first; Forced = $forced; Again = (Get-Command -Module GradientMsp).Count } | ConvertTo-Json -Compress
'@
        $result.First | Should -Be $script:expectedCount
        $result.Forced | Should -Be $script:expectedCount
        $result.Again | Should -Be $script:expectedCount
    }

    It 'lets scripts name the output types although they live in the private load context' {
        $result = Invoke-Probe @'
$ErrorActionPreference = 'Stop'
Import-Module GradientMsp
[pscustomobject]@{
    Usage   = [GradientMsp.Client.Usage.UsageResult].FullName
    Account = [GradientMsp.Client.Models.GradientAccount]::new().GetType().FullName
    Context = [Runtime.Loader.AssemblyLoadContext]::GetLoadContext([GradientMsp.Client.Usage.UsageResult].Assembly).Name
} | ConvertTo-Json -Compress
'@
        $result.Usage | Should -Be 'GradientMsp.Client.Usage.UsageResult'
        $result.Account | Should -Be 'GradientMsp.Client.Models.GradientAccount'
        $result.Context | Should -Be 'GradientMsp'
    }

    It 'names the data types of the emulator control client for scripts, but not its engine' {
        # GradientMsp.Client.Emulator is its own assembly in the private context; only what users
        # see (control API data, its exception) gets a type accelerator.
        $result = Invoke-Probe @'
$ErrorActionPreference = 'Stop'
Import-Module GradientMsp
[pscustomobject]@{
    Partner   = [GradientMsp.Client.Emulator.EmulatorPartner]::new().GetType().FullName
    Exception = [GradientMsp.Client.Emulator.EmulatorControlException].FullName
    Assembly  = [GradientMsp.Client.Emulator.EmulatorPartner].Assembly.GetName().Name
    Context   = [Runtime.Loader.AssemblyLoadContext]::GetLoadContext([GradientMsp.Client.Emulator.EmulatorPartner].Assembly).Name
    Engine    = @('EmulatorControlClient', 'EmulatorProcess', 'EmulatorProcessOptions', 'EmulatorHost').Where({ "GradientMsp.Client.Emulator.$_" -as [type] }) -join ','
} | ConvertTo-Json -Compress
'@
        $result.Partner | Should -Be 'GradientMsp.Client.Emulator.EmulatorPartner'
        $result.Exception | Should -Be 'GradientMsp.Client.Emulator.EmulatorControlException'
        $result.Assembly | Should -Be 'GradientMsp.Client.Emulator'
        $result.Context | Should -Be 'GradientMsp'
        $result.Engine | Should -BeNullOrEmpty
    }

    It 'loads the format views with the first command, not at import' {
        $result = Invoke-Probe @'
$ErrorActionPreference = 'Stop'
Import-Module GradientMsp
$atImport = [bool](Get-FormatData -TypeName GradientMsp.Client.Models.GradientAccount)
$null = Get-GradientConnection
$afterCommand = [bool](Get-FormatData -TypeName GradientMsp.Client.Models.GradientAccount)
$account = [GradientMsp.Client.Models.GradientAccount]@{ Id = 'a-1'; Name = 'Contoso'; Description = 'd'; IsMapped = $true }
$table = $account | Out-String
[pscustomobject]@{ AtImport = $atImport; AfterCommand = $afterCommand; Table = $table } | ConvertTo-Json -Compress
'@
        $result.AtImport | Should -BeFalse
        $result.AfterCommand | Should -BeTrue
        # The table view, not the default list of every property: one header line with these columns.
        $result.Table | Should -Match 'Id\s+Name\s+Description\s+IsMapped'
        $result.Table | Should -Not -Match 'MappingId'
    }
}
