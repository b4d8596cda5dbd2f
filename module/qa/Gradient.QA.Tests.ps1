# Gradient's "Steps to QA the Integration", one It per step in the page's order, then the checks the
# page implies. Run by Invoke-GradientQA, which passes the run's context as $Qa; not meant to be run
# on its own. Each step is defined in GradientQA.Driver.ps1; a step whose prerequisite did not pass
# is reported Skipped with the reason, never Failed.
param([hashtable] $Qa)

BeforeDiscovery {
    if (-not $Qa) { throw 'Run the QA checklist with Invoke-GradientQA; this file needs its -Data @{ Qa = … }.' }
}

Describe "Gradient QA checklist: $($Qa.Title)" {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'GradientQA.Driver.ps1')
        Initialize-QaRun $Qa
    }

    Context 'Steps to QA the Integration' {
        It 'Click Connect on the Integration' { Invoke-QaStep $Qa 'Click Connect on the Integration' }
        It 'Generate API Token' { Invoke-QaStep $Qa 'Generate API Token' }
        It 'Open Vendor Portal' { Invoke-QaStep $Qa 'Open Vendor Portal' }
        It 'Authenticate the integration' { Invoke-QaStep $Qa 'Authenticate the integration' }
        It 'Confirm Next lights up' { Invoke-QaStep $Qa 'Confirm Next lights up' }
        It 'Confirm Accounts have synced in for mapping' { Invoke-QaStep $Qa 'Confirm Accounts have synced in for mapping' }
        It 'Map the accounts created' { Invoke-QaStep $Qa 'Map the accounts created' }
        It 'Confirm Services have synced in for mapping' { Invoke-QaStep $Qa 'Confirm Services have synced in for mapping' }
        It 'Map the services created' { Invoke-QaStep $Qa 'Map the services created' }
        It 'Finish the integration setup' { Invoke-QaStep $Qa 'Finish the integration setup' }
        It 'Within the vendor portal, initiate a sync' { Invoke-QaStep $Qa 'Within the vendor portal, initiate a sync' }
        It 'Within Synthesize, refresh the Billing page, and confirm usage has synced in for the mapped accounts and services' {
            Invoke-QaStep $Qa 'Within Synthesize, refresh the Billing page, and confirm usage has synced in for the mapped accounts and services'
        }
        It 'Disconnect the integration and follow these steps again' { Invoke-QaStep $Qa 'Disconnect the integration and follow these steps again' }
    }

    Context 'What the checklist implies' {
        It 'Disconnect deletes the vendor''s accounts and leaves the status inactive' { Invoke-QaStep $Qa 'Disconnect deletes the vendor''s accounts and leaves the status inactive' }
        It 'Reconnect: accounts are re-created and the whole checklist passes a second time' { Invoke-QaStep $Qa 'Reconnect: accounts are re-created and the whole checklist passes a second time' }
        It 'Regenerating the partner key breaks the old token and keeps the accounts' { Invoke-QaStep $Qa 'Regenerating the partner key breaks the old token and keeps the accounts' }
        It 'Usage lands only for mapped pairs, and billing cards show the vendor quantity beside the PSA quantity' {
            Invoke-QaStep $Qa 'Usage lands only for mapped pairs, and billing cards show the vendor quantity beside the PSA quantity'
        }
        It 'The vendor portal URL is set (https)' { Invoke-QaStep $Qa 'The vendor portal URL is set (https)' }
    }
}
