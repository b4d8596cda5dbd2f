# Checklist: "If this opens to a blank page, contact support": the vendor's integrationPortalUrl is
# set and is an absolute http(s) URL.
@{
    Name   = 'Open Vendor Portal'
    Action = {
        param($Qa)
        $url = & $Qa.Partner.PortalUrl $Qa
        $Qa.Data.PortalUrl = $url
        if (-not $url) {
            Stop-QaStep -Expected "the vendor's integrationPortalUrl set, so Open Vendor Portal opens the vendor's Gradient integration page" `
                -Seen 'integrationPortalUrl is empty: Open Vendor Portal would open a blank page' `
                -Fix 'set it once during onboarding: PATCH /vendor-api {"integrationPortalUrl": "https://…"} (Set-GradientVendor -IntegrationPortalUrl), e.g. in the integration''s Setup; or send Gradient support the URL'
        }
        $parsed = $null
        if (-not [Uri]::TryCreate($url, [UriKind]::Absolute, [ref] $parsed) -or $parsed.Scheme -notin 'http', 'https') {
            Stop-QaStep -Expected 'an absolute http(s) URL' -Seen "integrationPortalUrl is '$url'" -Fix 'set the full https URL of the page where partners paste their Partner API Key'
        }
        Write-QaNote $Qa "Open Vendor Portal opens $url"
        & $Qa.Partner.Say $Qa "Click Open Vendor Portal; it should open $url"
    }
}
