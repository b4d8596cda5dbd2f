# Wrong in one way: it remembers having created the accounts, so after a disconnect (which deletes them) it never re-creates them.
. (Join-Path $PSScriptRoot 'SampleIntegration.ps1')
New-SampleIntegration -Flaw NoAccountsAfterReconnect
