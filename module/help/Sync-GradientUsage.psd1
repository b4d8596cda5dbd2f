@{
    Description  = @'
Pushes usage counts to Synthesize: for each input row, the unit count of one service for one account (POST /vendor-api/service/{serviceId}/count). Each piped row is read by property name (or hashtable key), case-insensitively: AccountId (or Account, Id), ServiceId or ServiceName (or Service, Sku), and UnitCount (or Count, Quantity, Units). So Import-Csv rows with the columns accountId, serviceName and unitCount can be piped straight in, and a value given as a parameter applies to every row. Service names are resolved to ids once per run.

Rows are pushed concurrently at the connection's rate limit, and billing is rebuilt once at the end rather than after every row. Zero counts are pushed, so a drop to zero reaches billing. A 404 means the partner has not mapped that account or service: the row's outcome is Unmapped, which Gradient calls normal. Each row gets one result (Pushed, Unmapped, Failed, Invalid or NotSent) followed by a run summary; -Summary writes only the summary and the rows that did not land. Failed results carry their row, so they can be piped back in to retry. -WhatIf sends nothing.
'@
    Examples     = @(
        @{
            Title   = 'Push a usage file'
            Code    = @'
Import-Csv ./usage.csv | Sync-GradientUsage -WhatIf
Import-Csv ./usage.csv | Sync-GradientUsage -Summary
'@
            Remarks = 'usage.csv has the columns accountId, serviceName and unitCount. The first line checks every row and sends nothing; the second pushes them and writes only the summary and the rows that did not land. One count can also be pushed with parameters: Sync-GradientUsage -AccountId contoso.com -ServiceName ''Managed EDR'' -UnitCount 42.'
            Setup   = 'Initialize-ExampleData'
        }
        @{
            Title   = 'Retry what failed'
            Code    = @'
$results = Import-Csv ./usage.csv | Sync-GradientUsage
$results | Where-Object Outcome -eq Failed | Sync-GradientUsage
'@
            Remarks = 'Failed results carry AccountId, ServiceId, ServiceName, UnitCount and their Connection, so they go back in as they are.'
            Setup   = 'Initialize-ExampleData'
        }
        @{
            Title   = 'Every partner of the vendor in one run'
            Code    = @'
Connect-GradientIntegration -VendorApiKey $vendorKey -PartnerApiKey $firstPartnerKey
Import-Csv ./all-partners.csv | Sync-GradientUsage -Summary
'@
            Remarks = 'A row with a PartnerKey (or PartnerApiKey) column is pushed for that partner, through a connection made from the current one with that key and paced on its own; rows with an empty key use the current connection. One summary is written per partner. The rows handed back on the results hold the key only as a SecureString, so results can be printed, exported or piped back without showing it. Rows may instead carry a Connection from Connect-GradientIntegration -PassThru.'
            NotRunnable = 'Needs a second partner''s key: the emulator seeds one partner.'
        }
    )
    RelatedLinks = @('New-GradientAccount', 'Get-GradientService', 'Connect-GradientIntegration')
}
