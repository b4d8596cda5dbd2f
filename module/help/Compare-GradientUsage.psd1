@{
    Description  = @'
Compares usage rows with a push ledger (the file Sync-GradientUsage -LedgerPath keeps) and reports, without sending any count, what the next ledgered sync would do: rows whose count Gradient already has (Outcome Unchanged), rows that would be sent (Outcome NotSent, with a Reason that starts "WhatIf: would be sent" and says what the ledger has, in LedgerUnitCount and LedgerLandedAt), and pairs in the ledger that are absent from the rows (Outcome Missing: Gradient keeps billing their last count). Use it before invoicing to see what drifted.

Rows are read exactly as Sync-GradientUsage reads them (Import-Csv rows, objects, hashtables, a PartnerKey column for several partners), and the same checks apply (Invalid rows are reported). It needs a connection: per partner it reads the organization once (GET /vendor-api/organization), to find the partner's entries and to check that the key and the integration are still the ones recorded; if not, every row is reported as to be sent, and a warning says why. Service names are resolved once. -Force and -ZeroMissing show what a sync with them would do. The summary works as with Sync-GradientUsage (-Summary, -SummaryVariable).
'@
    Examples     = @(
        @{
            Title   = 'What drifted since the last sync?'
            Code    = @'
Import-Csv ./usage.csv | Sync-GradientUsage -LedgerPath ./usage-ledger.db -Summary
Import-Csv ./usage.csv | Select-Object -Skip 1 |
    ForEach-Object { if ($_.accountId -eq 'cust-2') { $_.unitCount = 19 }; $_ } |
    Compare-GradientUsage -LedgerPath ./usage-ledger.db |
    Format-Table AccountId, UnitCount, LedgerUnitCount, Outcome, Reason
'@
            Remarks = 'The first line syncs and records. The comparison then leaves out the first customer and changes the second one''s count: cust-1 comes back Missing (with a warning), cust-2 NotSent with "would be sent (the ledger has 17 ...)", and the rest Unchanged. Nothing is pushed.'
            Setup   = 'Initialize-ExampleData'
        }
    )
    RelatedLinks = @('Sync-GradientUsage', 'Get-GradientUsageLedger')
}
