<#
.SYNOPSIS
    The usage-sync benchmark ('build.ps1 Bench'): four figures, each with its target, and a last line
    'Bench: N met, N missed'. Runs against the staged module and a local emulator; nothing leaves
    the machine.

.DESCRIPTION
    1. Rate limit on (100/s) at the emulator: 3,000 rows through Sync-GradientUsage. Wall time within 5%
       of the 30 s floor, no row lost, no 429 surfaced.
    2. Rate limit off: 20,000 rows through Sync-GradientUsage and through the loop most scripts use
       (foreach row, Invoke-RestMethod POST to the count route), same rows, same emulator, in turns
       (three each by default) so that a drift in the machine's speed hits both; the ratio of the
       medians. Target 10x.
    3. Peak working set of a fresh pwsh pushing 200,000 rows from a CSV file: under 250 MB, and no more
       than 30 MB above the same process pushing 20,000 rows.
    4. Import-Module GradientMsp in a fresh pwsh -NoProfile against a fresh pwsh that imports nothing:
       under 300 ms added (median of several runs).
    5. The push ledger (docs/usage-sync.md, "Ledger"): a re-run of 100,000 rows of which 1% changed,
       against the emulator at 100/s, with -LedgerPath: requests sent (at most 2% of the run without a
       ledger, which sends one per row) and wall time (under 20 s; the run without a ledger is scaled from
       figure 1, since at 100/s it would take over 1,000 s). The ledger is seeded through the store API
       with what an earlier run would have recorded.
    6. Peak working set of a fresh pwsh syncing 100,000 rows (1% changed) against a ledger holding
       1,000,000 entries: under 250 MB, and no more than 30 MB above the same run against an empty ledger.
#>
[CmdletBinding()]
param(
    [int] $RateLimitedRows = 3000,
    [int] $FastRows = 20000,
    [int] $ThroughputTrials = 3,
    [int] $LargeCsvRows = 200000,
    [int] $SmallCsvRows = 20000,
    [int] $ImportRuns = 15,
    [int] $LedgerRows = 100000,
    [int] $LedgerEntries = 1000000
)

$ErrorActionPreference = 'Stop'
Import-Module GradientMsp
$workDirectory = Join-Path ([IO.Path]::GetTempPath()) "gradientmsp-bench-$PID"
$null = New-Item -ItemType Directory -Path $workDirectory -Force
$results = [System.Collections.Generic.List[object]]::new()

. (Join-Path $PSScriptRoot '../tools/FreshPwsh.ps1')

function Add-Figure {
    param([string] $Name, [string] $Value, [string] $Target, [bool] $Met)
    $figure = [pscustomobject]@{ Figure = $Name; Value = $Value; Target = $Target; Met = $Met }
    $results.Add($figure)
    $mark = if ($Met) { 'met   ' } else { 'MISSED' }
    Write-Host ("[{0}] {1}: {2} (target: {3})" -f $mark, $Name, $Value, $Target)
}

function Start-BenchEmulator {
    $dll = Join-Path (Get-Module GradientMsp).ModuleBase 'emulator/GradientMsp.Emulator.dll'
    $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($argument in @($dll, '--urls', 'http://127.0.0.1:0', '--rate-limit', '100', '--parent-pid', "$PID")) {
        $start.ArgumentList.Add($argument)
    }
    $start.RedirectStandardOutput = $true
    $start.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($start)
    while ($true) {
        $line = $process.StandardOutput.ReadLine()
        if ($null -eq $line) { throw 'The emulator exited before it was ready.' }
        if ($line -like 'GRADIENT_EMULATOR_READY *') {
            $info = $line.Substring('GRADIENT_EMULATOR_READY '.Length) | ConvertFrom-Json
            $info | Add-Member -NotePropertyName Process -NotePropertyValue $process
            return $info
        }
    }
}

function Set-EmulatorRateLimit([object] $Emulator, [int] $Limit) {
    $null = Invoke-RestMethod -Method Patch -Uri "$($Emulator.controlBaseUri)/settings" -ContentType 'application/json' -Body (@{ rateLimit = $Limit } | ConvertTo-Json)
}

