# Sync-GradientUsage as a pipeline step and under faults: one type on the output, row numbers, the same
# account x service twice, a refused key, a dead service, unrecognised columns, and a row source that throws.
Describe 'Sync-GradientUsage in a pipeline' {
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

        function Get-Count([string] $AccountId) {
            $partner = (Invoke-Control GET "/state?organizationId=$script:org").partners | Where-Object { $_.summary.organizationId -eq $script:org }
            ($partner.counts | Where-Object accountId -eq $AccountId | Where-Object serviceId -eq $script:service).unitCount
        }

        function Get-CountRequests {
            @((Invoke-Control GET '/requests').entries | Where-Object { $_.method -eq 'POST' -and $_.path -like '*/count' })
        }

        $body = @{ name = 'Managed EDR'; description = 'test'; category = 'other'; subcategory = 'other' } | ConvertTo-Json
        $null = Invoke-RestMethod -Method Post -Uri "$script:api/service" -Headers $script:headers -ContentType 'application/json' -Body $body
        $script:service = ((Invoke-RestMethod -Uri $script:api -Headers $script:headers).data.skus | Where-Object name -eq 'Managed EDR').id
        $accounts = @(1..6 | ForEach-Object { @{ id = "cust-$_"; name = "Customer $_"; description = '' } })
        $null = Invoke-RestMethod -Method Post -Uri "$script:api/organization/accounts" -Headers $script:headers -ContentType 'application/json' -Body (ConvertTo-Json -InputObject $accounts)
        1..6 | ForEach-Object { $null = Invoke-Control PUT "/partners/$script:org/mappings/accounts/cust-$_" @{ psaClientId = "psa-client-$(1 + $_ % 2)" } }
        $null = Invoke-Control PUT "/partners/$script:org/mappings/services/$script:service" @{ psaServiceId = 'psa-service-1' }

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

    It 'gives exactly one result per CSV row to Export-Csv, numbered like the data rows, and the summary elsewhere' {
        $csv = Join-Path $TestDrive 'usage.csv'
        $out = Join-Path $TestDrive 'results.csv'
        @(
            [pscustomobject]@{ accountId = 'cust-1'; serviceName = 'Managed EDR'; unitCount = '11' }
            [pscustomobject]@{ accountId = 'cust-2'; serviceName = 'Managed EDR'; unitCount = 'many' }
            [pscustomobject]@{ accountId = 'cust-3'; serviceName = 'Managed EDR'; unitCount = '13' }
        ) | Export-Csv -Path $csv -NoTypeInformation
        $info = @(Import-Csv $csv | Sync-GradientUsage -SummaryVariable summary -ErrorAction SilentlyContinue 6>&1 | ForEach-Object {
                if ($_ -is [System.Management.Automation.InformationRecord]) { $_ } else { $_ | Export-Csv -Path $out -Append -NoTypeInformation }
            })
        $results = @(Import-Csv $out | Sort-Object { [int] $_.Index })
        $results.Count | Should -Be 3
        $results.Index | Should -Be @('1', '2', '3')
        $results.Outcome | Should -Be @('Pushed', 'Invalid', 'Pushed')
        $summary.Total | Should -Be 3
        $summary.Connection | Should -Be $script:connection
        $info.Count | Should -Be 1
        "$($info[0].MessageData)" | Should -Match ([regex]::Escape("$script:connection"))
        "$($info[0].MessageData)" | Should -Match '2 pushed'

        # -Summary writes only the summaries: one object per partner, nothing else.
        $only = @(Import-Csv $csv | Sync-GradientUsage -Summary -ErrorAction SilentlyContinue)
        $only.Count | Should -Be 1
        $only[0] | Should -BeOfType ([GradientMsp.Client.Usage.UsageSyncSummary])
        $only[0].Connection | Should -Be $script:connection
    }

    It 'lets the later row of a duplicated account x service stand, marks the earlier Superseded and warns once' {
        # The first push is slow: without ordering, the later row's push would land first and be overwritten.
        $null = Invoke-Control POST '/faults' @{ path = '/service/*/count'; latencyMs = 600; count = 1 }
        $rows = @(
            [pscustomobject]@{ AccountId = 'cust-4'; ServiceId = $script:service; UnitCount = 1 }
            [pscustomobject]@{ AccountId = 'cust-5'; ServiceId = $script:service; UnitCount = 5 }
            [pscustomobject]@{ AccountId = 'cust-4'; ServiceId = $script:service; UnitCount = 2 }
            [pscustomobject]@{ AccountId = 'cust-5'; ServiceId = $script:service; UnitCount = 6 }
            [pscustomobject]@{ AccountId = 'cust-6'; ServiceId = $script:service; UnitCount = 7 })
        $results = @($rows | Sync-GradientUsage -SummaryVariable summary -WarningVariable warned -WarningAction SilentlyContinue | Sort-Object Index)

        $results.Outcome | Should -Be @('Superseded', 'Superseded', 'Pushed', 'Pushed', 'Pushed')
        Get-Count 'cust-4' | Should -Be 2
        Get-Count 'cust-5' | Should -Be 6
        @($warned).Count | Should -Be 1
        "$($warned[0])" | Should -Match '^2 account x service pairs'
        $summary.DuplicatePairs | Should -Be 2
        $summary.BillingRebuilt | Should -BeTrue
    }

    It 'stops a connection whose key is refused: one AuthenticationFailed error, the rest NotSent, and re-pipeable' {
        $rows = 1..40 | ForEach-Object { [pscustomobject]@{ AccountId = "acct-$_"; ServiceId = $script:service; UnitCount = $_; PartnerKey = 'revoked-partner-key' } }
        $results = @($rows | Sync-GradientUsage -ThrottleLimit 2 -SummaryVariable summary -ErrorAction SilentlyContinue -ErrorVariable failures -WarningAction SilentlyContinue)

        $results.Count | Should -Be 40
        @($failures).Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'AuthenticationFailed,GradientMsp.Commands.SyncGradientUsageCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
        (Get-CountRequests).Count | Should -BeLessOrEqual 2
        @($results | Where-Object Outcome -eq 'NotSent').Count | Should -BeGreaterOrEqual 38
        $summary.Stopped | Should -Be 'AuthenticationFailed'
        $summary.BillingRebuilt | Should -BeFalse
        "$($failures[0].ErrorDetails.RecommendedAction)" | Should -Not -Match 'one row'

        # Piped back, the rows go to the same partner connection (no key on them): still refused, still one error.
        $again = @($results | Where-Object Outcome -in 'Failed', 'NotSent' | Sync-GradientUsage -ThrottleLimit 2 -ErrorAction SilentlyContinue -ErrorVariable moreFailures)
        $again.Count | Should -Be 40
        @($again.Connection | Select-Object -Unique).Count | Should -Be 1
        $again[0].Connection.Parent | Should -Be $script:connection
        @($moreFailures).Count | Should -Be 1
    }

    It 'opens the breaker after consecutive failures to reach the service, and the rest are NotSent with one error' {
        $failing = Connect-GradientIntegration -VendorApiKey $emulator.vendorKey -PartnerApiKey $emulator.partnerKey -BaseUri $emulator.baseUri -PassThru -MaxRetries 0 -SkipStatusUpdate
        $null = Invoke-Control POST '/faults' @{ path = '/service/*/count'; statusCode = 503 }
        $rows = 1..30 | ForEach-Object { [pscustomobject]@{ AccountId = "acct-$_"; ServiceId = $script:service; UnitCount = $_ } }
        $results = @($rows | Sync-GradientUsage -Connection $failing -ThrottleLimit 1 -SummaryVariable summary -ErrorAction SilentlyContinue -ErrorVariable failures -WarningVariable warned -WarningAction SilentlyContinue)

        $results.Count | Should -Be 30
        (Get-CountRequests).Count | Should -Be 5
        @($results | Where-Object Outcome -eq 'NotSent').Count | Should -Be 25
        $summary.Stopped | Should -Be 'CircuitOpen'
        @($failures | Where-Object FullyQualifiedErrorId -like 'UsageSyncStopped,*').Count | Should -Be 1
        # The advice "run again with one row" would be wrong here: it is not given.
        @($warned | Where-Object { "$_" -match 'one row' }).Count | Should -Be 0
        Disconnect-GradientIntegration -Connection $failing -KeepStatus
    }

    It 'gives one error naming the columns when a CSV has none of the row fields, not one per row' {
        $csv = Join-Path $TestDrive 'wrong.csv'
        Set-Content -Path $csv -Value @('customer,sku_code,qty', 'cust-1,EDR,3', 'cust-2,EDR,4', 'cust-3,EDR,5')
        $results = @(Import-Csv $csv | Sync-GradientUsage -ErrorAction SilentlyContinue -ErrorVariable failures)
        $results.Count | Should -Be 3
        $results.Outcome | Should -Be @('Invalid', 'Invalid', 'Invalid')
        @($failures).Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'UsageColumnsNotRecognized,GradientMsp.Commands.SyncGradientUsageCommand'
        "$($failures[0])" | Should -Match 'customer, sku_code, qty'
        (Get-CountRequests).Count | Should -Be 0
    }

    It 'gives every row it received exactly one result when the row source throws, and does not rebuild billing' {
        $null = Invoke-Control POST '/faults' @{ path = '/service/*/count'; latencyMs = 300 }
        $before = ((Invoke-Control GET "/state?organizationId=$script:org").partners | Where-Object { $_.summary.organizationId -eq $script:org }).billingRebuilds
        $received = [System.Collections.Generic.List[object]]::new()
        $caught = $null
        try {
            & { 1..50 | ForEach-Object { [pscustomobject]@{ AccountId = "cust-$(1 + $_ % 6)"; ServiceId = $script:service; UnitCount = $_ } }; throw 'the export failed' } |
                Sync-GradientUsage -ThrottleLimit 8 -SummaryVariable summary -WarningAction SilentlyContinue |
                ForEach-Object { $received.Add($_) }
        }
        catch { $caught = $_ }

        "$caught" | Should -Be 'the export failed'
        $received.Count | Should -Be 50
        @($received.Index | Sort-Object -Unique).Count | Should -Be 50
        $summary.Total | Should -Be 50
        $summary.Stopped | Should -Be 'Abandoned'
        $summary.BillingRebuilt | Should -BeFalse
        ((Invoke-Control GET "/state?organizationId=$script:org").partners | Where-Object { $_.summary.organizationId -eq $script:org }).billingRebuilds | Should -Be $before
        @(Get-CountRequests | Where-Object { $_.query -notmatch 'no_build=true' }).Count | Should -Be 0
    }
}
