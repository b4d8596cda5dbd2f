# The push ledger end to end against the emulator (docs/usage-sync.md, "Ledger"): Sync-GradientUsage
# -LedgerPath sends only what changed, distrusts a reconnected partner, reports and zeroes Missing pairs;
# Compare-GradientUsage sends nothing; Get-GradientUsageLedger reads it; a second run is refused; and a
# ledgered run killed with SIGKILL is finished by a re-run whose ledger matches the emulator exactly.
Describe 'Usage ledger' {
    BeforeAll {
        . $PSScriptRoot/common.ps1
        . $PSScriptRoot/TestEmulator.ps1

        $script:emulator = Start-TestEmulator -RateLimit 0
        $script:api = $emulator.apiBaseUri
        $script:control = $emulator.controlBaseUri
        $script:org = $emulator.organizationId
        $script:headers = @{ 'GRADIENT-TOKEN' = $emulator.token }
        $script:work = Join-Path ([IO.Path]::GetTempPath()) "gm-ledger-pester-$PID"
        $null = New-Item -ItemType Directory -Path $script:work -Force

        function Invoke-Control([string] $Method, [string] $Path, $Body) {
            $parameters = @{ Method = $Method; Uri = "$script:control$Path" }
            if ($null -ne $Body) { $parameters.Body = ConvertTo-Json -InputObject $Body -Depth 5; $parameters.ContentType = 'application/json' }
            Invoke-RestMethod @parameters
        }

        function Get-Counts {
            # account|service -> unit count, as the emulator holds them now
            $map = @{}
            foreach ($c in @((Invoke-Control GET "/state?organizationId=$script:org").partners[0].counts)) { $map["$($c.accountId)|$($c.serviceId)"] = [decimal] $c.unitCount }
            $map
        }

        function Get-CountRequestCount {
            @((Invoke-Control GET '/requests').entries | Where-Object { $_.method -eq 'POST' -and $_.path -like '*/count' }).Count
        }

        function New-Ledger { Join-Path $script:work ("ledger-{0}.db" -f [guid]::NewGuid().ToString('N').Substring(0, 8)) }

        $body = @{ name = 'Managed EDR'; description = 'test'; category = 'other'; subcategory = 'other' } | ConvertTo-Json
        $null = Invoke-RestMethod -Method Post -Uri "$script:api/service" -Headers $script:headers -ContentType 'application/json' -Body $body
        $script:service = ((Invoke-RestMethod -Uri $script:api -Headers $script:headers).data.skus | Where-Object name -eq 'Managed EDR').id
        $null = Invoke-Control PUT "/partners/$script:org/mappings/services/$script:service" @{ psaServiceId = 'psa-service-1' }

        function Add-MappedAccounts([string[]] $Ids) {
            $accounts = @($Ids | ForEach-Object { @{ id = $_; name = "Customer $_"; description = '' } })
            for ($i = 0; $i -lt $accounts.Count; $i += 500) {
                $batch = @($accounts[$i..([math]::Min($i + 499, $accounts.Count - 1))])
                $null = Invoke-RestMethod -Method Post -Uri "$script:api/organization/accounts" -Headers $script:headers -ContentType 'application/json' -Body (ConvertTo-Json -InputObject $batch -Depth 3)
            }
            foreach ($id in $Ids) { $null = Invoke-Control PUT "/partners/$script:org/mappings/accounts/$id" @{ psaClientId = 'psa-client-1' } }
        }

        function Connect-Test {
            Connect-GradientIntegration -VendorApiKey $script:emulator.vendorKey -PartnerApiKey $script:emulator.partnerKey -BaseUri $script:emulator.baseUri -PassThru
        }

        Add-MappedAccounts @('a-1', 'a-2', 'a-3', 'a-4')
        $script:connection = Connect-Test

        function Rows([hashtable] $Counts) {
            foreach ($key in $Counts.Keys | Sort-Object) { [pscustomobject]@{ AccountId = $key; ServiceId = $script:service; UnitCount = $Counts[$key] } }
        }
    }

    AfterAll {
        Get-GradientConnection | ForEach-Object { Disconnect-GradientIntegration -Connection $_ -KeepStatus }
        Stop-TestEmulator $script:emulator
        Remove-Item -LiteralPath $script:work -Recurse -Force -ErrorAction SilentlyContinue
    }

    BeforeEach {
        $null = Invoke-Control DELETE '/requests'
    }

    It 'a re-run sends only the changed row; the others are Unchanged and counted in the summary' {
        $ledger = New-Ledger
        $null = Rows @{ 'a-1' = 1; 'a-2' = 2; 'a-3' = 3 } | Sync-GradientUsage -LedgerPath $ledger -Connection $script:connection
        Get-CountRequestCount | Should -Be 3
        $null = Invoke-Control DELETE '/requests'

        $results = @(Rows @{ 'a-1' = 1; 'a-2' = 20; 'a-3' = 3 } | Sync-GradientUsage -LedgerPath $ledger -Connection $script:connection -SummaryVariable summary)

        Get-CountRequestCount | Should -Be 1
        ($results | Where-Object AccountId -eq 'a-2').Outcome | Should -Be 'Pushed'
        @($results | Where-Object Outcome -eq 'Unchanged').Count | Should -Be 2
        $summary[0].Unchanged | Should -Be 2
        $summary[0].BillingRebuilt | Should -BeTrue
        (Get-Counts)["a-2|$script:service"] | Should -Be 20
    }

    It 'a run with nothing changed sends one row without no_build, so billing is rebuilt and lastSyncedAt moves' {
        $ledger = New-Ledger
        $null = Rows @{ 'a-1' = 5; 'a-2' = 6 } | Sync-GradientUsage -LedgerPath $ledger -Connection $script:connection
        $before = (Invoke-Control GET "/partners/$script:org").lastSyncedAt
        Start-Sleep -Milliseconds 20
        $null = Invoke-Control DELETE '/requests'

        $null = Rows @{ 'a-1' = 5; 'a-2' = 6 } | Sync-GradientUsage -LedgerPath $ledger -Connection $script:connection -SummaryVariable summary -InformationVariable info

        $pushes = @((Invoke-Control GET '/requests').entries | Where-Object { $_.method -eq 'POST' -and $_.path -like '*/count' })
        $pushes.Count | Should -Be 1
        $pushes[0].path | Should -Not -Match 'no_build'
        $summary[0].KeptFresh | Should -BeTrue
        (Invoke-Control GET "/partners/$script:org").lastSyncedAt | Should -Not -Be $before
        "$info" | Should -Match '2 unchanged, 0 missing; billing rebuilt \(one unchanged row re-sent'
    }

    It 'after a disconnect and reconnect every row is sent again, and a warning says why' {
        $ledger = New-Ledger
        $null = Rows @{ 'a-1' = 7; 'a-2' = 8 } | Sync-GradientUsage -LedgerPath $ledger -Connection $script:connection
        # The partner disconnects (accounts and counts go) and reconnects with the same key; the vendor re-creates the accounts.
        $null = Invoke-Control POST "/partners/$script:org/disconnect" @{}
        $null = Invoke-Control POST "/partners/$script:org/connect" @{ partnerKey = $script:emulator.partnerKey }
        Add-MappedAccounts @('a-1', 'a-2', 'a-3', 'a-4')
        $null = Invoke-Control PUT "/partners/$script:org/mappings/services/$script:service" @{ psaServiceId = 'psa-service-1' }
        Get-GradientConnection | ForEach-Object { Disconnect-GradientIntegration -Connection $_ -KeepStatus }
        $script:connection = Connect-Test
        $null = Invoke-Control DELETE '/requests'

        $results = @(Rows @{ 'a-1' = 7; 'a-2' = 8 } | Sync-GradientUsage -LedgerPath $ledger -Connection $script:connection -SummaryVariable summary -WarningVariable warnings -WarningAction SilentlyContinue)

        Get-CountRequestCount | Should -Be 2
        @($results | Where-Object Outcome -eq 'Pushed').Count | Should -Be 2
        $summary[0].LedgerDistrusted | Should -Not -BeNullOrEmpty
        "$warnings" | Should -Match 'not trusted, so every row was treated as changed'
        (Get-Counts)["a-1|$script:service"] | Should -Be 7
    }

    It 'a pair in the ledger but not in the input is Missing with a warning, and -ZeroMissing pushes it as 0' {
        $ledger = New-Ledger
        $null = Rows @{ 'a-3' = 9; 'a-4' = 4 } | Sync-GradientUsage -LedgerPath $ledger -Connection $script:connection
        $null = Invoke-Control DELETE '/requests'

        $results = @(Rows @{ 'a-3' = 9 } | Sync-GradientUsage -LedgerPath $ledger -Connection $script:connection -WarningVariable warnings -WarningAction SilentlyContinue)
        $missing = $results | Where-Object Outcome -eq 'Missing'
        $missing.AccountId | Should -Be 'a-4'
        $missing.LedgerUnitCount | Should -Be 4
        "$warnings" | Should -Match '1 account x service pairs in the ledger .* were not in the input .*-ZeroMissing'
        (Get-Counts)["a-4|$script:service"] | Should -Be 4

        $results = @(Rows @{ 'a-3' = 9 } | Sync-GradientUsage -LedgerPath $ledger -Connection $script:connection -ZeroMissing -WarningAction SilentlyContinue)
        ($results | Where-Object AccountId -eq 'a-4').Outcome | Should -Be 'Pushed'
        (Get-Counts)["a-4|$script:service"] | Should -Be 0
        (Get-GradientUsageLedger -LedgerPath $ledger -AccountId 'a-4').UnitCount | Should -Be 0
    }

    It 'a retry (results piped back) judges no pair Missing, so -ZeroMissing never zeroes the customers whose rows had landed' {
        $ledger = New-Ledger
        $first = @(Rows @{ 'a-1' = 11; 'a-2' = 12 } | Sync-GradientUsage -LedgerPath $ledger -Connection $script:connection)
        $first.Outcome | Should -Be @('Pushed', 'Pushed')

        # Re-pipe one result, as a retry of what failed would: in memory, and read back from its CSV.
        $retry = @($first | Where-Object AccountId -eq 'a-2' | Sync-GradientUsage -LedgerPath $ledger -Connection $script:connection -ZeroMissing -Force -WarningVariable warnings -WarningAction SilentlyContinue)
        $retry.Count | Should -Be 1
        $retry[0].Outcome | Should -Be 'Pushed'
        "$warnings" | Should -Match 'Missing pairs were not judged .* nothing was pushed as 0: the input held results piped back'
        (Get-Counts)["a-1|$script:service"] | Should -Be 11

        $csv = Join-Path $script:work 'retry.csv'
        $first | Where-Object AccountId -eq 'a-2' | Export-Csv -Path $csv -NoTypeInformation
        $fromCsv = @(Import-Csv -Path $csv | Sync-GradientUsage -LedgerPath $ledger -Connection $script:connection -ZeroMissing -Force -SummaryVariable summary -WarningAction SilentlyContinue)
        @($fromCsv | Where-Object Outcome -eq 'Missing').Count | Should -Be 0
        $summary[0].MissingNotJudged | Should -BeTrue
        (Get-Counts)["a-1|$script:service"] | Should -Be 11
        (Get-GradientUsageLedger -LedgerPath $ledger -AccountId 'a-1').UnitCount | Should -Be 11
    }

    It 'Compare-GradientUsage says what would be sent, unchanged and missing, and sends no count' {
        $ledger = New-Ledger
        $null = Rows @{ 'a-1' = 1; 'a-2' = 2; 'a-3' = 3 } | Sync-GradientUsage -LedgerPath $ledger -Connection $script:connection
        $null = Invoke-Control DELETE '/requests'

        $results = @(Rows @{ 'a-1' = 1; 'a-2' = 22 } | Compare-GradientUsage -LedgerPath $ledger -Connection $script:connection -WarningAction SilentlyContinue)

        Get-CountRequestCount | Should -Be 0
        ($results | Where-Object AccountId -eq 'a-1').Outcome | Should -Be 'Unchanged'
        $changed = $results | Where-Object AccountId -eq 'a-2'
        $changed.Outcome | Should -Be 'NotSent'
        $changed.Reason | Should -Match 'would be sent \(the ledger has 2'
        ($results | Where-Object AccountId -eq 'a-3').Outcome | Should -Be 'Missing'
        (Get-GradientUsageLedger $ledger -AccountId 'a-2').UnitCount | Should -Be 2
    }

    It 'Compare-GradientUsage without -LedgerPath, and -Force without it, stop with what to do' {
        { Rows @{ 'a-1' = 1 } | Compare-GradientUsage -Connection $script:connection -ErrorAction Stop } | Should -Throw -ErrorId 'LedgerPathRequired,*'
        { Rows @{ 'a-1' = 1 } | Sync-GradientUsage -Force -Connection $script:connection -ErrorAction Stop } | Should -Throw -ErrorId 'LedgerPathRequired,*'
        Get-CountRequestCount | Should -Be 0
    }

    It 'Get-GradientUsageLedger shows what was pushed, when and by which run; the key is nowhere, only its fingerprint' {
        $ledger = New-Ledger
        $null = Rows @{ 'a-1' = 11 } | Sync-GradientUsage -LedgerPath $ledger -Connection $script:connection -Verbose 4>&1 6>&1 3>&1
        $entry = Get-GradientUsageLedger -LedgerPath $ledger -AccountId 'a-1'
        $entry.UnitCount | Should -Be 11
        $entry.ServiceId | Should -Be $script:service
        $entry.OrganizationId | Should -Be $script:org
        $entry.RunId | Should -Match '^\d{8}T\d{6}Z-[0-9a-f]{6}$'
        $entry.Trusted | Should -BeTrue
        ([DateTimeOffset]::UtcNow - $entry.LandedAt).TotalMinutes | Should -BeLessThan 5
        $partner = Get-GradientUsageLedger -LedgerPath $ledger -Partner
        $partner.KeyFingerprint | Should -Match '^[0-9a-f]{16}$'

        $everything = (Get-GradientUsageLedger $ledger | Out-String) + ($partner | Format-List * | Out-String)
        $everything | Should -Not -Match ([regex]::Escape($script:emulator.partnerKey))
        foreach ($file in Get-ChildItem -Path "$ledger*") {
            $bytes = [IO.File]::ReadAllBytes($file.FullName)
            [Text.Encoding]::UTF8.GetString($bytes) | Should -Not -Match ([regex]::Escape($script:emulator.partnerKey))
            [Text.Encoding]::Unicode.GetString($bytes) | Should -Not -Match ([regex]::Escape($script:emulator.partnerKey))
        }
        { Get-GradientUsageLedger -LedgerPath (Join-Path $script:work 'none.db') -ErrorAction Stop } | Should -Throw -ErrorId 'LedgerUnavailable,*'
        Test-Path (Join-Path $script:work 'none.db') | Should -BeFalse
    }

    It 'a second run on a ledger in use stops at once with LedgerUnavailable and sends nothing' {
        $ledger = New-Ledger
        $held = [GradientMsp.Client.Ledger.UsageLedger]::Open($ledger)
        try {
            $err = $null
            try { Rows @{ 'a-1' = 1 } | Sync-GradientUsage -LedgerPath $ledger -Connection $script:connection -ErrorAction Stop } catch { $err = $_ }
            $err.FullyQualifiedErrorId | Should -BeLike 'LedgerUnavailable,*'
            $err.CategoryInfo.Category | Should -Be 'ResourceBusy'
            "$err" | Should -Match 'in use by another run'
            Get-CountRequestCount | Should -Be 0
        }
        finally { $held.Dispose() }
        $null = Rows @{ 'a-1' = 1 } | Sync-GradientUsage -LedgerPath $ledger -Connection $script:connection
        Get-CountRequestCount | Should -Be 1
    }

    It 'a file that is not a ledger is refused and left as it was' {
        $csv = Join-Path $script:work 'usage.csv'
        Set-Content -Path $csv -Value "AccountId,ServiceId,UnitCount`na-1,$script:service,1"
        $before = Get-FileHash $csv
        { Rows @{ 'a-1' = 1 } | Sync-GradientUsage -LedgerPath $csv -Connection $script:connection -ErrorAction Stop } | Should -Throw -ErrorId 'LedgerUnavailable,*'
        (Get-FileHash $csv).Hash | Should -Be $before.Hash
        Get-CountRequestCount | Should -Be 0
    }

    It 'a ledgered run killed with SIGKILL mid-run is finished by a re-run: every row lands and the ledger matches the emulator exactly' {
        $ids = @(1..600 | ForEach-Object { 'k-{0:d4}' -f $_ })
        Add-MappedAccounts $ids
        $services = @($script:service)
        foreach ($n in 1..2) {
            $b = @{ name = "Kill Service $n"; description = 'test'; category = 'other'; subcategory = 'other' } | ConvertTo-Json
            $null = Invoke-RestMethod -Method Post -Uri "$script:api/service" -Headers $script:headers -ContentType 'application/json' -Body $b
            $id = ((Invoke-RestMethod -Uri $script:api -Headers $script:headers).data.skus | Where-Object name -eq "Kill Service $n").id
            $null = Invoke-Control PUT "/partners/$script:org/mappings/services/$id" @{ psaServiceId = 'psa-service-1' }
            $services += $id
        }
        $csv = Join-Path $script:work 'kill.csv'
        $i = 0
        @(foreach ($service in $services) { foreach ($id in $ids) { $i++; [pscustomobject]@{ AccountId = $id; ServiceId = $service; UnitCount = 1000 + $i } } }) | Export-Csv -Path $csv -NoTypeInformation
        $rowCount = $ids.Count * $services.Count
        $ledger = New-Ledger

        $child = Join-Path $script:work 'kill-child.ps1'
        Set-Content -Path $child -Value @'
param($Csv, $Ledger, $BaseUri, $VendorKey, $PartnerKey)
Import-Module GradientMsp
$null = Connect-GradientIntegration -VendorApiKey $VendorKey -PartnerApiKey $PartnerKey -BaseUri $BaseUri -RequestsPerSecond 100
Import-Csv $Csv | Sync-GradientUsage -LedgerPath $Ledger -Summary | Out-Null
'@
        $start = [Diagnostics.ProcessStartInfo]::new([Environment]::ProcessPath)
        if ([IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet') { $start.ArgumentList.Add([Reflection.Assembly]::GetEntryAssembly().Location) }
        foreach ($a in @('-NoProfile', '-NonInteractive', '-File', $child, '-Csv', $csv, '-Ledger', $ledger, '-BaseUri', $script:emulator.baseUri, '-VendorKey', $script:emulator.vendorKey, '-PartnerKey', $script:emulator.partnerKey)) { $start.ArgumentList.Add($a) }
        $start.UseShellExecute = $false
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $process = [Diagnostics.Process]::Start($start)
        try {
            $deadline = [DateTime]::UtcNow.AddSeconds(90)
            do {
                Start-Sleep -Milliseconds 200
                $landed = (Get-Counts).Count
            } while ($landed -lt 700 -and -not $process.HasExited -and [DateTime]::UtcNow -lt $deadline)
            if ($process.HasExited) { throw "The child sync ended before it could be killed: $($process.StandardError.ReadToEnd())" }
            $process.Kill()   # SIGKILL on Linux and macOS: no finally, no Dispose, no flush
            $process.WaitForExit()
        }
        finally { if (-not $process.HasExited) { $process.Kill($true) } }
        $landedAtKill = (Get-Counts).Count
        $landedAtKill | Should -BeLessThan $rowCount

        $null = Import-Csv $csv | Sync-GradientUsage -LedgerPath $ledger -Connection $script:connection -SummaryVariable summary -WarningAction SilentlyContinue
        $summary[0].Failed + $summary[0].NotSent + $summary[0].Invalid + $summary[0].Unmapped | Should -Be 0
        $summary[0].Unchanged | Should -BeGreaterThan 0 -Because 'batches written before the kill are kept'
        $summary[0].Total | Should -Be $rowCount

        $counts = Get-Counts
        $entries = @(Get-GradientUsageLedger -LedgerPath $ledger)
        $entries.Count | Should -Be $rowCount
        $i = 0
        foreach ($service in $services) { foreach ($id in $ids) { $i++; $counts["$id|$service"] | Should -Be (1000 + $i) } }
        foreach ($entry in $entries) {
            $entry.Trusted | Should -BeTrue
            $entry.UnitCount | Should -Be $counts["$($entry.AccountId)|$($entry.ServiceId)"]
        }
    }
}
