# Checklist: the vendor pushes usage. Where the partner side sees requests, the pushes are judged
# (accepted ones, 404s for unmapped pairs); otherwise Synthesize must record the sync.
@{
    Name     = 'Within the vendor portal, initiate a sync'
    Requires = 'MapAccounts', 'MapServices', 'Finish'
    Action   = {
        param($Qa)
        $before = Get-QaIntegrationStatus $Qa
        if ($Qa.Integration) {
            $run = Invoke-QaIntegrationChecked $Qa 'Sync' 'the integration''s sync to push usage'
            if ($Qa.Partner.SeesRequests) {
                $pushes = @($run.Entries | Where-Object { $_.Path -like '*/count' })
                $landed = @($pushes | Where-Object { $_.Status -ge 200 -and $_.Status -lt 300 })
                if ($landed.Count -eq 0) {
                    $seen = if ($pushes.Count -eq 0) { 'the sync pushed no usage at all' } else { "no usage push was accepted ($(Format-QaRequests $pushes))" }
                    Stop-QaStep -Expected 'usage pushed for the mapped accounts and services (POST /vendor-api/service/{serviceId}/count, 201)' -Seen $seen `
                        -Fix ((@('push {accountId, unitCount} for every account x service, using the service ids from GET /vendor-api') + $run.Advice) -join '; ')
                }
                $skipped = @($pushes | Where-Object Status -EQ 404).Count
                Write-QaNote $Qa ("$($landed.Count) usage push(es) accepted" + $(if ($skipped) { ", $skipped answered 404 for unmapped pairs and skipped, as they should be" }))
                return
            }
        }
        else {
            & $Qa.Partner.AwaitPerson $Qa 'initiating a sync in the vendor portal (no -Integration was given)' 'Synthesize to record the sync (lastSyncedAt changes, status becomes active)'
            & $Qa.Partner.Say $Qa "In your vendor portal, initiate a sync; watching for Synthesize to record it ($(Format-QaWait $Qa))…"
        }
        $after = Wait-QaCondition $Qa { $s = Get-QaIntegrationStatus $Qa; if ($s -and ($s.lastSyncedAt -ne $before.lastSyncedAt -or $s.status -eq 'active')) { $s } }
        if (-not $after) {
            Stop-QaStep -Expected 'Synthesize to record the sync (lastSyncedAt changes, status becomes active)' -Seen "nothing changed within $($Qa.TimeoutSec) s" `
                -Fix 'push usage with POST /vendor-api/service/{serviceId}/count for the mapped accounts'
        }
        Write-QaNote $Qa "status '$($after.status)', last synced $($after.lastSyncedAt)"
    }
}
