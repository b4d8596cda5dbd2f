@{
    Description  = @'
Creates accounts, the MSP's customers as the vendor knows them, for this partner (POST /vendor-api/organization/accounts). The id is your own, and usage and alerts refer to the account by it. The partner then maps each account to a company in their PSA; a name that matches a PSA company exactly (case sensitive) maps by itself on first setup.

Gradient asks for accounts in bulk, so rows are collected from the pipeline and sent in one POST per -BatchSize rows (100 by default) when the input ends. Before sending, the existing accounts are read once: an id that already exists, or that is repeated in the input, gets a non-terminating AccountExists error (category ResourceExists, target the id) and is not sent. A failed POST writes one error per row of its batch, each with the row's id as target, and the other batches still go. Import-Csv rows bind by property name (Id or AccountId, Name, Description, IsArrears, where true/false, yes/no and 1/0 are accepted). -WhatIf sends nothing at all.

Gradient deletes every account of a partner when the partner disconnects, so run this again after the partner reconnects.
'@
    Examples     = @(
        @{
            Title   = 'Create the accounts of a CSV file'
            Code    = 'Import-Csv ./customers.csv | New-GradientAccount'
            Remarks = 'customers.csv has the columns Id, Name and optionally Description. Accounts that already exist are reported as AccountExists errors and skipped, so the command can be run again safely.'
        }
        @{
            Title   = 'Create one account'
            Code    = 'New-GradientAccount -Id contoso.com -Name ''Contoso Ltd'' -Description ''Contoso, Seattle'''
            Remarks = 'Returns the created account.'
        }
        @{
            Title   = 'Preview, then create in smaller batches and keep the ids that already existed'
            Code    = @'
Import-Csv ./customers.csv | New-GradientAccount -WhatIf
Import-Csv ./customers.csv | New-GradientAccount -BatchSize 50 -ErrorAction SilentlyContinue -ErrorVariable problems
$problems | Where-Object { $_.FullyQualifiedErrorId -like 'AccountExists,*' } | ForEach-Object TargetObject
'@
            Remarks = 'The first line lists what would be created and sends no request.'
        }
    )
    RelatedLinks = @('Get-GradientAccount', 'Set-GradientAccount', 'Sync-GradientUsage')
}
