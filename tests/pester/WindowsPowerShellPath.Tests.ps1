# The Windows PowerShell 5.1 import path, proven where no Windows exists: the AssemblyResolve rule
# (docs/assembly-loading.md) forced on PowerShell 7 with GRADIENTMSP_ASSEMBLY_RESOLVER=Desktop, and
# the refusal of PowerShell 7.0-7.3 at import (docs/windows-powershell.md).
BeforeAll {
    . $PSScriptRoot/common.ps1
    . $PSScriptRoot/TestEmulator.ps1
    $script:emulator = Start-TestEmulator
}

AfterAll {
    Stop-TestEmulator $script:emulator
}

Describe 'The Desktop assembly resolver, forced on PowerShell 7' {
    BeforeAll {
        $probe = @'
param($BaseUri, $VendorKey, $PartnerKey)
$ErrorActionPreference = 'Stop'
Import-Module GradientMsp
$lib = Join-Path (Get-Module GradientMsp).ModuleBase 'lib'
$loadedBefore = @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'Polly.Core' }).Count
$shipped = [Reflection.AssemblyName]::GetAssemblyName((Join-Path $lib 'Polly.Core.dll'))
# Another module asking for a different version must not be handed GradientMsp's copy...
$other = [Reflection.AssemblyName]::new($shipped.FullName)
$other.Version = [version]'7.0.0.0'
$foreign = try { $null = [Reflection.Assembly]::Load($other); 'served' } catch { 'refused' }
# ...while exactly the version lib\ holds is served, and GradientMsp's own requests all are.
$exact = [Reflection.Assembly]::Load($shipped).Location
$null = Connect-GradientIntegration -VendorApiKey $VendorKey -PartnerApiKey $PartnerKey -BaseUri $BaseUri
[pscustomobject]@{
    LoadedBefore  = $loadedBefore
    Foreign       = $foreign
    Exact         = $exact
    Lib           = $lib
    Status        = (Get-GradientIntegration).Status
    ClientContext = [Runtime.Loader.AssemblyLoadContext]::GetLoadContext([GradientMsp.Client.GradientClient].Assembly).Name
    ClientPath    = [GradientMsp.Client.GradientClient].Assembly.Location
} | ConvertTo-Json -Compress
'@
        $scriptPath = Join-Path ([IO.Path]::GetTempPath()) "gradientmsp-desktop-resolver-$PID.ps1"
        Set-Content -Path $scriptPath -Value $probe
        $env:GRADIENTMSP_ASSEMBLY_RESOLVER = 'Desktop'
        try {
            $script:output = Invoke-FreshPwsh @('-NoProfile', '-NonInteractive', '-File', $scriptPath,
                '-BaseUri', $script:emulator.baseUri, '-VendorKey', $script:emulator.vendorKey, '-PartnerKey', $script:emulator.partnerKey) 2>&1
            $script:exit = $LASTEXITCODE
        }
        finally {
            Remove-Item Env:GRADIENTMSP_ASSEMBLY_RESOLVER -ErrorAction SilentlyContinue
            Remove-Item $scriptPath -ErrorAction SilentlyContinue
        }
        $script:result = if ($script:exit -eq 0) { ($script:output | Select-Object -Last 1) | ConvertFrom-Json }
    }

    It 'really took the Desktop path (the client is in the default context, loaded from lib)' {
        $script:exit | Should -Be 0 -Because ($script:output -join "`n")
        $result.ClientContext | Should -Be 'Default'
        Split-Path $result.ClientPath | Should -Be $result.Lib
    }

    It 'does not hand its copy to a request for another version from outside lib' {
        $result.LoadedBefore | Should -Be 0 -Because 'otherwise the runtime answers from the loaded copy and the rule is not exercised'
        $result.Foreign | Should -Be 'refused'
    }

    It 'serves exactly the version it ships, and every request of its own' {
        Split-Path $result.Exact | Should -Be $result.Lib
        $result.Status | Should -BeIn @('pending', 'active')
    }
}

Describe 'PowerShell versions the module refuses at import' {
    BeforeAll {
        $type = (Get-Command Get-GradientVendor).ImplementingType.Assembly.GetType('GradientMsp.Commands.RuntimeSupport', $true)
        $script:problem = $type.GetMethod('Problem', [Reflection.BindingFlags] 'NonPublic, Static')
    }

    It 'refuses PowerShell <Shell> on <Framework>, naming the versions that work' -ForEach @(
        @{ Shell = '7.0.13'; Framework = '.NET Core 3.1.32'; Runtime = '3.1.32' }
        @{ Shell = '7.2.24'; Framework = '.NET 6.0.36'; Runtime = '6.0.36' }
        @{ Shell = '7.3.12'; Framework = '.NET 7.0.20'; Runtime = '7.0.20' }
    ) {
        $message = $problem.Invoke($null, @($Framework, [version] $Runtime, [version] $Shell))
        $message | Should -Match ([regex]::Escape("PowerShell $Shell"))
        $message | Should -Match 'Windows PowerShell 5\.1 or PowerShell 7\.4 or later'
    }

    It 'accepts <Framework>' -ForEach @(
        @{ Framework = '.NET Framework 4.8.9277.0'; Runtime = '4.0.30319.42000'; Shell = '5.1.19041.5486' }
        @{ Framework = '.NET 8.0.11'; Runtime = '8.0.11'; Shell = '7.4.6' }
        @{ Framework = '.NET 10.0.3'; Runtime = '10.0.3'; Shell = '7.6.9' }
    ) {
        $problem.Invoke($null, @($Framework, [version] $Runtime, [version] $Shell)) | Should -BeNullOrEmpty
    }
}
