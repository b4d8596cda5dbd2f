# Wrong in one way: it builds the GRADIENT-TOKEN from "partner:vendor" instead of "vendor:partner", so every call gets 401.
. (Join-Path $PSScriptRoot 'SampleIntegration.ps1')
New-SampleIntegration -Flaw BadToken
