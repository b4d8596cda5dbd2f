@{
    Description  = @'
Sends one request to the Synthesize vendor API over a connection, for what the other cmdlets do not cover, as Invoke-MgGraphRequest is for Microsoft Graph. The request goes through the connection's own pipeline: its GRADIENT-TOKEN header, its pacing (-RequestsPerSecond), its retries on 429 and 5xx, its timeout and its -Verbose tracing, which never shows the token.

-Path is relative to the vendor API root (/api/vendor-api): /organization, /organization/accounts?accountIds=cust-1. An absolute URL, a path starting with // or one with '..' segments is refused, so the token only ever goes to the connection's host. A JSON answer comes back as objects (an array is enumerated); -Raw returns the text. A non-2xx answer is an error with the same ids and categories as the other cmdlets (NotFound, AuthenticationFailed, RateLimited...). Any method other than GET asks ShouldProcess, so -WhatIf sends nothing.
'@
    Examples     = @(
        @{
            Title   = 'Read the integration as the API sends it'
            Code    = 'Invoke-GradientRequest -Path /organization'
            Remarks = ''
        }
        @{
            Title   = 'Change an account with a body'
            Code    = 'Invoke-GradientRequest -Method PATCH -Path /organization/accounts/cust-1 -Body @{ description = ''Contoso, head office'' }'
            Remarks = 'A hashtable or object is sent as JSON; a string is sent as it is.'
            Setup   = 'Import-Csv ./customers.csv | New-GradientAccount | Out-Null'
        }
        @{
            Title   = 'The raw text'
            Code    = 'Invoke-GradientRequest /organization/accounts -Raw'
            Remarks = ''
        }
    )
    RelatedLinks = @('Connect-GradientIntegration', 'Get-GradientConnection')
}
