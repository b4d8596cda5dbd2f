# The QA run and its step catalogue: the run object every step receives (New-QaRun, a fixed and
# validated property set), the catalogue read from steps/*.ps1 (one file per step), the partner
# adapter chosen once per run (adapters/*.ps1), and the bookkeeping that turns a step into Passed,
# Failed or Skipped. Dot-sourced by Invoke-GradientQA.Body.ps1 (for New-QaRun) and, through
# GradientQA.Driver.ps1, by the Pester file; every function here is private to the QA run.

# ---------------------------------------------------------------- the run

function New-QaObservations {
    # What steps learn for later steps. A fixed set, so a misspelt name fails loudly instead of
    # quietly reading $null in a later step.
    [pscustomobject]@{
        PSTypeName               = 'GradientMsp.QAObservations'
        StatusAtConnect          = $null # the status GET /organization reported when the key was new
        PortalUrl                = $null
        LiveAccounts             = $null # live: the accounts that arrived (to see whether isMapped is reported)
        Wizard                   = $null # emulator: the wizard as Confirm Next saw it
        UnmappedAccountId        = $null # the account left unmapped on purpose
        MappedAccountIds         = @()
        MappedServiceIds         = @()
        Billing                  = $null
        Counts                   = @()
        Cards                    = @()
        Pass1                    = $null # the first pass's billing, judged by the usage check
        KeyBeforeDisconnect      = $null
        AccountsBeforeDisconnect = $null
        IntegrationSetInactive   = $false
        Disconnect               = $null
    }
}

function New-QaRun {
    # The one object a QA run passes to every step: a [pscustomobject] with a fixed property set
    # (assigning a property it does not declare throws), not a class (docs/qa-suite.md says why).
    param(
        [Parameter(Mandatory)] [ValidateSet('Emulator', 'Live')] [string] $Target,
        [uri] $BaseUri,
        [string] $VendorKey,
        [string] $GivenPartnerKey,
        [hashtable] $Integration,
        [object] $Emulator,
        [switch] $NonInteractive,
        [ValidateRange(1, 3600)] [int] $TimeoutSec = 300,
        [switch] $Quiet
    )
    if ($Target -eq 'Emulator') {
        if (-not $Emulator) { throw 'QA run: the emulator target needs a running emulator.' }
        $BaseUri = $Emulator.BaseUri
        $VendorKey = $Emulator.VendorKey
    }
    if (-not $BaseUri -or -not $BaseUri.IsAbsoluteUri) { throw "QA run: '$BaseUri' is not an absolute URI." }
    if (-not $VendorKey) { throw 'QA run: no Vendor API Key.' }
    $name = if (-not $Integration) { 'the person at the keyboard' } elseif ($Integration.Name) { [string] $Integration.Name } else { 'your integration' }
    [pscustomobject]@{
        PSTypeName      = 'GradientMsp.QARun'
        Target          = $Target
        IntegrationName = $name
        Title           = "$name on $(if ($Target -eq 'Live') { $BaseUri } else { 'the emulator' })"
        OrganizationId  = 'default'
        BaseUri         = $BaseUri
        VendorKey       = $VendorKey
        GivenPartnerKey = $GivenPartnerKey
        Integration     = $Integration
        Emulator        = $Emulator
        NonInteractive  = $NonInteractive.IsPresent
        TimeoutSec      = $TimeoutSec
        PollSec         = $(if ($Target -eq 'Emulator') { 0 } else { 2 })
        Quiet           = $Quiet.IsPresent
        # Set by Initialize-QaRun inside the Pester run (the functions they name live there).
        Partner         = $null
        Steps           = $null
        Checklist       = @()
        # The state of the checklist as it runs.
        Results         = [ordered]@{}
        Notes           = [System.Collections.Generic.List[string]]::new()
        Pass            = 1
        PassMark        = 0
        SetupKey        = $null
        SetupError      = $null
        PendingKey      = $null
        PartnerKey      = $null
        PreviousKeys    = @()
        Http            = $null
        Data            = New-QaObservations
    }
}

# ---------------------------------------------------------------- the catalogue

function Get-QaCatalogue {
    # steps/<order>-<Id>.ps1, each returning @{ Name; Requires; Action } (and optionally Implied,
    # RequiresFirstPass). Returns the steps by Id in file order; checks that every prerequisite is
    # an earlier step, so a renamed or reordered step fails at load, not as a silent skip.
    param([string] $Path = (Join-Path $PSScriptRoot 'steps'))
    $catalogue = [ordered]@{}
    foreach ($file in @(Get-ChildItem -Path $Path -Filter '*.ps1' | Sort-Object Name)) {
        if ($file.BaseName -notmatch '^\d+-(\w+)$') { throw "QA suite bug: the step file '$($file.Name)' is not named <order>-<Id>.ps1." }
        $id = $Matches[1]
        $definition = & $file.FullName
        $catalogue[$id] = New-QaStep -Id $id -Definition $definition -Earlier $catalogue
    }
    $catalogue
}

