# Wrong in one way: it pushes usage as soon as the partner authenticates (before any mapping) and stops on the 404 that brings.
. (Join-Path $PSScriptRoot 'SampleIntegration.ps1')
New-SampleIntegration -Flaw PushesBeforeMapping404Fatal
