@{
    Description  = @'
Reads a push ledger (the file Sync-GradientUsage -LedgerPath keeps) and answers "what did we tell Gradient for this customer, and when?": one entry per partner organization, account and service, with the count that was answered 201 (UnitCount), when it landed (LandedAt, UTC), the run that pushed it (RunId: its start time and a random suffix), and Trusted, false when the ledger no longer vouches for the count (the partner's key or integration changed since, or a later push of the pair was unmapped, failed or cut off; such a pair is sent again by the next sync). Filter by -Organization (id or name), -AccountId and -ServiceId. -Partner lists the partners instead: organization, integration, vendor, the partner key's fingerprint (a salted hash, never the key) and the last run.

The ledger keeps the last landed count of each pair, not every count ever pushed. The file is opened for this command alone: while a sync is writing it, this command stops with a LedgerUnavailable error saying so.
'@
    Examples     = @(
        @{
            Title   = 'What was pushed for one customer, and when'
            Code    = @'
Import-Csv ./usage.csv | Sync-GradientUsage -LedgerPath ./usage-ledger.db -Summary
Get-GradientUsageLedger -LedgerPath ./usage-ledger.db -AccountId cust-1
Get-GradientUsageLedger ./usage-ledger.db -Partner | Format-List
'@
            Remarks = 'The second line shows each service of account cust-1 with its count, time and run; the third shows the partner as recorded, with the key''s fingerprint.'
            Setup   = 'Initialize-ExampleData'
        }
    )
    RelatedLinks = @('Sync-GradientUsage', 'Compare-GradientUsage')
}
