# Ctrl+C (a pipeline stop) must end a long sync at once, cancel what is in flight, and leave the
# results that completed before the stop in the output.
Describe 'Stopping a running command' {
    BeforeAll {
        . $PSScriptRoot/common.ps1
        . $PSScriptRoot/TestEmulator.ps1
        $script:emulator = Start-TestEmulator -RateLimit 0
        $headers = @{ 'GRADIENT-TOKEN' = $emulator.token }
        $body = @{ name = 'Slow Service'; description = 'test'; category = 'other'; subcategory = 'other' } | ConvertTo-Json
        $null = Invoke-RestMethod -Method Post -Uri "$($emulator.apiBaseUri)/service" -Headers $headers -ContentType 'application/json' -Body $body
        $script:serviceId = ((Invoke-RestMethod -Uri $emulator.apiBaseUri -Headers $headers).data.skus | Where-Object name -eq 'Slow Service').id
        $script:connection = Connect-GradientIntegration -VendorApiKey $emulator.vendorKey -PartnerApiKey $emulator.partnerKey -BaseUri $emulator.baseUri -PassThru -SkipStatusUpdate
    }

    AfterAll {
        Disconnect-GradientIntegration -Connection $script:connection -KeepStatus
        Stop-TestEmulator $script:emulator
    }

    It 'stops Sync-GradientUsage promptly and keeps the results that completed' {
        # The first 20 count requests answer at once; every later one hangs for 4 seconds.
        $fault = @{ path = '/service/*/count'; latencyMs = 4000 } | ConvertTo-Json
        $rows = 1..200 | ForEach-Object { [pscustomobject]@{ AccountId = "acct-$_"; ServiceId = $script:serviceId; UnitCount = $_ } }

        $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
        $shell = [powershell]::Create()
        $null = $shell.AddScript({
                param($Connection, $Rows, $ControlUri, $Fault)
                Import-Module GradientMsp
                $first = 0
                $Rows | ForEach-Object {
                    # Turn the slowness on once the first 20 rows are in, so some results exist before the stop.
                    if (++$first -eq 21) { $null = Invoke-RestMethod -Method Post -Uri "$ControlUri/faults" -ContentType 'application/json' -Body $Fault; Start-Sleep -Milliseconds 500 }
                    $_
                } | Sync-GradientUsage -Connection $Connection -ThrottleLimit 8 -SummaryVariable syncSummary
            }).AddArgument($script:connection).AddArgument($rows).AddArgument($emulator.controlBaseUri).AddArgument($fault)
        $handle = $shell.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]::new(), $output)

        $deadline = [DateTime]::UtcNow.AddSeconds(15)
        # Count, not enumerate: enumerating a PSDataCollection blocks until the producer completes it.
        while ($output.Count -lt 20 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
        Start-Sleep -Milliseconds 700   # requests are now hanging in flight

        $shell.InvocationStateInfo.State | Should -Be 'Running'
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $shell.Stop()
        $clock.Stop()
        $shell.InvocationStateInfo.State | Should -Be 'Stopped'
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 3
        # The accounts do not exist, so the rows that completed are Unmapped (404): still answered rows.
        $completed = @(for ($i = 0; $i -lt $output.Count; $i++) { $output[$i] }) | Where-Object { $_.PSObject.Properties['Outcome'] }
        $completed = @($completed)
        $completed.Count | Should -BeGreaterOrEqual 20
        $completed.Count | Should -BeLessThan 200
        # Every row the command received has one result: written before the stop, or kept on the summary.
        $summary = @($shell.Runspace.SessionStateProxy.GetVariable('syncSummary'))
        $summary.Count | Should -Be 1
        $unwritten = @($summary[0].PSObject.Properties['Unwritten'] | ForEach-Object { $_.Value })
        $completed.Count + $unwritten.Count | Should -Be $summary[0].Total
        @(@($completed.Index) + @($unwritten.Index) | Sort-Object -Unique).Count | Should -Be $summary[0].Total
        $summary[0].Total | Should -BeGreaterThan 20
        $summary[0].BillingRebuilt | Should -BeFalse
        "$($summary[0].Stopped)" | Should -Be 'Abandoned'
        $shell.Dispose()
        $null = Invoke-RestMethod -Method Delete -Uri "$($emulator.controlBaseUri)/faults"
    }
}
