@{
    Description  = @'
DEPRECATED by Gradient. Gets the partner's clients as Synthesize pulled them from the PSA (GET /vendor-api/organization/clients). It was used to map accounts outside Gradient; partners now map accounts in the Synthesize UI, so the command writes a warning each time it runs. Its one remaining use is looking at the clients of a seed (test) account during onboarding.

The shape of a client is not documented, so each one is written as an object with whatever fields Gradient sent. One page is returned; pass the id of the last client as -PreviousId for the next page.
'@
    Examples     = @(
        @{
            Title   = 'Look at the seed account''s PSA clients'
            Code    = 'Get-GradientClient | Format-Table'
            Remarks = ''
        }
        @{
            Title   = 'Search, then get the next page'
            Code    = @'
$page = @(Get-GradientClient -Search 'Contoso' -WarningAction SilentlyContinue)
Get-GradientClient -Search 'Contoso' -PreviousId $page[-1].id -WarningAction SilentlyContinue
'@
            Remarks = 'The field names are Gradient''s own (here id).'
        }
    )
    Notes        = 'Deprecated upstream: prefer New-GradientAccount and the partner''s mapping in Synthesize.'
    RelatedLinks = @('New-GradientAccount', 'Get-GradientAccount')
}
