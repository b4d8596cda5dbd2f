# Gradient's "Steps to QA the Integration", one It per step of the catalogue (steps/*.ps1) in the
# page's order, then the checks the page implies. Run by Invoke-GradientQA, which passes the run
# (New-QaRun) as $Qa; not meant to be run on its own. A step whose prerequisite did not pass is
# reported Skipped with the reason, never Failed.
param([psobject] $Qa)

BeforeDiscovery {
    if (-not $Qa -or $Qa.PSObject.TypeNames -notcontains 'GradientMsp.QARun') {
        throw 'Run the QA checklist with Invoke-GradientQA; this file needs its -Data @{ Qa = <the run> }.'
    }
    . (Join-Path $PSScriptRoot 'GradientQA.Driver.ps1')
    $catalogue = @((Get-QaCatalogue).Values | ForEach-Object { @{ Id = $_.Id; Step = $_.Name; Part = $_.Part } })
}

Describe "Gradient QA checklist: $($Qa.Title)" {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'GradientQA.Driver.ps1')
        Initialize-QaRun $Qa
    }

    Context 'Steps to QA the Integration' {
        It '<Step>' -ForEach @($catalogue | Where-Object { $_.Part -eq 'Checklist' }) { Invoke-QaStep $Qa $Id }
    }

    Context 'What the checklist implies' {
        It '<Step>' -ForEach @($catalogue | Where-Object { $_.Part -eq 'Implied' }) { Invoke-QaStep $Qa $Id }
    }
}