function New-QaStep {
    param([string] $Id, [object] $Definition, [System.Collections.IDictionary] $Earlier)
    if ($Definition -isnot [hashtable]) { throw "QA suite bug: step '$Id' must return one hashtable." }
    foreach ($key in $Definition.Keys) {
        if ('Name', 'Requires', 'Action', 'Implied', 'RequiresFirstPass' -notcontains $key) { throw "QA suite bug: step '$Id' has an unknown key '$key'." }
    }
    if (-not $Definition.Name) { throw "QA suite bug: step '$Id' has no Name." }
    if ($Definition.Action -isnot [scriptblock]) { throw "QA suite bug: step '$Id' has no Action script block." }
    $requires = @($Definition.Requires | Where-Object { $_ })
    foreach ($required in $requires) {
        if (-not $Earlier.Contains($required)) { throw "QA suite bug: step '$Id' requires '$required', which is not an earlier step." }
    }
    if ($Definition.RequiresFirstPass) {
        # Every checklist step but the final disconnect (which ends a pass), then its own.
        $checklist = @($Earlier.Values | Where-Object Part -EQ 'Checklist' | ForEach-Object Id)
        $requires = @($checklist | Select-Object -First ($checklist.Count - 1)) + $requires
    }
    [pscustomobject]@{
        PSTypeName = 'GradientMsp.QAStep'
        Id         = $Id
        Name       = [string] $Definition.Name
        Part       = $(if ($Definition.Implied) { 'Implied' } else { 'Checklist' })
        Requires   = $requires
        Action     = $Definition.Action
    }
}

# ---------------------------------------------------------------- the partner side

function Get-QaPartnerOperations {
    # What each adapter (adapters/*.ps1) must provide: the partner's clicks, and what can be seen.
    'Reset', 'Connect', 'NewKey', 'Say', 'Ask', 'AwaitPerson', 'PortalUrl', 'Next', 'AccountsArrived', 'ServicesArrived',
    'MapAccounts', 'MapServices', 'Finish', 'Billing', 'Disconnect', 'AfterDisconnect', 'AccountCount', 'LogMark', 'LogSince'
}

function New-QaPartner {
    # The adapter for the run's target, checked once: every operation names a defined function.
    param([Parameter(Mandatory)] [ValidateSet('Emulator', 'Live')] [string] $Target)
    $partner = & "New-Qa${Target}Partner"
    foreach ($operation in Get-QaPartnerOperations) {
        $command = $partner.$operation
        if (-not $command -or -not (Get-Command -Name $command -CommandType Function -ErrorAction SilentlyContinue)) {
            throw "QA suite bug: the $Target adapter has no '$operation' operation."
        }
    }
    $partner
}

function Initialize-QaRun {
    # Before the first step: the catalogue and the adapter, then the vendor's one-time setup
    # (services, portal URL) with the partner key Gradient's onboarding handed out, then a clean
    # partner for the checklist.
    param([Parameter(Mandatory)] [psobject] $Qa)
    $Qa.Steps = Get-QaCatalogue
    $Qa.Checklist = @($Qa.Steps.Values | Where-Object Part -EQ 'Checklist' | ForEach-Object Id)
    $Qa.Partner = New-QaPartner $Qa.Target
    $Qa.SetupKey = & $Qa.Partner.Reset $Qa
    if ($Qa.Integration -and $Qa.Integration.Setup -and $Qa.SetupKey) {
        try { $null = Invoke-QaIntegrationPart $Qa 'Setup' -PartnerKey $Qa.SetupKey }
        catch { $Qa.SetupError = $_.Exception.Message; Write-Warning "The integration's Setup failed: $($_.Exception.Message)" }
    }
    $Qa.PassMark = Get-QaLogMark $Qa
}

# ---------------------------------------------------------------- failures and step bookkeeping

function New-QaFailure {
    # A step failure that says what was expected, what was seen and what the integration must do.
    param(
        [Parameter(Mandatory)] [string] $Expected,
        [Parameter(Mandatory)] [string] $Seen,
        [string] $Fix,
        [string[]] $Evidence = @()
    )
    $lines = @("expected: $Expected", "seen: $Seen")
    if ($Fix) { $lines += "fix: $Fix" }
    foreach ($item in $Evidence | Where-Object { $_ }) { $lines += "evidence: $item" }
    $exception = [System.Exception]::new(($lines -join [Environment]::NewLine))
    $exception.Data['QaExpected'] = $Expected
    $exception.Data['QaSeen'] = $Seen
    $exception.Data['QaFix'] = $Fix
    $exception
}

