# Makes the results file Invoke-GradientQA writes (-OutputPath) read well in a pipeline's test
# report, whatever Pester put there: the same class name on every machine (Pester writes the
# absolute path of the installed test file, which changes with the user and the module version),
# and a skipped step's reason in the suite's own words (Pester's JUnit writes
# "Exception: is skipped, because …"; its NUnit writes no reason at all).

$script:QaResultClassName = 'GradientMsp.QA'

function Get-QaStepReason {
    param([psobject] $Run, [string] $Step)
    # Result files name a test by its path of blocks ('Describe.Context.Step'); the run by the step.
    if (-not $Run -or -not $Run.Results) { return $null }
    foreach ($key in @($Run.Results.Keys)) {
        if ($Step -eq $key -or $Step.EndsWith('.' + $key)) {
            $record = $Run.Results[$key]
            if ($record.Message) { return [string] $record.Message }
        }
    }
    $null
}

function Repair-QaResultFile {
    param([string] $Path, [string] $Format, [psobject] $Run)
    if (-not $Path -or -not (Test-Path -LiteralPath $Path)) { return }
    $document = New-Object System.Xml.XmlDocument
    $document.PreserveWhitespace = $true
    $document.Load($Path)
    if ($Format -eq 'JUnitXml') {
        foreach ($case in @($document.SelectNodes('//testcase'))) {
            $case.SetAttribute('classname', $script:QaResultClassName)
            $step = $case.GetAttribute('name')
            foreach ($node in @($case.SelectNodes('skipped|failure|error'))) {
                $reason = Get-QaStepReason $Run $step
                if (-not $reason) { $reason = ($node.GetAttribute('message') -replace '^Exception: (is skipped, because )?', '') }
                $node.SetAttribute('message', $reason)
            }
        }
        foreach ($suite in @($document.SelectNodes('//testsuite'))) {
            if ($suite.GetAttribute('name') -like '*.ps1') { $suite.SetAttribute('name', $script:QaResultClassName) }
            if ($suite.HasAttribute('package')) { $suite.SetAttribute('package', $script:QaResultClassName) }
        }
    }
    else {
        foreach ($suite in @($document.SelectNodes('//test-suite[@type="TestFixture"]'))) {
            # Only the file's own fixture carries the installed path; Describe blocks keep their names.
            if ($suite.GetAttribute('name') -like '*.ps1') {
                $suite.SetAttribute('name', $script:QaResultClassName)
                $suite.SetAttribute('description', $script:QaResultClassName)
            }
        }
        foreach ($case in @($document.SelectNodes('//test-case[@result="Ignored" or @result="Skipped"]'))) {
            $reason = Get-QaStepReason $Run $case.GetAttribute('description')
            if ($reason -and -not $case.SelectSingleNode('reason')) {
                $reasonNode = $document.CreateElement('reason')
                $message = $document.CreateElement('message')
                $message.InnerText = $reason
                $null = $reasonNode.AppendChild($message)
                $null = $case.AppendChild($reasonNode)
            }
        }
    }
    $document.Save($Path)
}
