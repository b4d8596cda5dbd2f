# Sync-GradientUsage end to end against the emulator: outcomes, no_build, retries under faults,
# re-piping failures, -WhatIf, several partners in one run, and no secret in any stream.
Describe 'Sync-GradientUsage' {
    BeforeAll {
        . $PSScriptRoot/common.ps1
        . $PSScriptRoot/TestEmulator.ps1

        $script:emulator = Start-TestEmulator -RateLimit 0
        $script:api = $emulator.apiBaseUri
        $script:control = $emulator.controlBaseUri
        $script:org = $emulator.organizationId
        $script:headers = @{ 'GRADIENT-TOKEN' = $emulator.token }

        function Invoke-Control([string] $Method, [string] $Path, $Body) {
            $parameters = @{ Method = $Method; Uri = "$script:control$Path" }
            if ($null -ne $Body) { $parameters.Body = ConvertTo-Json -InputObject $Body -Depth 5; $parameters.ContentType = 'application/json' }
            Invoke-RestMethod @parameters
        }

        function New-VendorService([string] $Name, [hashtable] $Headers = $script:headers) {
            $body = @{ name = $Name; description = 'test'; category = 'other'; subcategory = 'other' } | ConvertTo-Json
            $null = Invoke-RestMethod -Method Post -Uri "$script:api/service" -Headers $Headers -ContentType 'application/json' -Body $body
            ((Invoke-RestMethod -Uri $script:api -Headers $Headers).data.skus | Where-Object name -eq $Name).id
        }

        function Get-Partner([string] $OrganizationId = $script:org) {
            (Invoke-Control GET "/state?organizationId=$OrganizationId").partners | Where-Object { $_.summary.organizationId -eq $OrganizationId }
        }

        function Get-CountRequests {
            @((Invoke-Control GET '/requests').entries | Where-Object { $_.method -eq 'POST' -and $_.path -like '*/count' })
        }

        # A vendor's catalogue: two services, three accounts; the partner maps two accounts and one service.
        $script:mappedService = New-VendorService 'Managed EDR'
        $script:unmappedService = New-VendorService 'Dark Web Watch'
        $accounts = @(
            @{ id = 'cust-1'; name = 'Customer One'; description = '' }
            @{ id = 'cust-2'; name = 'Customer Two'; description = '' }
            @{ id = 'cust-3'; name = 'Customer Three'; description = '' })
        $null = Invoke-RestMethod -Method Post -Uri "$script:api/organization/accounts" -Headers $script:headers -ContentType 'application/json' -Body (ConvertTo-Json -InputObject $accounts)
        $null = Invoke-Control PUT "/partners/$script:org/mappings/accounts/cust-1" @{ psaClientId = 'psa-client-1' }
        $null = Invoke-Control PUT "/partners/$script:org/mappings/accounts/cust-2" @{ psaClientId = 'psa-client-2' }
        $null = Invoke-Control PUT "/partners/$script:org/mappings/services/$script:mappedService" @{ psaServiceId = 'psa-service-1' }
        # Ten more mapped accounts, for runs that need many distinct account x service pairs (the same
        # pair twice in a run is superseded, which is not what those tests are about).
        $load = @(1..10 | ForEach-Object { @{ id = "load-$_"; name = "Load $_"; description = '' } })
        $null = Invoke-RestMethod -Method Post -Uri "$script:api/organization/accounts" -Headers $script:headers -ContentType 'application/json' -Body (ConvertTo-Json -InputObject $load)
        1..10 | ForEach-Object { $null = Invoke-Control PUT "/partners/$script:org/mappings/accounts/load-$_" @{ psaClientId = 'psa-client-1' } }

        $script:connection = Connect-GradientIntegration -VendorApiKey $emulator.vendorKey -PartnerApiKey $emulator.partnerKey -BaseUri $emulator.baseUri -PassThru
    }

    AfterAll {
        Get-GradientConnection | ForEach-Object { Disconnect-GradientIntegration -Connection $_ -KeepStatus }
        Stop-TestEmulator $script:emulator
    }

    BeforeEach {
        $null = Invoke-Control DELETE '/faults'
        $null = Invoke-Control DELETE '/requests'
    }

    Describe 'Sync-GradientUsage outcomes' {
        It 'warns and writes a zero-row summary when a header-only CSV gives no rows' {
            $csv = Join-Path ([IO.Path]::GetTempPath()) "gradient-empty-$([guid]::NewGuid().ToString('n')).csv"
            Set-Content -Path $csv -Value 'accountId,serviceName,unitCount'
            try {
                $output = @(Import-Csv $csv | Sync-GradientUsage -WarningVariable warned -WarningAction SilentlyContinue -SummaryVariable summary)
                $summaryOnly = @(Import-Csv $csv | Sync-GradientUsage -Summary -WarningAction SilentlyContinue)
            }
            finally { Remove-Item $csv }
            @($warned).Count | Should -Be 1
            "$($warned[0])" | Should -Match 'no usage rows'
            # No rows in, no rows out: the zero-row summary is in -SummaryVariable, and -Summary writes it.
            $output.Count | Should -Be 0
            @($summary).Count | Should -Be 1
            $summary[0] | Should -BeOfType ([GradientMsp.Client.Usage.UsageSyncSummary])
            $summary[0].Total | Should -Be 0
            $summary[0].Connection.Id | Should -Be $script:connection.Id
            $summaryOnly.Count | Should -Be 1
            $summaryOnly[0].Total | Should -Be 0
            @(Get-CountRequests).Count | Should -Be 0
        }

        It 'pushes mapped rows, reports unmapped ones, and pushes zero counts' {
            $rows = @(
                [pscustomobject]@{ AccountId = 'cust-1'; ServiceName = 'Managed EDR'; UnitCount = 12 }
                [pscustomobject]@{ AccountId = 'cust-2'; ServiceName = 'managed edr'; UnitCount = 0 }
                [pscustomobject]@{ AccountId = 'cust-3'; ServiceName = 'Managed EDR'; UnitCount = 4 }
                [pscustomobject]@{ AccountId = 'cust-1'; ServiceId = $script:unmappedService; UnitCount = 9 })
            $output = @($rows | Sync-GradientUsage -SummaryVariable summary)
            $results = @($output | Where-Object { $_ -is [GradientMsp.Client.Usage.UsageResult] } | Sort-Object Index)

            $output.Count | Should -Be 4
            $results.Count | Should -Be 4
            $results.Index | Should -Be @(1, 2, 3, 4)
            $results.Outcome | Should -Be @('Pushed', 'Pushed', 'Unmapped', 'Unmapped')
            $results[0].ServiceId | Should -Be $script:mappedService
            $summary.Pushed | Should -Be 2
            $summary.Unmapped | Should -Be 2
            $summary.Failed | Should -Be 0
            $summary.BillingRebuilt | Should -BeTrue

            $counts = (Get-Partner).counts
            ($counts | Where-Object accountId -eq 'cust-1' | Where-Object serviceId -eq $script:mappedService).unitCount | Should -Be 12
            # A drop to zero must reach billing: the zero row was sent, not skipped.
            ($counts | Where-Object accountId -eq 'cust-2').unitCount | Should -Be 0
        }

        It 'reports bad rows as Invalid with an error, and still pushes the good rows' {
            $rows = @(
                [pscustomobject]@{ AccountId = ''; ServiceName = 'Managed EDR'; UnitCount = 1 }
                [pscustomobject]@{ AccountId = 'cust-1'; ServiceName = 'Managed EDR'; UnitCount = -3 }
                [pscustomobject]@{ AccountId = 'cust-1'; ServiceName = 'Managed EDR'; UnitCount = 'lots' }
                [pscustomobject]@{ AccountId = 'cust-1'; ServiceName = 'Managed EDR'; UnitCount = '' }
                [pscustomobject]@{ AccountId = 'cust-1'; ServiceName = 'No Such Service'; UnitCount = 1 }
                [pscustomobject]@{ AccountId = 'cust-2'; ServiceName = 'Managed EDR'; UnitCount = '7' })
            $output = @($rows | Sync-GradientUsage -ErrorAction SilentlyContinue -ErrorVariable rowErrors)
            $results = @($output | Where-Object { $_ -is [GradientMsp.Client.Usage.UsageResult] } | Sort-Object Index)

            $results.Outcome | Should -Be @('Invalid', 'Invalid', 'Invalid', 'Invalid', 'Invalid', 'Pushed')
            $results[0..4] | ForEach-Object { $_.Reason | Should -Not -BeNullOrEmpty }
            $results[4].Reason | Should -Match 'No Such Service'
            $rowErrors.Count | Should -Be 5
            $rowErrors | ForEach-Object { $_.FullyQualifiedErrorId | Should -Be 'InvalidUsageRow,GradientMsp.Commands.SyncGradientUsageCommand' }
            (@(Get-CountRequests)).Count | Should -Be 1
        }

        It 'reads hashtable rows by key in any case, and a parameter applies to every row' {
            $rows = @(@{ account = 'cust-1'; quantity = 51 }, @{ ACCOUNTID = 'cust-2'; Units = '52' })
            $results = @($rows | Sync-GradientUsage -ServiceName 'Managed EDR' | Where-Object { $_ -is [GradientMsp.Client.Usage.UsageResult] } | Sort-Object Index)
            $results.Outcome | Should -Be @('Pushed', 'Pushed')
            $results.ServiceId | Should -Be @($script:mappedService, $script:mappedService)
            $counts = (Get-Partner).counts | Where-Object serviceId -eq $script:mappedService
            ($counts | Where-Object accountId -eq 'cust-1').unitCount | Should -Be 51
            ($counts | Where-Object accountId -eq 'cust-2').unitCount | Should -Be 52
        }

        It 'reads rows straight from Import-Csv' {
            $csv = Join-Path $TestDrive 'usage.csv'
            @(
                [pscustomobject]@{ accountId = 'cust-1'; serviceName = 'Managed EDR'; unitCount = '31' }
                [pscustomobject]@{ accountId = 'cust-2'; serviceName = 'Managed EDR'; unitCount = '32' }
            ) | Export-Csv -Path $csv -NoTypeInformation
            $results = @(Import-Csv $csv | Sync-GradientUsage | Where-Object { $_ -is [GradientMsp.Client.Usage.UsageResult] })
            $results.Outcome | Should -Be @('Pushed', 'Pushed')
            ((Get-Partner).counts | Where-Object accountId -eq 'cust-2' | Where-Object serviceId -eq $script:mappedService).unitCount | Should -Be 32
        }
    }

    Describe 'Sync-GradientUsage and billing rebuilds' {
        It 'sends no_build on every push but one, so billing is rebuilt exactly once per run' {
            $before = (Get-Partner).billingRebuilds
            $rows = 1..20 | ForEach-Object { [pscustomobject]@{ AccountId = "cust-$(1 + $_ % 2)"; ServiceId = $script:mappedService; UnitCount = $_ } }
            $summary = $rows | Sync-GradientUsage -Summary

            $summary.BillingRebuilt | Should -BeTrue
            (Get-Partner).billingRebuilds | Should -Be ($before + 1)
            $requests = Get-CountRequests
            $requests.Count | Should -Be 20
            @($requests | Where-Object { $_.query -notmatch 'no_build=true' }).Count | Should -Be 1
        }

        It 'resolves service names once per run, not once per row' {
            $rows = 1..10 | ForEach-Object { [pscustomobject]@{ AccountId = 'cust-1'; ServiceName = 'Managed EDR'; UnitCount = $_ } }
            $null = $rows | Sync-GradientUsage
            $vendorReads = @((Invoke-Control GET '/requests').entries | Where-Object { $_.method -eq 'GET' -and $_.path -eq '/api/vendor-api' })
            $vendorReads.Count | Should -Be 1
        }

        It 'still rebuilds billing when the last row is unmapped' {
            $before = (Get-Partner).billingRebuilds
            $rows = @(
                [pscustomobject]@{ AccountId = 'cust-1'; ServiceId = $script:mappedService; UnitCount = 5 }
                [pscustomobject]@{ AccountId = 'cust-3'; ServiceId = $script:mappedService; UnitCount = 6 })
            $summary = $rows | Sync-GradientUsage -Summary
            $summary.BillingRebuilt | Should -BeTrue
            (Get-Partner).billingRebuilds | Should -Be ($before + 1)
        }
    }

    Describe 'Sync-GradientUsage under faults' {
        It 'retries 503s and 429s (with Retry-After) without losing or repeating a row' {
            $null = Invoke-Control POST '/faults' @{ path = '/service/*/count'; statusCode = 503; count = 3 }
            $null = Invoke-Control POST '/faults' @{ path = '/service/*/count'; statusCode = 429; retryAfterSeconds = 1; count = 1 }
            $rows = 1..10 | ForEach-Object { [pscustomobject]@{ AccountId = "load-$_"; ServiceId = $script:mappedService; UnitCount = 100 + $_ } }
            $output = @($rows | Sync-GradientUsage -SummaryVariable summary)
            $results = @($output | Where-Object { $_ -is [GradientMsp.Client.Usage.UsageResult] })

            $results.Count | Should -Be 10
            @($results.Index | Sort-Object -Unique).Count | Should -Be 10
            @($results | Where-Object Outcome -ne 'Pushed').Count | Should -Be 0
            $summary.Retries | Should -BeGreaterOrEqual 4
            $summary.Requests | Should -BeGreaterOrEqual 14
        }

        It 'reports rows that keep failing as Failed, and they can be piped back in to retry' {
            $failing = Connect-GradientIntegration -VendorApiKey $emulator.vendorKey -PartnerApiKey $emulator.partnerKey -BaseUri $emulator.baseUri -PassThru -MaxRetries 0 -SkipStatusUpdate
            $null = Invoke-Control POST '/faults' @{ path = '/service/*/count'; statusCode = 500 }
            $rows = 1..3 | ForEach-Object { [pscustomobject]@{ AccountId = "load-$_"; ServiceId = $script:mappedService; UnitCount = 200 + $_ } }
            $first = @($rows | Sync-GradientUsage -Connection $failing -ErrorAction SilentlyContinue -ErrorVariable pushErrors |
                    Where-Object { $_ -is [GradientMsp.Client.Usage.UsageResult] })
            $first.Outcome | Should -Be @('Failed', 'Failed', 'Failed')
            $first | ForEach-Object { $_.StatusCode | Should -Be 500 }
            $pushErrors[0].FullyQualifiedErrorId | Should -Be 'UsagePushFailed,GradientMsp.Commands.SyncGradientUsageCommand'
            $pushErrors[0].CategoryInfo.Category | Should -Be 'WriteError'

            $null = Invoke-Control DELETE '/faults'
            $second = @($first | Where-Object Outcome -eq 'Failed' | Sync-GradientUsage | Where-Object { $_ -is [GradientMsp.Client.Usage.UsageResult] })
            $second.Outcome | Should -Be @('Pushed', 'Pushed', 'Pushed')
            $counts = (Get-Partner).counts | Where-Object serviceId -eq $script:mappedService
            1..3 | ForEach-Object { ($counts | Where-Object accountId -eq "load-$_").unitCount | Should -Be (200 + $_) }
            Disconnect-GradientIntegration -Connection $failing -KeepStatus
        }
    }

    Describe 'Sync-GradientUsage -WhatIf and several partners' {
        It '-WhatIf validates and reports every row but sends no count' {
            $rows = @(
                [pscustomobject]@{ AccountId = 'cust-1'; ServiceName = 'Managed EDR'; UnitCount = 1 }
                [pscustomobject]@{ AccountId = 'cust-1'; ServiceName = 'Managed EDR'; UnitCount = -1 })
            $results = @($rows | Sync-GradientUsage -WhatIf -ErrorAction SilentlyContinue | Where-Object { $_ -is [GradientMsp.Client.Usage.UsageResult] } | Sort-Object Index)
            $results.Outcome | Should -Be @('NotSent', 'Invalid')
            $results[0].ServiceId | Should -Be $script:mappedService
            (Get-CountRequests).Count | Should -Be 0
        }

        It 'sends each row through the connection it carries' {
            $second = Invoke-Control POST '/partners' @{ name = 'Second MSP' }
            $secondOrg = $second.organizationId
            # A partner created through the control API comes already connected, with its key.
            $key = if ($second.partnerKey) { $second.partnerKey } else { (Invoke-Control POST "/partners/$secondOrg/connect" @{}).partnerKey }
            $secondConnection = Connect-GradientIntegration -VendorApiKey $emulator.vendorKey -PartnerApiKey $key -BaseUri $emulator.baseUri -PassThru
            $secondHeaders = @{ 'GRADIENT-TOKEN' = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes("$($emulator.vendorKey):$key")) }
            $null = Invoke-RestMethod -Method Post -Uri "$script:api/organization/accounts" -Headers $secondHeaders -ContentType 'application/json' -Body '[{"id":"other-1","name":"Other One","description":""}]'
            $null = Invoke-Control POST "/partners/$secondOrg/psa" @{ clients = @(@{ name = 'Other Client' }); services = @(@{ name = 'Other Service' }) }
            $psaClient = @((Invoke-Control GET "/partners/$secondOrg/psa").clients)[0].id
            $psaService = @((Invoke-Control GET "/partners/$secondOrg/psa").services)[0].id
            $null = Invoke-Control PUT "/partners/$secondOrg/mappings/accounts/other-1" @{ psaClientId = $psaClient }
            $null = Invoke-Control PUT "/partners/$secondOrg/mappings/services/$script:mappedService" @{ psaServiceId = $psaService }

            $rows = @(
                [pscustomobject]@{ AccountId = 'cust-1'; ServiceId = $script:mappedService; UnitCount = 41; Connection = $script:connection }
                [pscustomobject]@{ AccountId = 'other-1'; ServiceId = $script:mappedService; UnitCount = 42; Connection = $secondConnection })
            $output = @($rows | Sync-GradientUsage -SummaryVariable summaries)
            @($summaries).Count | Should -Be 2
            @($summaries.Connection) | Should -Be @($script:connection, $secondConnection)
            $pushed = @($output | Where-Object { $_ -is [GradientMsp.Client.Usage.UsageResult] } | Where-Object Outcome -eq "Pushed")
            $pushed.Count | Should -Be 2 -Because ($output | Format-Table AccountId, Outcome, Reason, Connection | Out-String)
            ((Get-Partner $secondOrg).counts | Where-Object accountId -eq 'other-1').unitCount | Should -Be 42
            ((Get-Partner).counts | Where-Object accountId -eq 'cust-1' | Where-Object serviceId -eq $script:mappedService).unitCount | Should -Be 41
            Disconnect-GradientIntegration -Connection $secondConnection -KeepStatus
            $script:second = @{ Org = $secondOrg; Key = $key }
        }

        It 'sends a row that carries a partner key through that partner, and never hands the key back in clear' {
            $key = $script:second.Key
            $rows = @(
                [pscustomobject]@{ AccountId = 'cust-1'; ServiceId = $script:mappedService; UnitCount = 51 }
                [pscustomobject]@{ AccountId = 'other-1'; ServiceId = $script:mappedService; UnitCount = 52; PartnerKey = $key }
                @{ AccountId = 'other-1'; ServiceId = $script:mappedService; UnitCount = 53; PartnerApiKey = $key }
                [pscustomobject]@{ AccountId = 'cust-2'; ServiceId = $script:mappedService; UnitCount = 54; PartnerKey = '' })
            $output = @($rows | Sync-GradientUsage -Verbose -SummaryVariable summaries 4>&1)
            $results = @($output | Where-Object { $_ -is [GradientMsp.Client.Usage.UsageResult] } | Sort-Object Index)
            # Rows 2 and 3 set the same account and service of the same partner: the later one stands.
            $results.Outcome | Should -Be @('Pushed', 'Superseded', 'Pushed', 'Pushed')
            # An empty key means the connection's own partner; the two keyed rows share one connection.
            @($summaries).Count | Should -Be 2
            $results[1].Connection | Should -Be $results[2].Connection
            $results[1].Connection.Parent | Should -Be $script:connection
            $results[0].Connection | Should -Be $script:connection
            ((Get-Partner $script:second.Org).counts | Where-Object accountId -eq 'other-1').unitCount | Should -Be 53
            ((Get-Partner).counts | Where-Object accountId -eq 'cust-2' | Where-Object serviceId -eq $script:mappedService).unitCount | Should -Be 54

            # The rows handed back hold no key at all, only the partner's connection; the caller's own rows are untouched.
            $results[1].Source.PSObject.Properties['PartnerKey'] | Should -BeNullOrEmpty
            $results[2].Source.PSObject.Properties['PartnerApiKey'] | Should -BeNullOrEmpty
            $results[1].Source.Connection | Should -Be $results[1].Connection
            $results[2].Source.AccountId | Should -Be 'other-1'
            $rows[1].PartnerKey | Should -Be $key
            $text = ($output | ForEach-Object { $_ | Format-List * -Force | Out-String -Width 400 }) -join "`n"
            $text += ($results.Source | Format-List * -Force | Out-String -Width 400) + ($results.Source | ConvertTo-Csv | Out-String)
            $text | Should -Not -Match ([regex]::Escape($key))
            # Off Windows, Export-Clixml writes a SecureString as reversible hex: there must be none to write.
            $clixml = Join-Path $TestDrive 'results.clixml'
            $results | Export-Clixml -Path $clixml -Depth 4
            Get-Content -Raw $clixml | Should -Not -Match "<SS"
        }

        It 'retries a failed keyed row through the same partner when it is piped back' {
            $key = $script:second.Key
            $null = Invoke-Control POST '/faults' @{ path = '/service/*/count'; statusCode = 400; count = 1 }
            $failed = @([pscustomobject]@{ AccountId = 'other-1'; ServiceId = $script:mappedService; UnitCount = 61; PartnerKey = $key } |
                    Sync-GradientUsage -ErrorAction SilentlyContinue | Where-Object { $_ -is [GradientMsp.Client.Usage.UsageResult] })
            $failed.Outcome | Should -Be 'Failed'
            $retried = @($failed.Source | Sync-GradientUsage | Where-Object { $_ -is [GradientMsp.Client.Usage.UsageResult] })
            $retried.Outcome | Should -Be 'Pushed'
            ((Get-Partner $script:second.Org).counts | Where-Object accountId -eq 'other-1').unitCount | Should -Be 61
            # The result itself re-pipes through its Connection, and keeps its row number.
            $again = @($failed | ForEach-Object { $_.UnitCount = 62; $_ } | Sync-GradientUsage)
            $again.Outcome | Should -Be 'Pushed'
            $again.Index | Should -Be $failed.Index
            ((Get-Partner $script:second.Org).counts | Where-Object accountId -eq 'other-1').unitCount | Should -Be 62
        }
    }

    Describe 'Secrets stay out of every stream' {
        It 'never writes the keys or the token to output, verbose or error streams' {
            $bad = [pscustomobject]@{ AccountId = 'cust-1'; ServiceName = 'Nope'; UnitCount = 1 }
            $good = [pscustomobject]@{ AccountId = 'cust-1'; ServiceName = 'Managed EDR'; UnitCount = 1 }
            $all = @($bad, $good | Sync-GradientUsage -Verbose -ErrorAction Continue *>&1) + @(Get-GradientConnection) + @(Get-GradientIntegration -Verbose *>&1)
            $text = ($all | ForEach-Object { $_ | Out-String -Width 400 }) -join "`n"
            $text += ($all | ForEach-Object { $_ | Format-List * -Force | Out-String -Width 400 }) -join "`n"
            $text | Should -Match 'GET /api/vendor-api'   # the verbose trace is really there
            $text | Should -Not -Match ([regex]::Escape($emulator.vendorKey))
            $text | Should -Not -Match ([regex]::Escape($emulator.partnerKey))
            $text | Should -Not -Match ([regex]::Escape($emulator.token))
        }
    }
}
