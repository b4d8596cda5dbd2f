# Wrong in one way: it never creates the partner's accounts, so there is nothing to map.
. (Join-Path $PSScriptRoot 'SampleIntegration.ps1')
New-SampleIntegration -Flaw CreatesNoAccounts
