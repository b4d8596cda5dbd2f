# Implied: partners paste a secret key into the vendor portal, so its URL must be https.
@{
    Name    = 'The vendor portal URL is set (https)'
    Implied = $true
    Action  = {
        param($Qa)
        $url = & $Qa.Partner.PortalUrl $Qa
        $parsed = $null
        if (-not $url -or -not [Uri]::TryCreate($url, [UriKind]::Absolute, [ref] $parsed)) {
            Stop-QaStep -Expected 'integrationPortalUrl set to the vendor''s Gradient integration page' -Seen $(if ($url) { "'$url'" } else { 'it is empty' }) `
                -Fix 'PATCH /vendor-api {"integrationPortalUrl": "https://…"} (Set-GradientVendor -IntegrationPortalUrl)'
        }
        if ($parsed.Scheme -ne 'https') {
            Stop-QaStep -Expected 'an https URL (partners paste a secret key there)' -Seen "'$url'" -Fix 'serve the vendor portal over https and set that URL'
        }
        Write-QaNote $Qa $url
    }
}
