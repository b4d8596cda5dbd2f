# Test-GradientIntegration against the emulator: each check turns red (or amber) for its own cause,
# and back to green when the cause is gone.
Describe 'Test-GradientIntegration' {
    BeforeAll {
        . $PSScriptRoot/common.ps1
        $script:emulator = Start-GradientEmulator
        $script:keys = @{ VendorApiKey = $emulator.VendorKey; PartnerApiKey = $emulator.PartnerKey; BaseUri = $emulator.BaseUri; MaxRetries = 0; NoWelcome = $true }
        Connect-GradientIntegration @keys
        function Get-Check([string] $Name) { Test-GradientIntegration | Where-Object { "$($_.Name)" -eq $Name } }
    }
    AfterAll {
        Get-GradientConnection | Disconnect-GradientIntegration -ErrorAction SilentlyContinue
        $emulator | Stop-GradientEmulator
    }

    Context 'a fresh integration: nothing set up yet' {
        It 'warns on status (pending), portal URL and the first sync, and fails on accounts and services' {
            $checks = @(Test-GradientIntegration)
            ($checks | ForEach-Object { "$($_.Name)" }) | Should -Be @('Keys', 'Status', 'PortalUrl', 'Accounts', 'Services', 'UnmappedAccounts', 'UnmappedServices', 'LastSync')
            $status = @{}; foreach ($c in $checks) { $status["$($c.Name)"] = "$($c.Status)" }
            $status.Keys | Should -Be 'Pass'
            $status.Status | Should -Be 'Warn'
            $status.PortalUrl | Should -Be 'Warn'
            $status.Accounts | Should -Be 'Fail'
            $status.Services | Should -Be 'Fail'
            $status.LastSync | Should -Be 'Warn'
            foreach ($c in $checks | Where-Object { "$($_.Status)" -in 'Warn', 'Fail' }) {
                $c.Fix | Should -Not -BeNullOrEmpty -Because "$($c.Name) must say how to fix it"
            }
            Test-GradientIntegration -Quiet | Should -BeFalse
        }
    }

    Context 'set up, mapped, active and synced' {
        BeforeAll {
            New-GradientService -Name 'Managed EDR' -Description 'EDR per endpoint' -Category security -Subcategory 'endpoint detection and response (EDR)' | Out-Null
            Set-GradientVendor -IntegrationPortalUrl 'https://portal.example.com/gradient' -Confirm:$false | Out-Null
            New-GradientAccount -Id 'cust-1' -Name 'Contoso Ltd' -Description 'contoso.example' | Out-Null
            Set-GradientEmulatorMapping -AccountId 'cust-1' -PsaClientName 'Contoso Ltd' -Confirm:$false | Out-Null
            Set-GradientEmulatorMapping -ServiceId (Get-GradientService -Name 'Managed EDR').Id -PsaServiceName 'Endpoint Protection' -Confirm:$false | Out-Null
            Set-GradientStatus -Status active -Confirm:$false
            $rows = @([pscustomobject]@{ accountId = 'cust-1'; serviceName = 'Managed EDR'; unitCount = 5 } | Sync-GradientUsage)
            $rows | Where-Object { $_ -is [GradientMsp.Client.Usage.UsageResult] } | ForEach-Object { "$($_.Outcome)" } | Should -Be 'Pushed'
        }

        It 'passes every check, and -Quiet says $true' {
            $checks = @(Test-GradientIntegration)
            $checks | Should -HaveCount 8
            foreach ($c in $checks) { "$($c.Status)" | Should -Be 'Pass' -Because "$c" }
            Test-GradientIntegration -Quiet | Should -BeTrue
        }

        It 'Keys fails when the service refuses them, and skips the rest' {
            Add-GradientEmulatorFault -Path '/organization' -Method GET -StatusCode 401 -Count 1 -Confirm:$false | Out-Null
            $checks = @(Test-GradientIntegration)
            "$($checks[0].Name) $($checks[0].Status)" | Should -Be 'Keys Fail'
            $checks[0].Fix | Should -Match 'Partner API Key'
            @($checks | Select-Object -Skip 1 | Where-Object { "$($_.Status)" -ne 'Skipped' }) | Should -HaveCount 0
            Test-GradientIntegration -Quiet | Should -BeTrue -Because 'the fault hit one request only'
        }

        It 'Keys fails when the service is down (503), with a network fix' {
            Add-GradientEmulatorFault -Path '/organization' -Method GET -StatusCode 503 -Count 1 -Confirm:$false | Out-Null
            $keys = Get-Check Keys
            "$($keys.Status)" | Should -Be 'Fail'
            $keys.Fix | Should -Match 'network'
        }

        It 'Status fails when the integration is inactive and warns when pending' {
            Set-GradientStatus -Status inactive -Confirm:$false
            "$((Get-Check Status).Status)" | Should -Be 'Fail'
            Test-GradientIntegration -Quiet | Should -BeFalse
            Set-GradientStatus -Status pending -Confirm:$false
            "$((Get-Check Status).Status)" | Should -Be 'Warn'
            Set-GradientStatus -Status active -Confirm:$false
            "$((Get-Check Status).Status)" | Should -Be 'Pass'
        }

        It 'PortalUrl fails when the vendor cannot be read' {
            Add-GradientEmulatorFault -Path '/api/vendor-api' -Method GET -StatusCode 500 -Count 1 -Confirm:$false | Out-Null
            "$((Get-Check PortalUrl).Status)" | Should -Be 'Fail'
            "$((Get-Check PortalUrl).Status)" | Should -Be 'Pass'
        }

        It 'UnmappedAccounts warns and names the accounts the partner has not mapped' {
            New-GradientAccount -Id 'cust-9' -Name 'Nobody Inc' -Description 'no PSA client' | Out-Null
            $check = Get-Check UnmappedAccounts
            "$($check.Status)" | Should -Be 'Warn'
            $check.Items | Should -Be @('cust-9')
            $check.Message | Should -Match 'cust-9'
            Test-GradientIntegration -Quiet | Should -BeTrue -Because 'an unmapped account is a warning, not a failure'
            Set-GradientEmulatorMapping -AccountId 'cust-9' -PsaClientName 'Fabrikam Inc' -Confirm:$false | Out-Null
            "$((Get-Check UnmappedAccounts).Status)" | Should -Be 'Pass'
        }

        It 'UnmappedServices warns and names the organization services the partner has not mapped' {
            New-GradientOrganizationService -Id 'org-svc-1' -Name 'Offsite Vault Plus' -Description 'per GB, no PSA twin' | Out-Null
            $check = Get-Check UnmappedServices
            "$($check.Status)" | Should -Be 'Warn'
            $check.Items | Should -Be @('org-svc-1')
            Set-GradientEmulatorMapping -ServiceId 'org-svc-1' -PsaServiceName 'Cloud Backup' -Confirm:$false | Out-Null
            "$((Get-Check UnmappedServices).Status)" | Should -Be 'Pass'
        }

        It 'Accounts fails when the accounts cannot be read' {
            Add-GradientEmulatorFault -Path '/organization/accounts' -Method GET -StatusCode 500 -Count 1 -Confirm:$false | Out-Null
            "$((Get-Check Accounts).Status)" | Should -Be 'Fail'
        }
    }

    Context 'a sync that has stopped landing' {
        It 'LastSync fails when lastSyncedAt is older than -MaxSyncAgeHours' {
            # The emulator keeps real time, so the stale sync is written into a saved state file
            # that a second emulator loads.
            $stateFile = Join-Path $TestDrive 'state.json'
            $first = Start-GradientEmulator -StateFile $stateFile
            try {
                Connect-GradientIntegration -Emulator $first -NoWelcome
                New-GradientService -Name 'Managed EDR' -Description 'EDR per endpoint' -Category security -Subcategory 'endpoint detection and response (EDR)' | Out-Null
                New-GradientAccount -Id 'cust-1' -Name 'Contoso Ltd' -Description 'x' | Out-Null
                Set-GradientEmulatorMapping -ServiceId (Get-GradientService -Name 'Managed EDR').Id -PsaServiceName 'Endpoint Protection' -Confirm:$false | Out-Null
                $null = [pscustomobject]@{ accountId = 'cust-1'; serviceName = 'Managed EDR'; unitCount = 5 } | Sync-GradientUsage
                "$((Get-Check LastSync).Status)" | Should -Be 'Pass'
            }
            finally {
                $first | Stop-GradientEmulator
            }

            $old = [DateTimeOffset]::UtcNow.AddDays(-10).ToString('yyyy-MM-ddTHH:mm:ss.fffZ')
            $state = Get-Content -Raw $stateFile
            $stale = [regex]::Replace($state, '("lastSyncedAt"\s*:\s*)"[^"]+"', ('${1}"' + $old + '"'), 'IgnoreCase')
            $stale | Should -Not -Be $state -Because 'the saved state must carry lastSyncedAt'
            Set-Content -Path $stateFile -Value $stale

            $second = Start-GradientEmulator -StateFile $stateFile
            try {
                Connect-GradientIntegration -Emulator $second -NoWelcome
                $check = Get-Check LastSync
                "$($check.Status)" | Should -Be 'Fail'
                $check.Message | Should -Match '10 days'
                "$((Test-GradientIntegration -MaxSyncAgeHours 300 | Where-Object { "$($_.Name)" -eq 'LastSync' }).Status)" | Should -Be 'Pass'
            }
            finally {
                $second | Stop-GradientEmulator
                Connect-GradientIntegration @keys
            }
        }
    }
}
