# Everything a QA run needs inside Pester, dot-sourced by Gradient.QA.Tests.ps1 (at discovery for
# the catalogue's names, and in BeforeAll for the run): the run and its catalogue, the probes, and
# both partner adapters (Initialize-QaRun picks one). The steps themselves are steps/*.ps1, read by
# Get-QaCatalogue. Every function here is private to the QA run.
. (Join-Path $PSScriptRoot 'GradientQA.Run.ps1')
. (Join-Path $PSScriptRoot 'GradientQA.Probes.ps1')
foreach ($adapter in @(Get-ChildItem -Path (Join-Path $PSScriptRoot 'adapters') -Filter '*.ps1' | Sort-Object Name)) { . $adapter.FullName }
Remove-Variable -Name adapter
