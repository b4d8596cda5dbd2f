# The sample done right: Invoke-GradientQA passes every step.
. (Join-Path $PSScriptRoot 'SampleIntegration.ps1')
New-SampleIntegration -Flaw None