function Initialize-BenchData {
    # Services and accounts as a vendor would create them, all mapped by the partner, so every push
    # lands (201) and the rows measure the successful path.
    param([object] $Emulator, [int] $AccountCount, [int] $ServiceCount)
    $headers = @{ 'GRADIENT-TOKEN' = $Emulator.token }
    $api = $Emulator.apiBaseUri
    $control = $Emulator.controlBaseUri
    $org = $Emulator.organizationId

    $vendor = Invoke-RestMethod -Uri $api -Headers $headers
    $existing = @($vendor.data.skus | ForEach-Object name)
    foreach ($index in 1..$ServiceCount) {
        $name = 'Bench Service {0:d3}' -f $index
        if ($name -notin $existing) {
            $body = @{ name = $name; description = 'benchmark'; category = 'other'; subcategory = 'other' } | ConvertTo-Json
            $null = Invoke-RestMethod -Method Post -Uri "$api/service" -Headers $headers -ContentType 'application/json' -Body $body
        }
    }
    $services = @((Invoke-RestMethod -Uri $api -Headers $headers).data.skus | Where-Object name -like 'Bench Service *' | Select-Object -First $ServiceCount)

    $accounts = foreach ($index in 1..$AccountCount) { @{ id = 'bench-{0:d5}' -f $index; name = 'Bench Customer {0:d5}' -f $index; description = '' } }
    for ($offset = 0; $offset -lt $accounts.Count; $offset += 500) {
        $batch = $accounts[$offset..([math]::Min($offset + 499, $accounts.Count - 1))]
        $null = Invoke-RestMethod -Method Post -Uri "$api/organization/accounts" -Headers $headers -ContentType 'application/json' -Body (ConvertTo-Json -InputObject @($batch) -Depth 3)
    }

    $psa = Invoke-RestMethod -Uri "$control/partners/$org/psa"
    $psaClient = @($psa.clients)[0].id
    $psaService = @($psa.services)[0].id
    foreach ($account in $accounts) {
        $null = Invoke-RestMethod -Method Put -Uri "$control/partners/$org/mappings/accounts/$([uri]::EscapeDataString($account.id))" -ContentType 'application/json' -Body (@{ psaClientId = $psaClient } | ConvertTo-Json)
    }
    foreach ($service in $services) {
        $null = Invoke-RestMethod -Method Put -Uri "$control/partners/$org/mappings/services/$($service.id)" -ContentType 'application/json' -Body (@{ psaServiceId = $psaService } | ConvertTo-Json)
    }
    [pscustomobject]@{ AccountIds = @($accounts | ForEach-Object { $_.id }); ServiceIds = @($services | ForEach-Object id) }
}

function New-UsageRows {
    # Row i: account (i mod A) x service (i div A), so no pair repeats until every pair was used.
    param([object] $Data, [int] $Count, [int] $Seed = 0)
    $accountCount = $Data.AccountIds.Count
    for ($i = 0; $i -lt $Count; $i++) {
        [pscustomobject]@{
            AccountId = $Data.AccountIds[$i % $accountCount]
            ServiceId = $Data.ServiceIds[[math]::Floor($i / $accountCount) % $Data.ServiceIds.Count]
            UnitCount = ($i + $Seed) % 250
        }
    }
}

