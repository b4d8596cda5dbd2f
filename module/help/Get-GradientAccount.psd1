@{
    Description  = @'
Gets the accounts (the MSP's customers) the vendor created for this partner with New-GradientAccount (GET /vendor-api/organization/accounts). Accounts belong to one partner and are deleted by Gradient when the partner disconnects, so a fresh connection may find none.

-Name filters by name, with wildcards and without regard to case; a plain name that matches nothing is an AccountNotFound error. -Id asks for specific ids (the accountIds query) and binds from piped objects with an Id or AccountId property; an id Gradient does not have is an AccountNotFound error whose target is that id. Newer API versions also report IsMapped: whether the partner has mapped the account.
'@
    Examples     = @(
        @{
            Title   = 'List the accounts'
            Code    = 'Get-GradientAccount'
            Remarks = ''
        }
        @{
            Title   = 'Which of my customers are missing in Gradient?'
            Code    = @'
$customers = Import-Csv ./customers.csv
$customers | Get-GradientAccount -ErrorAction SilentlyContinue -ErrorVariable missing | Out-Null
$missing | ForEach-Object TargetObject
'@
            Remarks = 'customers.csv has an Id column, which binds to -Id; every id Gradient does not have becomes an AccountNotFound error, and its target is the id.'
        }
        @{
            Title   = 'Accounts the partner has not mapped yet'
            Code    = 'Get-GradientAccount -Name * | Where-Object IsMapped -eq $false'
            Remarks = 'IsMapped is empty on API versions that do not report it.'
        }
    )
    RelatedLinks = @('New-GradientAccount', 'Set-GradientAccount')
}
