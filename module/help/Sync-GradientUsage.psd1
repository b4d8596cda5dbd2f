@{
    Description  = @'
Pushes usage counts to Synthesize: for each input row, the unit count of one service for one account (POST /vendor-api/service/{serviceId}/count). Each piped row is read by property name (or hashtable key), case-insensitively: AccountId (or Account, Id), ServiceId or ServiceName (or Service, Sku), and UnitCount (or Count, Quantity, Units). So Import-Csv rows with the columns accountId, serviceName and unitCount can be piped straight in, and a value given as a parameter applies to every row. Service names are resolved to ids once per run. A file none of whose columns is one of these gets one error naming its columns.

Rows are pushed concurrently at the connection's rate limit, and billing is rebuilt once at the end rather than after every row. Zero counts are pushed, so a drop to zero reaches billing. A 404 means the partner has not mapped that account or service: the row's outcome is Unmapped, which Gradient calls normal.

The output is one result per input row, and nothing else, so it can go straight to Export-Csv. Index is the row's number from 1 (the first data row of a CSV is 1); a result piped back keeps its number. Outcome is Pushed, Unmapped, Failed, Invalid, NotSent or Superseded. Counts are absolute, so when the same account and service come twice, the row that comes later is sent last and stands: the earlier one is Superseded if its result was still to come (otherwise the later row's Reason names it; do not pipe it back), and one warning says how many pairs were duplicated. Failed and NotSent results carry their row and Connection, so they can be piped back in to retry. -WhatIf sends nothing.

The run summary (one per partner connection, with its Connection) goes to -SummaryVariable, and as one line to the host (the information stream, tagged GradientUsageSummary); -Summary writes only the summaries instead of the results. A 401 stops the run for that connection with one AuthenticationFailed error (the rest NotSent); five pushes in a row that cannot reach Synthesize (connection failures, timeouts, 5xx after retries) stop it with one UsageSyncStopped error. If the input ends early (the row source throws, Ctrl+C), every row received still gets a result, and billing is not rebuilt: a warning says how to finish.

With -LedgerPath, the run keeps a push ledger (one file; docs/usage-sync.md, "Ledger"): each count answered 201 is recorded per partner organization, account and service, with the time and the run's id, and on later runs a row whose count Gradient already has is not sent (Outcome Unchanged, counted in the summary; -Force sends it anyway). Unmapped and failed rows are never recorded as landed, so they are tried again. When the partner key (kept only as a fingerprint) or the integration differs from the one recorded, a disconnect may have deleted the partner's counts: every row for that partner is sent again, and a warning says why. A pair in the ledger that is absent from the input is reported with Outcome Missing (Gradient keeps billing its last count); -ZeroMissing pushes such pairs as 0. A run holding results of an earlier run piped back (a retry) is part of an export: it judges no pair Missing and pushes nothing as 0, and a warning says so. A run in which nothing changed re-sends one unchanged row without no_build, so billing is rebuilt and the integration's last-synced date moves. Two runs cannot use one ledger at once: the second stops at once with a LedgerUnavailable error, sending nothing.
'@
    Examples     = @(
        @{
            Title   = 'Push a usage file and keep the results'
            Code    = @'
Import-Csv ./usage.csv | Sync-GradientUsage -WhatIf
Import-Csv ./usage.csv | Sync-GradientUsage -SummaryVariable summary | Export-Csv ./results.csv -NoTypeInformation
$summary | Format-Table
'@
            Remarks = 'usage.csv has the columns accountId, serviceName and unitCount. The first line checks every row and sends nothing; the second pushes them and writes one line per row to results.csv, and the run summary to $summary. One count can also be pushed with parameters: Sync-GradientUsage -AccountId contoso.com -ServiceName ''Managed EDR'' -UnitCount 42. To retry what did not land, pipe those results back as they are: Import-Csv ./results.csv | Where-Object Outcome -in Failed, NotSent | Sync-GradientUsage (they carry AccountId, ServiceId, ServiceName, UnitCount and their row number; Superseded rows are left out on purpose, a later row set their account and service).'
            Setup   = 'Initialize-ExampleData'
        }
        @{
            Title   = 'Every partner of the vendor in one run'
            Code    = @'
Connect-GradientIntegration -VendorApiKey $vendorKey -PartnerApiKey $firstPartnerKey
Import-Csv ./all-partners.csv | Sync-GradientUsage -Summary
'@
            Remarks = 'A row with a PartnerKey (or PartnerApiKey) column is pushed for that partner, through a connection made from the current one with that key and paced on its own; rows with an empty key use the current connection. One summary is written per partner, each with its Connection. The rows handed back on the results carry no key at all, only that partner''s Connection, so results can be printed or exported (Export-Csv, Export-Clixml) and piped back without the key. Rows may instead carry a Connection from Connect-GradientIntegration -PassThru.'
            NotRunnable = 'Needs a second partner''s key: the emulator seeds one partner.'
        }
        @{
            Title   = 'Nightly: send only the counts that changed'
            Code    = @'
Import-Csv ./usage.csv | Sync-GradientUsage -LedgerPath ./usage-ledger.db -Summary
Import-Csv ./usage.csv | Sync-GradientUsage -LedgerPath ./usage-ledger.db -Summary
'@
            Remarks = 'The first run sends every row and records the counts that landed. The second finds nothing changed: its rows are Unchanged, and one of them is re-sent without no_build so billing is rebuilt and the partner sees a fresh last-synced date. Keep the ledger somewhere the nightly job''s account can write, such as C:\ProgramData\GradientMsp\usage-ledger.db. Add -ZeroMissing to push 0 for customers that are in the ledger but no longer in the export.'
            Setup   = 'Initialize-ExampleData'
        }
    )
    RelatedLinks = @('New-GradientAccount', 'Get-GradientService', 'Connect-GradientIntegration', 'Compare-GradientUsage', 'Get-GradientUsageLedger')
}