$emulator = Start-BenchEmulator
try {
    Write-Host "Emulator at $($emulator.baseUri); preparing data..." -ForegroundColor Cyan
    Set-EmulatorRateLimit $emulator 0
    $data = Initialize-BenchData -Emulator $emulator -AccountCount 2000 -ServiceCount 100

    # ---- 1. rate limit on -------------------------------------------------------------------------
    Set-EmulatorRateLimit $emulator 100
    $connection = Connect-GradientIntegration -VendorApiKey $emulator.vendorKey -PartnerApiKey $emulator.partnerKey -BaseUri $emulator.baseUri -PassThru -SkipStatusUpdate
    $rows = @(New-UsageRows -Data $data -Count $RateLimitedRows)
    Start-Sleep -Seconds 1   # let the connect calls leave the emulator's rolling window
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $output = @($rows | Sync-GradientUsage -Connection $connection -SummaryVariable rateSummary -ErrorAction SilentlyContinue -ErrorVariable syncErrors)
    $clock.Stop()
    $summary = $rateSummary[0]
    $floor = $RateLimitedRows / 100.0
    $seconds = $clock.Elapsed.TotalSeconds
    $surfaced429 = @($output | Where-Object { $_.PSObject.Properties['StatusCode'] -and $_.StatusCode -eq 429 }).Count
    $lost = $RateLimitedRows - $summary.Total
    $notLanded = $summary.Failed + $summary.Invalid + $summary.NotSent
    Add-Figure "Rate limit on: $RateLimitedRows rows at 100/s, wall time" ('{0:0.00} s ({1:+0.0;-0.0}% of the {2:0} s floor; {3} retries)' -f $seconds, (($seconds / $floor - 1) * 100), $floor, $summary.Retries) ("<= {0:0.0} s" -f ($floor * 1.05)) ($seconds -le $floor * 1.05)
    Add-Figure 'Rate limit on: rows lost or not landed' ("$lost lost, $notLanded not landed ($($summary.Pushed) pushed, $($summary.Unmapped) unmapped)") '0' ($lost -eq 0 -and $notLanded -eq 0)
    Add-Figure 'Rate limit on: 429s surfaced to the user' "$surfaced429 (errors written: $($syncErrors.Count))" '0' ($surfaced429 -eq 0 -and $syncErrors.Count -eq 0)
    Disconnect-GradientIntegration -Connection $connection -KeepStatus

    # ---- 2. rate limit off: module vs the usual loop ----------------------------------------------
    Set-EmulatorRateLimit $emulator 0
    $fast = Connect-GradientIntegration -VendorApiKey $emulator.vendorKey -PartnerApiKey $emulator.partnerKey -BaseUri $emulator.baseUri -PassThru -SkipStatusUpdate -RequestsPerSecond 0
    # Warm both contenders the same way first (10,000 rows each), so neither is measured while the
    # JIT is still promoting its hot paths to optimized code.
    $warmRows = @(New-UsageRows -Data $data -Count 10000 -Seed 5)
    $null = $warmRows | Sync-GradientUsage -Connection $fast -Summary -ThrottleLimit 64
    foreach ($row in $warmRows) {
        $body = @{ accountId = $row.AccountId; unitCount = $row.UnitCount } | ConvertTo-Json -Compress
        $null = Invoke-RestMethod -Method Post -Uri "$($emulator.apiBaseUri)/service/$($row.ServiceId)/count" -Headers @{ 'GRADIENT-TOKEN' = $emulator.token } -ContentType 'application/json' -Body $body
    }
    # The two contenders run in turns, $ThroughputTrials times each, on fresh rows, and the figure is
    # the ratio of the medians: this VM's speed drifts by tens of percent within minutes (another
    # process's build, the host), and a single pair of runs measured that drift as often as the code.
    $headers = @{ 'GRADIENT-TOKEN' = $emulator.token }
    $api = $emulator.apiBaseUri
    $moduleRates = [System.Collections.Generic.List[double]]::new()
    $loopRates = [System.Collections.Generic.List[double]]::new()
    $pushed = 0
    $loopFailures = 0
    foreach ($trial in 1..$ThroughputTrials) {
        $rows = @(New-UsageRows -Data $data -Count $FastRows -Seed (7 + $trial))
        $clock.Restart()
        $output = @($rows | Sync-GradientUsage -Connection $fast -Summary -ThrottleLimit 64)
        $clock.Stop()
        $moduleRates.Add($FastRows / $clock.Elapsed.TotalSeconds)
        $pushed += @($output | Where-Object { $_ -is [GradientMsp.Client.Usage.UsageSyncSummary] })[0].Pushed

        $clock.Restart()
        foreach ($row in $rows) {
            try {
                $body = @{ accountId = $row.AccountId; unitCount = $row.UnitCount } | ConvertTo-Json -Compress
                $null = Invoke-RestMethod -Method Post -Uri "$api/service/$($row.ServiceId)/count" -Headers $headers -ContentType 'application/json' -Body $body
            }
            catch {
                $loopFailures++
            }
        }
        $clock.Stop()
        $loopRates.Add($FastRows / $clock.Elapsed.TotalSeconds)
        Write-Host ('         trial {0}: {1:0} vs {2:0} rows/s = {3:0.0}x' -f $trial, $moduleRates[-1], $loopRates[-1], ($moduleRates[-1] / $loopRates[-1]))
    }
    Disconnect-GradientIntegration -Connection $fast -KeepStatus
    $moduleRate = ($moduleRates | Sort-Object)[[math]::Floor($ThroughputTrials / 2)]
    $loopRate = ($loopRates | Sort-Object)[[math]::Floor($ThroughputTrials / 2)]
    $ratio = $moduleRate / $loopRate
    Add-Figure "Rate limit off: $FastRows rows, Sync-GradientUsage vs foreach Invoke-RestMethod (median of $ThroughputTrials turns each)" ('{0:0} rows/s vs {1:0} rows/s = {2:0.0}x (module: {3} of {4} pushed; loop: {5} failed)' -f $moduleRate, $loopRate, $ratio, $pushed, ($FastRows * $ThroughputTrials), $loopFailures) '>= 10x' ($ratio -ge 10 -and $pushed -eq $FastRows * $ThroughputTrials -and $loopFailures -eq 0)

    # ---- 3. memory: 200,000 vs 20,000 rows from CSV -----------------------------------------------
    $probe = Join-Path $workDirectory 'memory-probe.ps1'
    Set-Content -Path $probe -Value @'
param($Csv, $BaseUri, $VendorKey, $PartnerKey)
$ErrorActionPreference = 'Stop'
Import-Module GradientMsp
$null = Connect-GradientIntegration -VendorApiKey $VendorKey -PartnerApiKey $PartnerKey -BaseUri $BaseUri -SkipStatusUpdate -RequestsPerSecond 0
$summary = Import-Csv -Path $Csv | Sync-GradientUsage -Summary -ThrottleLimit 32 | Where-Object { $_ -is [GradientMsp.Client.Usage.UsageSyncSummary] }
$process = [Diagnostics.Process]::GetCurrentProcess()
$process.Refresh()
[pscustomobject]@{ PeakBytes = $process.PeakWorkingSet64; Total = $summary.Total; Pushed = $summary.Pushed; Seconds = $summary.Elapsed.TotalSeconds } | ConvertTo-Json -Compress
'@
    $peaks = @{}
    foreach ($count in @($SmallCsvRows, $LargeCsvRows)) {
        $csv = Join-Path $workDirectory "usage-$count.csv"
        New-UsageRows -Data $data -Count $count -Seed 3 | Export-Csv -Path $csv -NoTypeInformation
        $json = Invoke-FreshPwsh @('-NoProfile', '-NonInteractive', '-File', $probe, '-Csv', $csv, '-BaseUri', $emulator.baseUri, '-VendorKey', $emulator.vendorKey, '-PartnerKey', $emulator.partnerKey)
        if ($LASTEXITCODE -ne 0) { throw "The memory probe for $count rows failed: $json" }
        $peaks[$count] = ($json | Select-Object -Last 1) | ConvertFrom-Json
    }
    $largeMb = $peaks[$LargeCsvRows].PeakBytes / 1MB
    $smallMb = $peaks[$SmallCsvRows].PeakBytes / 1MB
    Add-Figure "Peak working set, $LargeCsvRows rows from CSV" ('{0:0} MB ({1} of {2} rows pushed in {3:0.0} s)' -f $largeMb, $peaks[$LargeCsvRows].Pushed, $LargeCsvRows, $peaks[$LargeCsvRows].Seconds) '< 250 MB' ($largeMb -lt 250 -and $peaks[$LargeCsvRows].Total -eq $LargeCsvRows)
    Add-Figure "Peak working set growth, $LargeCsvRows vs $SmallCsvRows rows" ('{0:+0;-0} MB ({1:0} MB vs {2:0} MB)' -f ($largeMb - $smallMb), $largeMb, $smallMb) '<= 30 MB' (($largeMb - $smallMb) -le 30)

    # ---- 5. the push ledger: a re-run of 100,000 rows, 1% changed, at 100/s -----------------------
    # What an earlier run would have recorded is seeded through the store API (100,000 pushes at 100/s
    # would take 17 minutes); the partner's identity is the one the run will see, so it is trusted.
    $secondsPerRow = $seconds / $RateLimitedRows          # figure 1: the same rate limit, no ledger
    Set-EmulatorRateLimit $emulator 0
    $seedConnection = Connect-GradientIntegration -VendorApiKey $emulator.vendorKey -PartnerApiKey $emulator.partnerKey -BaseUri $emulator.baseUri -PassThru -SkipStatusUpdate
    $integration = Get-GradientIntegration -Connection $seedConnection
    Disconnect-GradientIntegration -Connection $seedConnection -KeepStatus
    $credential = [GradientMsp.Client.GradientCredential]::new($emulator.vendorKey, $emulator.partnerKey)
    function Initialize-BenchLedger {
        # The partner's 100,000 pairs as landed, and $Others entries for other partner organizations.
        param([string] $Path, [object[]] $Rows, [int] $Others)
        $store = [GradientMsp.Client.Ledger.UsageLedger]::Open($Path)
        try {
            $partner = $store.Partner($integration, $credential)
            foreach ($row in $Rows) { $partner.Landed($row.AccountId, $row.ServiceId, [decimal] $row.UnitCount) }
            $partner.Flush()
            $perOrganization = 100000
            for ($o = 0; $o * $perOrganization -lt $Others; $o++) {
                $other = [GradientMsp.Client.Models.GradientIntegration]@{ OrganizationId = 'bench-org-{0:d3}' -f $o; Name = "Other MSP $o"; IntegrationId = "int-$o"; VendorId = $integration.VendorId; Status = 'active' }
                $otherPartner = $store.Partner($other, [GradientMsp.Client.GradientCredential]::new($emulator.vendorKey, "other-partner-$o"))
                $count = [math]::Min($perOrganization, $Others - $o * $perOrganization)
                for ($i = 0; $i -lt $count; $i++) { $otherPartner.Landed(('acct-{0:d6}' -f $i), 'svc-other', 1) }
                $otherPartner.Flush()
            }
        }
        finally { $store.Dispose() }
    }
    $seeded = @(New-UsageRows -Data $data -Count $LedgerRows -Seed 11)
    $rerun = [object[]]::new($seeded.Count)
    $changedRows = 0
    for ($i = 0; $i -lt $seeded.Count; $i++) {
        $row = $seeded[$i]
        if ($i % 100 -eq 37) { $changedRows++; $rerun[$i] = [pscustomobject]@{ AccountId = $row.AccountId; ServiceId = $row.ServiceId; UnitCount = $row.UnitCount + 1 } }
        else { $rerun[$i] = $row }
    }
    $ledgerPath = Join-Path $workDirectory 'rerun-ledger.db'
    $clock.Restart()
    Initialize-BenchLedger -Path $ledgerPath -Rows $seeded -Others 0
    $seedSeconds = $clock.Elapsed.TotalSeconds

    Set-EmulatorRateLimit $emulator 100
    $ledgered = Connect-GradientIntegration -VendorApiKey $emulator.vendorKey -PartnerApiKey $emulator.partnerKey -BaseUri $emulator.baseUri -PassThru -SkipStatusUpdate
    Start-Sleep -Seconds 1
    $null = Invoke-RestMethod -Method Delete -Uri "$($emulator.controlBaseUri)/requests"
    $clock.Restart()
    $null = $rerun | Sync-GradientUsage -Connection $ledgered -LedgerPath $ledgerPath -Summary -SummaryVariable ledgerSummary -WarningAction SilentlyContinue
    $clock.Stop()
    $ledgerSeconds = $clock.Elapsed.TotalSeconds
    # Every request to the vendor API (the organization read included), not just the pushes; the log
    # answers 1,000 entries unless asked for more.
    $apiPath = ([uri] $emulator.apiBaseUri).AbsolutePath.TrimEnd('/')
    $logged = @((Invoke-RestMethod -Uri "$($emulator.controlBaseUri)/requests?limit=1000000").entries)
    $sent = @($logged | Where-Object { $_.path -like "$apiPath*" }).Count
    $countPushes = @($logged | Where-Object { $_.method -eq 'POST' -and $_.path -like '*/count*' }).Count
    Disconnect-GradientIntegration -Connection $ledgered -KeepStatus
    $withoutRequests = $LedgerRows
    $withoutSeconds = $secondsPerRow * $LedgerRows
    $ledgerSummary = $ledgerSummary[0]
    $share = $sent / $withoutRequests * 100
    Add-Figure "Ledger: re-run of $LedgerRows rows, 1% changed, at 100/s: requests" ('{0} requests ({7} count pushes) = {1:0.00}% of the {2} without a ledger ({3} pushed, {4} unchanged, {5} missing, {6} failed)' -f $sent, $share, $withoutRequests, $ledgerSummary.Pushed, $ledgerSummary.Unchanged, $ledgerSummary.Missing, $ledgerSummary.Failed, $countPushes) '<= 2%' ($share -le 2 -and $ledgerSummary.Pushed -eq $changedRows -and $ledgerSummary.Unchanged -eq ($LedgerRows - $changedRows))
    Add-Figure "Ledger: re-run of $LedgerRows rows, 1% changed, at 100/s: wall time" ('{0:0.0} s vs {1:0} s without a ledger (scaled from figure 1; seeding the ledger took {2:0.0} s)' -f $ledgerSeconds, $withoutSeconds, $seedSeconds) '< 20 s' ($ledgerSeconds -lt 20)

    # ---- 6. the push ledger: memory with 1,000,000 entries vs an empty ledger -----------------------
    Set-EmulatorRateLimit $emulator 0
    $csv = Join-Path $workDirectory 'ledger-rerun.csv'
    $rerun | Export-Csv -Path $csv -NoTypeInformation
    $bigLedger = Join-Path $workDirectory 'million.db'
    $clock.Restart()
    Initialize-BenchLedger -Path $bigLedger -Rows $seeded -Others ($LedgerEntries - $LedgerRows)
    $millionSeconds = $clock.Elapsed.TotalSeconds
    $emptyLedger = Join-Path $workDirectory 'empty.db'
    $ledgerProbe = Join-Path $workDirectory 'ledger-probe.ps1'
    Set-Content -Path $ledgerProbe -Value @'
param($Csv, $Ledger, $BaseUri, $VendorKey, $PartnerKey)
$ErrorActionPreference = 'Stop'
Import-Module GradientMsp
$null = Connect-GradientIntegration -VendorApiKey $VendorKey -PartnerApiKey $PartnerKey -BaseUri $BaseUri -SkipStatusUpdate -RequestsPerSecond 0
$summary = Import-Csv -Path $Csv | Sync-GradientUsage -LedgerPath $Ledger -Summary -ThrottleLimit 32 -WarningAction SilentlyContinue | Where-Object { $_ -is [GradientMsp.Client.Usage.UsageSyncSummary] }
$process = [Diagnostics.Process]::GetCurrentProcess()
$process.Refresh()
[pscustomobject]@{ PeakBytes = $process.PeakWorkingSet64; Total = $summary.Total; Pushed = $summary.Pushed; Unchanged = $summary.Unchanged; Seconds = $summary.Elapsed.TotalSeconds } | ConvertTo-Json -Compress
'@
    $ledgerPeaks = @{}
    foreach ($kind in 'Empty', 'Million') {
        $path = if ($kind -eq 'Empty') { $emptyLedger } else { $bigLedger }
        $json = Invoke-FreshPwsh @('-NoProfile', '-NonInteractive', '-File', $ledgerProbe, '-Csv', $csv, '-Ledger', $path, '-BaseUri', $emulator.baseUri, '-VendorKey', $emulator.vendorKey, '-PartnerKey', $emulator.partnerKey)
        if ($LASTEXITCODE -ne 0) { throw "The ledger memory probe ($kind) failed: $json" }
        $ledgerPeaks[$kind] = ($json | Select-Object -Last 1) | ConvertFrom-Json
    }
    $millionMb = $ledgerPeaks.Million.PeakBytes / 1MB
    $emptyMb = $ledgerPeaks.Empty.PeakBytes / 1MB
    Add-Figure "Ledger: peak working set, $LedgerRows rows against $LedgerEntries entries" ('{0:0} MB ({1} unchanged, {2} pushed in {3:0.0} s; ledger file {4:0} MB, seeded in {5:0} s)' -f $millionMb, $ledgerPeaks.Million.Unchanged, $ledgerPeaks.Million.Pushed, $ledgerPeaks.Million.Seconds, ((Get-Item $bigLedger).Length / 1MB), $millionSeconds) '< 250 MB' ($millionMb -lt 250 -and $ledgerPeaks.Million.Total -eq $LedgerRows)
    Add-Figure "Ledger: peak working set, $LedgerEntries entries vs an empty ledger" ('{0:+0;-0} MB ({1:0} MB vs {2:0} MB; the empty-ledger run pushed and recorded all {3})' -f ($millionMb - $emptyMb), $millionMb, $emptyMb, $ledgerPeaks.Empty.Pushed) '<= 30 MB' (($millionMb - $emptyMb) -le 30)
}
finally {
    if (-not $emulator.Process.HasExited) { $emulator.Process.Kill($true) }
}

