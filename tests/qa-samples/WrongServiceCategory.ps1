# Wrong in one way: its services use 'Security'/'Backup' where Gradient wants the lower-case category, so they are refused (400).
. (Join-Path $PSScriptRoot 'SampleIntegration.ps1')
New-SampleIntegration -Flaw WrongServiceCategory