function Stop-QaStep {
    param(
        [Parameter(Mandatory)] [string] $Expected,
        [Parameter(Mandatory)] [string] $Seen,
        [string] $Fix,
        [string[]] $Evidence = @()
    )
    throw (New-QaFailure -Expected $Expected -Seen $Seen -Fix $Fix -Evidence $Evidence)
}

function Write-QaNote {
    # What a step saw (kept on the step's result; -Verbose shows it as it happens).
    param([psobject] $Qa, [string] $Text)
    $Qa.Notes.Add($Text)
    Write-Verbose $Text
}

function Add-QaResult {
    param([psobject] $Qa, [string] $Name, [string] $Result, [string] $Message, [System.Exception] $Exception, [timespan] $Duration)
    $Qa.Results[$Name] = [pscustomobject]@{
        PSTypeName = 'GradientMsp.QAStepResult'
        Step       = $Name
        Result     = $Result
        Message    = $Message
        Expected   = if ($Exception) { $Exception.Data['QaExpected'] } else { $null }
        Seen       = if ($Exception) { $Exception.Data['QaSeen'] } else { $null }
        Fix        = if ($Exception) { $Exception.Data['QaFix'] } else { $null }
        Notes      = @($Qa.Notes)
        Duration   = $Duration
    }
}

function Test-QaRequirements {
    # Returns the reason a step cannot run (a prerequisite did not pass), or $null.
    param([psobject] $Qa, [string[]] $Requires)
    foreach ($required in $Requires) {
        $name = $Qa.Steps[$required].Name
        $record = $Qa.Results[$name]
        if (-not $record) { return "'$name' did not run" }
        if ($record.Result -ne 'Passed') { return "'$name' $($record.Result.ToLowerInvariant())" }
    }
    $null
}

function Invoke-QaStep {
    # Runs one catalogue step inside a Pester It: skipped (not failed) when a prerequisite did not
    # pass, failed with the step's expected/seen/fix message, passed otherwise.
    param([Parameter(Mandatory)] [psobject] $Qa, [Parameter(Mandatory)] [string] $Id)
    $step = $Qa.Steps[$Id]
    if (-not $step) { throw "QA suite bug: no step '$Id'." }
    $Qa.Notes = [System.Collections.Generic.List[string]]::new()
    $why = Test-QaRequirements $Qa $step.Requires
    if ($why) {
        Add-QaResult $Qa $step.Name 'Skipped' "$why, so this step cannot run" $null ([timespan]::Zero)
        Set-ItResult -Skipped -Because "$why, so this step cannot run"
        return
    }
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    try {
        & $step.Action $Qa
        Add-QaResult $Qa $step.Name 'Passed' (@($Qa.Notes) -join '; ') $null $clock.Elapsed
    }
    catch {
        $exception = $_.Exception
        if (-not $exception.Data.Contains('QaExpected')) {
            $exception = New-QaFailure -Expected 'the step to run to its end' -Seen "an unexpected error: $($_.Exception.Message)" `
                -Fix 'see the error; if it comes from the integration''s own script block, that block failed' -Evidence @($_.ScriptStackTrace -split "`n" | Select-Object -First 1)
        }
        Add-QaResult $Qa $step.Name 'Failed' $exception.Message $exception $clock.Elapsed
        throw $exception
    }
}

function Invoke-QaPass {
    # The checklist once more, outside Pester (the reconnect check): returns $null, or the first
    # failure as @{ Step; Exception }. The final disconnect ends a pass; it is not part of repeating it.
    param([psobject] $Qa, [int] $Pass)
    $Qa.Pass = $Pass
    $Qa.PassMark = Get-QaLogMark $Qa
    foreach ($id in @($Qa.Checklist | Select-Object -First ($Qa.Checklist.Count - 1))) {
        $step = $Qa.Steps[$id]
        $Qa.Notes = [System.Collections.Generic.List[string]]::new()
        try {
            & $step.Action $Qa
            if ($id -eq 'GenerateToken') {
                $accounts = & $Qa.Partner.AccountCount $Qa
                if ($accounts -ne 0) {
                    return [pscustomobject]@{ Step = $step.Name; Exception = (New-QaFailure -Expected 'no accounts before the integration re-authenticates' -Seen "$accounts account(s) survived the disconnect" -Fix 'Synthesize deletes them when the partner disconnects; on the emulator this is an emulator problem') }
                }
            }
        }
        catch {
            return [pscustomobject]@{ Step = $step.Name; Exception = $_.Exception }
        }
    }
    $null
}
