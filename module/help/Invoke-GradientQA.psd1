@{
    Description  = @'
Runs Gradient's QA checklist ("Steps to QA the Integration") as Pester tests, one test per step in the page's order: click Connect on the integration, generate an API token, open the vendor portal, authenticate the integration, confirm Next lights up, accounts and services sync in, map them, sync usage, usage shows on the Billing page, disconnect and reconnect. Then it runs the checks the page implies: a disconnect deletes the vendor's accounts and leaves the status inactive; a reconnect re-creates the accounts and the whole checklist passes a second time; regenerating the partner key breaks the old token and keeps the accounts; usage lands only for mapped pairs, with the vendor quantity beside the PSA quantity; the vendor portal URL is set.

A failing step says what was expected, what was seen and what the integration must do. A step that cannot run because an earlier one did not pass is reported as Skipped, with the reason.

There are three targets. The emulator (the default) starts the module's emulator, or uses -Emulator, plays the partner's side through its control API, checks the integration through the emulator's state and request log, and stops the emulator it started; it takes under a minute. The live service (-BaseUri, -VendorApiKey, -PartnerApiKey) tells you what to click in Synthesize at each partner step and waits, up to -TimeoutSec, for what the vendor API can observe; it asks for a confirmation only where nothing is observable, and -NonInteractive fails those steps instead. Your own integration (-Integration) is tested by calling its Authenticate, Sync and Disconnect with BaseUri, VendorKey and PartnerKey; without -Integration the module's own cmdlets are the integration.

The command needs Pester 5.7+ or 6.x (5.7.1 and 6.2.0 tested): -PesterModule (a path, relative to the current location), $env:GRADIENTMSP_PESTER_MODULE or the newest such Pester installed. Output is plain text when redirected, when NO_COLOR is set or when $PSStyle.OutputRendering is PlainText; -OutputPath files name every test with the class GradientMsp.QA and give skipped steps their reason.
'@
    Examples     = @(
        @{
            Title   = 'The whole checklist against a fresh emulator'
            Code    = 'Invoke-GradientQA'
            Remarks = "The module's own cmdlets are the integration; the live checklist is printed as it runs and the result object comes last."
        }
        @{
            Title   = 'Your own integration, with a JUnit report for CI'
            Code    = @'
$mine = @{ Authenticate = 'Connect-MyVendor'; Sync = 'Sync-MyVendor'; Disconnect = 'Disconnect-MyVendor' }
Invoke-GradientQA -Integration $mine -OutputFormat JUnitXml -OutputPath ./qa.xml -EnableExit
'@
            Remarks = 'Each entry is a command name or a script block taking BaseUri, VendorKey and PartnerKey. -EnableExit ends the script with exit code 1 when a step fails.'
            NotRunnable = 'Needs your own integration''s commands (Connect-MyVendor, Sync-MyVendor, Disconnect-MyVendor).'
        }
        @{
            Title   = 'The live service, with a person doing the partner''s clicks'
            Code    = 'Invoke-GradientQA -BaseUri https://app.usegradient.com -VendorApiKey $vendorKey -PartnerApiKey $partnerKey'
            Remarks = 'You are told what to click in Synthesize at each partner step; the suite watches the vendor API for the result.'
            NotRunnable = 'Runs against the live service with your own keys.'
        }
    )
    Notes        = 'The result (GradientMsp.QAResult) carries Passed, Failed, Skipped, each step''s Expected, Seen and Fix, and the Pester run itself.'
    RelatedLinks = @('Start-GradientEmulator', 'Connect-GradientIntegration', 'Sync-GradientUsage')
}
