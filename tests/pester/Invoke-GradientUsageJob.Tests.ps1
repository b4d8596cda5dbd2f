# The RMM entry point, run the way an agent runs it: a child pwsh with -File, keys in the
# environment or a credential file, faults injected into the emulator; the exit code is the contract.
Describe 'Invoke-GradientUsageJob.ps1' {
    BeforeAll {
        . $PSScriptRoot/common.ps1
        $script:job = Join-Path (Get-Module GradientMsp).ModuleBase 'Invoke-GradientUsageJob.ps1'
        $script:emulator = Start-GradientEmulator -Connect
        New-GradientService -Name 'Managed EDR' -Description 'EDR per endpoint' -Category security -Subcategory 'endpoint detection and response (EDR)' | Out-Null
        Set-GradientEmulatorMapping -ServiceId (Get-GradientService -Name 'Managed EDR').Id -PsaServiceName 'Endpoint Protection' -Confirm:$false | Out-Null
        Import-Csv (Join-Path $PSScriptRoot '../../examples/customers.csv') | New-GradientAccount | Out-Null
        $script:usage = Join-Path $TestDrive 'usage.csv'
        @(
            [pscustomobject]@{ accountId = 'cust-1'; serviceName = 'Managed EDR'; unitCount = 42 }
            [pscustomobject]@{ accountId = 'cust-2'; serviceName = 'Managed EDR'; unitCount = 17 }
            [pscustomobject]@{ accountId = 'not-mapped'; serviceName = 'Managed EDR'; unitCount = 3 }
        ) | Export-Csv -Path $usage -NoTypeInformation

        # Runs the job in a child pwsh with only the given keys in its environment.
        function Invoke-Job {
            param([string[]] $Arguments, [string] $VendorKey = $emulator.VendorKey, [string] $PartnerKey = $emulator.PartnerKey, [string] $LogDirectory)
            $saved = @{}
            foreach ($name in 'GRADIENT_VENDOR_API_KEY', 'GRADIENT_PARTNER_API_KEY', 'GRADIENT_BASE_URI') { $saved[$name] = [Environment]::GetEnvironmentVariable($name) }
            try {
                [Environment]::SetEnvironmentVariable('GRADIENT_VENDOR_API_KEY', $VendorKey)
                [Environment]::SetEnvironmentVariable('GRADIENT_PARTNER_API_KEY', $PartnerKey)
                [Environment]::SetEnvironmentVariable('GRADIENT_BASE_URI', $null)
                $output = @(Invoke-FreshPwsh (@('-NoProfile', '-NonInteractive', '-File', $job, '-BaseUri', "$($emulator.BaseUri)", '-MaxRetries', '0', '-LogDirectory', $LogDirectory) + $Arguments) 2>&1 | ForEach-Object { "$_" })
                $exit = $LASTEXITCODE
            }
            finally {
                foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
            }
            $log = @(Get-ChildItem -LiteralPath $LogDirectory -Filter 'usage-job-*.log' | Sort-Object Name | Select-Object -Last 1)
            $text = ''
            if ($log.Count -gt 0) { $text = Get-Content -Raw -LiteralPath $log[0].FullName }
            [pscustomobject]@{ Exit = $exit; Output = $output -join "`n"; Log = $text; LogFile = $log; Directory = $LogDirectory }
        }

        function Assert-NoKey($Run) {
            foreach ($secret in $emulator.VendorKey, $emulator.PartnerKey) {
                $Run.Log | Should -Not -Match ([regex]::Escape($secret))
                $Run.Output | Should -Not -Match ([regex]::Escape($secret))
            }
            Get-ChildItem $Run.Directory -File | ForEach-Object {
                Get-Content -Raw $_.FullName | Should -Not -Match ([regex]::Escape($emulator.PartnerKey))
            }
        }
    }
    AfterAll {
        Get-GradientConnection | Disconnect-GradientIntegration -ErrorAction SilentlyContinue
        $emulator | Stop-GradientEmulator
    }
    AfterEach {
        Clear-GradientEmulatorFault -Confirm:$false
    }

    It 'exits 0 when every row was pushed or is unmapped, and logs the counts' {
        $run = Invoke-Job -Arguments @('-CsvPath', $usage) -LogDirectory (Join-Path $TestDrive 'ok')
        $run.Exit | Should -Be 0 -Because $run.Output
        $run.Log | Should -Match 'pushed 2, unmapped 1, failed 0'
        $run.Log | Should -Match 'check Keys: Pass'
        @(Get-ChildItem (Join-Path $TestDrive 'ok') -Filter '*-failed.csv') | Should -HaveCount 0
        Assert-NoKey $run
    }

    It 'with -LedgerPath sends only what changed, logs unchanged and missing rows, and still exits 0' {
        $dir = Join-Path $TestDrive 'ledger'
        $null = New-Item -ItemType Directory -Path $dir -Force
        $ledger = Join-Path $dir 'usage-ledger.db'
        $first = Invoke-Job -Arguments @('-CsvPath', $usage, '-LedgerPath', $ledger) -LogDirectory $dir
        $first.Exit | Should -Be 0 -Because $first.Output
        $first.Log | Should -Match 'pushed 2, unmapped 1, failed 0, invalid 0, not sent 0, superseded 0, unchanged 0, missing 0'

        $fewer = Join-Path $TestDrive 'usage-fewer.csv'
        Import-Csv $usage | Where-Object accountId -ne 'cust-2' | Export-Csv -Path $fewer -NoTypeInformation
        $second = Invoke-Job -Arguments @('-CsvPath', $fewer, '-LedgerPath', $ledger) -LogDirectory $dir
        $second.Exit | Should -Be 0 -Because $second.Output
        # cust-1 unchanged; the unmapped row is tried again; cust-2 is missing from the export.
        $second.Log | Should -Match 'pushed 0, unmapped 1, failed 0, invalid 0, not sent 0, superseded 0, unchanged 1, missing 1'
        $second.Log | Should -Match 'WARN.*missing from the export: accountId=cust-2'
        Assert-NoKey $second

        $zero = Invoke-Job -Arguments @('-CsvPath', $fewer, '-ZeroMissing') -LogDirectory $dir
        $zero.Exit | Should -Be 2
        $zero.Log | Should -Match '-ZeroMissing needs -LedgerPath'
    }

    It 'exits 1 when a row fails, lists it in the log and in a CSV that re-runs to 0' {
        Add-GradientEmulatorFault -Path '/service/*/count' -Method POST -StatusCode 500 -Count 1 -Confirm:$false | Out-Null
        $dir = Join-Path $TestDrive 'failed'
        $run = Invoke-Job -Arguments @('-CsvPath', $usage) -LogDirectory $dir
        $run.Exit | Should -Be 1 -Because $run.Output
        $run.Log | Should -Match 'failed 1'
        $run.Log | Should -Match 'row \d+: accountId=cust-\d .*: Failed'
        $failed = @(Get-ChildItem $dir -Filter '*-failed.csv')
        $failed | Should -HaveCount 1
        $rows = @(Import-Csv $failed[0].FullName)
        $rows | Should -HaveCount 1
        $rows[0].accountId | Should -BeLike 'cust-*'
        Assert-NoKey $run

        $again = Invoke-Job -Arguments @('-CsvPath', $failed[0].FullName) -LogDirectory $dir
        $again.Exit | Should -Be 0 -Because $again.Output
        $again.Log | Should -Match 'pushed 1, unmapped 0, failed 0'
    }

    It 'exits 1 for an invalid row (nothing sent for it)' {
        $bad = Join-Path $TestDrive 'bad.csv'
        "accountId,serviceName,unitCount`ncust-1,Managed EDR,-5`ncust-2,Managed EDR,1" | Set-Content $bad
        $run = Invoke-Job -Arguments @('-CsvPath', $bad) -LogDirectory (Join-Path $TestDrive 'invalid')
        $run.Exit | Should -Be 1 -Because $run.Output
        $run.Log | Should -Match 'invalid 1'
    }

    It 'exits 2 when the keys are refused, and never logs them' {
        $run = Invoke-Job -Arguments @('-CsvPath', $usage) -PartnerKey 'wrong-partner-key-0000' -LogDirectory (Join-Path $TestDrive 'refused')
        $run.Exit | Should -Be 2 -Because $run.Output
        $run.Log | Should -Match 'Could not connect'
        $run.Log | Should -Not -Match 'wrong-partner-key'
        $run.Log | Should -Match '\*\*\*\*0000'
    }

    It 'exits 2 when the service is down' {
        Add-GradientEmulatorFault -Path '/organization' -Method GET -StatusCode 503 -Confirm:$false | Out-Null
        $run = Invoke-Job -Arguments @('-CsvPath', $usage) -LogDirectory (Join-Path $TestDrive 'down')
        $run.Exit | Should -Be 2 -Because $run.Output
    }

    It 'exits 2 when the network drops the connection' {
        Add-GradientEmulatorFault -Abort -Confirm:$false | Out-Null
        $run = Invoke-Job -Arguments @('-CsvPath', $usage) -LogDirectory (Join-Path $TestDrive 'abort')
        $run.Exit | Should -Be 2 -Because $run.Output
    }

    It 'exits 2 with no keys anywhere, and starts no emulator' {
        $run = Invoke-Job -Arguments @('-CsvPath', $usage) -VendorKey '' -PartnerKey '' -LogDirectory (Join-Path $TestDrive 'nokeys')
        $run.Exit | Should -Be 2
        $run.Log | Should -Match 'MissingApiKey'
    }

    It 'exits 2 when the integration is inactive (the partner disconnected)' {
        Set-GradientStatus -Status inactive -Confirm:$false
        try {
            $run = Invoke-Job -Arguments @('-CsvPath', $usage) -LogDirectory (Join-Path $TestDrive 'inactive')
            $run.Exit | Should -Be 2 -Because $run.Output
            $run.Log | Should -Match 'check Status: Fail'
        }
        finally {
            Set-GradientStatus -Status pending -Force -Confirm:$false
        }
    }

    It 'exits 2 when the usage source is missing or empty' {
        (Invoke-Job -Arguments @('-CsvPath', (Join-Path $TestDrive 'nope.csv')) -LogDirectory (Join-Path $TestDrive 'missing')).Exit | Should -Be 2
        $empty = Join-Path $TestDrive 'empty.csv'
        'accountId,serviceName,unitCount' | Set-Content $empty
        (Invoke-Job -Arguments @('-CsvPath', $empty) -LogDirectory (Join-Path $TestDrive 'empty')).Exit | Should -Be 2
    }

    It 'reads rows from a usage script' {
        $producer = Join-Path $TestDrive 'rows.ps1'
        "[pscustomobject]@{ accountId = 'cust-3'; serviceName = 'Managed EDR'; unitCount = 8 }" | Set-Content $producer
        $run = Invoke-Job -Arguments @('-UsageScriptPath', $producer) -LogDirectory (Join-Path $TestDrive 'script')
        $run.Exit | Should -Be 0 -Because $run.Output
        $run.Log | Should -Match 'pushed 1'
    }

    It 'keeps only the newest -KeepLogs logs' {
        $dir = Join-Path $TestDrive 'rotate'
        foreach ($i in 1..3) { $null = Invoke-Job -Arguments @('-CsvPath', $usage, '-KeepLogs', '2') -LogDirectory $dir }
        @(Get-ChildItem $dir -Filter 'usage-job-*.log') | Should -HaveCount 2
    }

    Context 'a stored credential file' {
        BeforeAll {
            $script:credFile = Join-Path $TestDrive 'keys.clixml'
            @{ VendorApiKey = (New-TestSecureString $emulator.VendorKey); PartnerApiKey = (New-TestSecureString $emulator.PartnerKey) } | Export-Clixml -Path $credFile
        }

        It 'is refused off Windows, where Export-Clixml does not encrypt it' -Skip:([Environment]::OSVersion.Platform -eq 'Win32NT') {
            $run = Invoke-Job -Arguments @('-CsvPath', $usage, '-CredentialPath', $credFile) -VendorKey '' -PartnerKey '' -LogDirectory (Join-Path $TestDrive 'cred-refused')
            $run.Exit | Should -Be 2
            $run.Log | Should -Match 'unencrypted'
        }

        It 'connects from it (with -AllowUnprotectedCredentialFile off Windows)' {
            $arguments = @('-CsvPath', $usage, '-CredentialPath', $credFile)
            if ([Environment]::OSVersion.Platform -ne 'Win32NT') { $arguments += '-AllowUnprotectedCredentialFile' }
            $run = Invoke-Job -Arguments $arguments -VendorKey '' -PartnerKey '' -LogDirectory (Join-Path $TestDrive 'cred')
            $run.Exit | Should -Be 0 -Because $run.Output
            $run.Log | Should -Match 'keys from credential file'
            Assert-NoKey $run
        }
    }
}
