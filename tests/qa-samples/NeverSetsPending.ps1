# Wrong in one way: it never sets the status to 'pending', so Next never lights up in Synthesize.
. (Join-Path $PSScriptRoot 'SampleIntegration.ps1')
New-SampleIntegration -Flaw NeverSetsPending
