# Proves the dependency isolation of docs/assembly-loading.md: other versions of GradientMsp's
# dependencies loaded into the session first do not break the module.
BeforeAll {
    . $PSScriptRoot/common.ps1
    . $PSScriptRoot/TestEmulator.ps1
    $script:emulator = Start-TestEmulator
    $script:packages = Join-Path $PSScriptRoot '../../.tools/packages' | Resolve-Path
}

AfterAll {
    Stop-TestEmulator $script:emulator
}

Describe 'Dependency isolation' {
    It 'works after Microsoft.Extensions.* 6.0 and another Newtonsoft.Json were loaded first' {
        $probe = @'
param($Packages, $BaseUri, $VendorKey, $PartnerKey)
$ErrorActionPreference = 'Stop'
Add-Type -Path "$Packages/newtonsoft.json/12.0.3/lib/netstandard2.0/Newtonsoft.Json.dll"
Add-Type -Path "$Packages/microsoft.extensions.dependencyinjection.abstractions/6.0.0/lib/netstandard2.0/Microsoft.Extensions.DependencyInjection.Abstractions.dll"
Add-Type -Path "$Packages/microsoft.extensions.http/6.0.0/lib/netstandard2.0/Microsoft.Extensions.Http.dll"
Add-Type -Path "$Packages/litedb/5.0.20/lib/netstandard2.0/LiteDB.dll"
# Make the foreign copies really load and get used before GradientMsp arrives.
$null = [Newtonsoft.Json.JsonConvert]::SerializeObject(@{ a = 1 })
$null = [Microsoft.Extensions.DependencyInjection.ServiceCollection]::new()
$foreignDb = [LiteDB.LiteDatabase]::new([IO.MemoryStream]::new())
$null = $foreignDb.GetCollection('x').Insert([LiteDB.BsonDocument]::new())
Import-Module GradientMsp
$null = Connect-GradientIntegration -VendorApiKey $VendorKey -PartnerApiKey $PartnerKey -BaseUri $BaseUri
$integration = Get-GradientIntegration
# The push ledger (LiteDB) works beside the other LiteDB: a ledgered sync records, and the ledger reads back.
$ledger = Join-Path ([IO.Path]::GetTempPath()) "gradientmsp-isolation-$PID.db"
$service = (New-GradientService -Name 'Isolation EDR' -Description 'x' -Category security -Subcategory 'endpoint detection and response (EDR)').Id
$sync = [pscustomobject]@{ AccountId = 'iso-1'; ServiceId = $service; UnitCount = 3 } | Sync-GradientUsage -LedgerPath $ledger -WarningAction SilentlyContinue
$entries = @(Get-GradientUsageLedger -LedgerPath $ledger -Partner)
Remove-Item "$ledger*" -ErrorAction SilentlyContinue
[pscustomobject]@{
    Status         = $integration.Status
    LedgerSync     = "$($sync.Outcome)"
    LedgerPartners = $entries.Count
    ForeignLiteDb  = [AppDomain]::CurrentDomain.GetAssemblies().Where({ $_.GetName().Name -eq 'LiteDB' }).ForEach({ "$($_.GetName().Version)@$([Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name)" }) -join ','
    ForeignDbStill = $foreignDb.GetCollection('x').Count()
    ForeignHttp    = [AppDomain]::CurrentDomain.GetAssemblies().Where({ $_.GetName().Name -eq 'Microsoft.Extensions.Http' }).ForEach({ "$($_.GetName().Version)@$([Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name)" }) -join ','
    ForeignJson    = [AppDomain]::CurrentDomain.GetAssemblies().Where({ $_.GetName().Name -eq 'Newtonsoft.Json' }).ForEach({ "$($_.GetName().Version)@$([Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name)" }) -join ','
    CmdletsContext = [Runtime.Loader.AssemblyLoadContext]::GetLoadContext((Get-Command Get-GradientIntegration).ImplementingType.Assembly).Name
    ClientContext  = [Runtime.Loader.AssemblyLoadContext]::GetLoadContext([GradientMsp.Client.GradientClient].Assembly).Name
    EmulatorClientContext = [Runtime.Loader.AssemblyLoadContext]::GetLoadContext([GradientMsp.Client.Emulator.EmulatorPartner].Assembly).Name
    Contracts      = [AppDomain]::CurrentDomain.GetAssemblies().Where({ $_.GetName().Name -eq 'GradientMsp.Contracts' }).ForEach({ [Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name }) -join ','
} | ConvertTo-Json -Compress
'@
        $scriptPath = Join-Path ([IO.Path]::GetTempPath()) "gradientmsp-isolation-$PID.ps1"
        Set-Content -Path $scriptPath -Value $probe
        try {
            $output = Invoke-FreshPwsh @('-NoProfile', '-NonInteractive', '-File', $scriptPath, '-Packages', $script:packages,
                '-BaseUri', $script:emulator.baseUri, '-VendorKey', $script:emulator.vendorKey, '-PartnerKey', $script:emulator.partnerKey) 2>&1
            $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
        }
        finally {
            Remove-Item $scriptPath -ErrorAction SilentlyContinue
        }

        $result = ($output | Select-Object -Last 1) | ConvertFrom-Json
        $result.Status | Should -BeIn @('pending', 'active')
        # Both versions of Microsoft.Extensions.Http are loaded side by side: 6.0 in the default
        # context (the other module's) and ours in the GradientMsp context.
        $result.ForeignHttp | Should -Match '6\.0\.0\.0@Default'
        $result.ForeignHttp | Should -Match '8\.0\.0\.0@GradientMsp'
        # PowerShell's own Newtonsoft.Json sits in the default context (so the 12.0.3 above never
        # loads); ours is a separate copy in the GradientMsp context.
        $result.ForeignJson | Should -Match '@Default'
        $result.ForeignJson | Should -Match '@GradientMsp'
        # The cmdlets are PowerShell's root module, in the default context; the client (the engine)
        # and everything it uses live in the private one.
        $result.CmdletsContext | Should -Be 'Default'
        $result.ClientContext | Should -Be 'GradientMsp'
        # So do the emulator's control client and the wire contracts both clients share (loaded
        # once, by the private context, never by the default one).
        $result.EmulatorClientContext | Should -Be 'GradientMsp'
        $result.Contracts | Should -Be 'GradientMsp'
        # The push ledger's LiteDB 5.0.21 loads in the private context beside another module's 5.0.20,
        # and both work: the ledgered sync ran (the row is unmapped here, so nothing is recorded as
        # landed, but the partner is), and the foreign database still answers.
        $result.ForeignLiteDb | Should -Match '5\.0\.20\.0@Default'
        $result.ForeignLiteDb | Should -Match '5\.0\.21\.0@GradientMsp'
        $result.LedgerSync | Should -BeIn @('Unmapped', 'Pushed')
        $result.LedgerPartners | Should -Be 1
        $result.ForeignDbStill | Should -Be 1
    }

    It 'keeps the cmdlets assembly naming nothing but the two clients, PowerShell and the framework' {
        # The boundary of docs/assembly-loading.md: a cmdlet that named a Newtonsoft, Polly or
        # Microsoft.Extensions type would bind it in the default context, where another module's
        # version may sit, and its objects would not be the client's. The allowed GradientMsp names
        # are exactly the ones GradientMsp.Loader routes into the private context: a new one here
        # needs a new name there.
        $cmdlets = (Get-Command Get-GradientIntegration).ImplementingType.Assembly
        $names = $cmdlets.GetReferencedAssemblies().Name | Sort-Object
        $names | Should -Be @('GradientMsp.Client', 'GradientMsp.Client.Emulator', 'netstandard', 'System.Management.Automation')
        $loader = [AppDomain]::CurrentDomain.GetAssemblies().Where({ $_.GetName().Name -eq 'GradientMsp.Loader' }) | Select-Object -First 1
        $routed = $loader.GetType('GradientMsp.Loader.GradientMspLoadContext').GetField('EngineAssemblyNames', [Reflection.BindingFlags] 'NonPublic, Static').GetValue($null)
        @($routed | Sort-Object) | Should -Be @($names | Where-Object { $_ -like 'GradientMsp.*' })
    }

    It 'ships no copy of PowerShell itself' {
        $module = Get-Module GradientMsp
        Get-ChildItem (Join-Path $module.ModuleBase 'lib') -Filter 'System.Management.Automation*.dll' | Should -BeNullOrEmpty
    }
}
