@{
    Description  = @'
Updates one account (PATCH /vendor-api/organization/accounts/{id}): its name, description, active flag, arrears flag, or its id (-NewId). Gradient suggests this when a create went wrong or a customer was renamed. Fields not given are not sent, and at least one is needed. -Id binds from piped objects (the accounts of Get-GradientAccount, or Import-Csv rows with Id and Name columns). A piped account's own name and description are not sent back: only what the command line gives is a change, while a CSV row's columns are changes. An unknown id is an AccountNotFound error and the pipeline goes on.

The API cannot delete accounts; -IsActive $false (newer API versions) is the nearest thing.
'@
    Examples     = @(
        @{
            Title   = 'Rename a customer'
            Code    = 'Set-GradientAccount -Id contoso.com -Name ''Contoso Group'' -PassThru'
            Remarks = ''
            Setup   = 'New-GradientAccount -Id contoso.com -Name ''Contoso Ltd'' | Out-Null'
        }
        @{
            Title   = 'Change every account found by name'
            Code    = 'Get-GradientAccount -Name ''Contoso*'' | Set-GradientAccount -Description ''Contoso group company'' -WhatIf'
            Remarks = 'The Id of each piped account binds to -Id. Remove -WhatIf to send the changes.'
        }
        @{
            Title   = 'Move an account to a new id'
            Code    = 'Set-GradientAccount -Id 1042 -NewId contoso.com'
            Remarks = 'Usage and alerts must then use the new id.'
            Setup   = 'New-GradientAccount -Id 1042 -Name ''Contoso Ltd'' | Out-Null'
        }
    )
    RelatedLinks = @('Get-GradientAccount', 'New-GradientAccount')
}