# ---- 4. import time ---------------------------------------------------------------------------------
# Bare and importing runs are interleaved, so a drift in the machine's speed hits all alike. A third
# kind imports a manifest with nothing in it: not a target, but the part of the figure that is
# PowerShell's own Import-Module machinery, printed so the module's share can be read off.
$emptyModuleRoot = Join-Path $workDirectory 'modules'
$null = New-Item -ItemType Directory -Path (Join-Path $emptyModuleRoot 'GradientMspBenchEmpty') -Force
Set-Content -Path (Join-Path $emptyModuleRoot 'GradientMspBenchEmpty/GradientMspBenchEmpty.psd1') -Value "@{ ModuleVersion = '1.0.0'; GUID = '$([guid]::NewGuid())'; FunctionsToExport = @(); CmdletsToExport = @(); VariablesToExport = @(); AliasesToExport = @() }"
$savedModulePath = $env:PSModulePath
$env:PSModulePath = $env:PSModulePath + [IO.Path]::PathSeparator + $emptyModuleRoot
$times = @{ Bare = [System.Collections.Generic.List[double]]::new(); Module = [System.Collections.Generic.List[double]]::new(); Empty = [System.Collections.Generic.List[double]]::new() }
$commands = [ordered]@{ Bare = 'exit 0'; Module = 'Import-Module GradientMsp; exit 0'; Empty = 'Import-Module GradientMspBenchEmpty; exit 0' }
try {
    foreach ($command in $commands.Values) { $null = Invoke-FreshPwsh @('-NoProfile', '-NonInteractive', '-Command', $command) }   # warm the disk and module caches once
    foreach ($run in 1..$ImportRuns) {
        foreach ($kind in $commands.Keys) {
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $null = Invoke-FreshPwsh @('-NoProfile', '-NonInteractive', '-Command', $commands[$kind])
            $times[$kind].Add($clock.Elapsed.TotalMilliseconds)
        }
    }
}
finally { $env:PSModulePath = $savedModulePath }
$median = @{}
foreach ($kind in $commands.Keys) { $median[$kind] = ($times[$kind] | Sort-Object)[[math]::Floor($ImportRuns / 2)] }
Add-Figure 'Import-Module GradientMsp, added to a fresh pwsh -NoProfile' ('{0:0} ms ({1:0} ms vs {2:0} ms, median of {3})' -f ($median.Module - $median.Bare), $median.Module, $median.Bare, $ImportRuns) '< 300 ms' (($median.Module - $median.Bare) -lt 300)
Write-Host ('         for reference, Import-Module of an empty manifest adds {0:0} ms on this machine' -f ($median.Empty - $median.Bare))

Remove-Item $workDirectory -Recurse -Force -ErrorAction SilentlyContinue
$met = @($results | Where-Object Met).Count
$missed = $results.Count - $met
Write-Host "Machine: $([Environment]::ProcessorCount) cores, $([math]::Round((Get-Content /proc/meminfo -ErrorAction SilentlyContinue | Select-String MemTotal | ForEach-Object { ($_ -split '\s+')[1] }) / 1MB, 1)) GiB, $([Runtime.InteropServices.RuntimeInformation]::OSDescription), PowerShell $($PSVersionTable.PSVersion)"
Write-Host "Bench: $met met, $missed missed"
if ($missed -gt 0) { exit 1 }
