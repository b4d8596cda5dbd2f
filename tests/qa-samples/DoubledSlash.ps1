# Wrong in one way: its configured base URI ends in '/' and it joins it with '/api/vendor-api/...',
# so every path starts '//api': Gradient has no route for that and answers 404.
. (Join-Path $PSScriptRoot 'SampleIntegration.ps1')
New-SampleIntegration -Flaw DoubledSlash
