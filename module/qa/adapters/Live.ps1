# The partner side played by a person in the live Synthesize: the suite says what to click and
# watches what the vendor API can see (status, accounts, isMapped, lastSyncedAt, a dead token) for
# up to -TimeoutSec; what it cannot see (service mapping, Finish, the Billing page) it asks, and
# with -NonInteractive it fails those steps with a message instead of waiting. Same operations as
# adapters/Emulator.ps1 (Get-QaPartnerOperations lists them).

function New-QaLivePartner {
    [pscustomobject]@{
        PSTypeName      = 'GradientMsp.QAPartner'
        Kind            = 'Live'
        SeesRequests    = $false # the live service keeps no request log the suite can read
        Reset           = 'Reset-QaLive'
        Connect         = 'Connect-QaLive'
        NewKey          = 'Read-QaLiveKey'
        Say             = 'Write-QaLiveInstruction'
        Ask             = 'Confirm-QaLive'
        AwaitPerson     = 'Assert-QaLivePerson'
        PortalUrl       = 'Get-QaLivePortalUrl'
        Next            = 'Get-QaLiveNext'
        AccountsArrived = 'Get-QaLiveAccountsArrived'
        ServicesArrived = 'Get-QaLiveServicesArrived'
        MapAccounts     = 'Set-QaLiveAccountMapping'
        MapServices     = 'Set-QaLiveServiceMapping'
        Finish          = 'Complete-QaLiveSetup'
        Billing         = 'Get-QaLiveBilling'
        Disconnect      = 'Disconnect-QaLive'
        AfterDisconnect = 'Get-QaLiveAfterDisconnect'
        AccountCount    = 'Get-QaAccountCount'
        LogMark         = 'Get-QaLiveLogMark'
        LogSince        = 'Get-QaLiveLogSince'
    }
}

function Reset-QaLive {
    # Nothing to reset; the key given with -PartnerApiKey is the onboarding key.
    param([psobject] $Qa)
    $Qa.GivenPartnerKey
}

function Assert-QaLivePerson {
    # A step that only a person in Synthesize (or the vendor portal) can move: with -NonInteractive
    # nobody is there, so say that nothing was observed instead of waiting -TimeoutSec and blaming
    # the integration.
    param([psobject] $Qa, [string] $Action, [string] $Expected)
    if ($Qa.NonInteractive) {
        Stop-QaStep -Expected $Expected -Seen "nothing observed: $Action is a person's click, and -NonInteractive does not wait for one" `
            -Fix 'run without -NonInteractive with someone at Synthesize (the prompts say what to click), or test against the emulator'
    }
}

function Read-QaLiveAnswer {
    # The person's answer. When answers come on stdin (a script or a bot playing the person), the
    # prompt is written as a whole line first, so whoever reads the output sees the question before
    # answering it, and the answer is read without echo: Read-Host -AsSecureString cannot read
    # redirected input, and plain Read-Host would copy a key into the log.
    param([string] $Prompt, [switch] $Secret)
    if ([Console]::IsInputRedirected) {
        Write-Host "${Prompt}:"
        $line = [Console]::In.ReadLine()
        if ($null -eq $line) { return '' }
        return $line.Trim()
    }
    if ($Secret) { return [System.Net.NetworkCredential]::new('', (Read-Host $Prompt -AsSecureString)).Password }
    Read-Host $Prompt
}

function Write-QaLiveInstruction {
    # What the person must do in Synthesize.
    param([psobject] $Qa, [string] $Text)
    if (-not $Qa.Quiet -or -not $Qa.NonInteractive) { Write-Host "    >> $Text" -ForegroundColor Yellow }
}

function Confirm-QaLive {
    # For what the vendor API cannot observe: ask the person (never when -NonInteractive).
    param([psobject] $Qa, [string] $Question, [string] $Expected, [string] $Fix)
    if ($Qa.NonInteractive) {
        Stop-QaStep -Expected $Expected -Seen 'nothing the vendor API can observe, and -NonInteractive forbids asking' `
            -Fix "run without -NonInteractive and answer the question, or check by hand: $Question"
    }
    $answer = Read-QaLiveAnswer "    ?? $Question [y/n]"
    if ($answer -notmatch '^(y|yes)$') {
        Stop-QaStep -Expected $Expected -Seen "the person answered '$answer' to: $Question" -Fix $Fix
    }
}

function Read-QaLiveKey {
    # The person generates a key in Synthesize and pastes it; returns it.
    param([psobject] $Qa, [string] $Instruction)
    Write-QaLiveInstruction $Qa $Instruction
    if ($Qa.NonInteractive) {
        Stop-QaStep -Expected 'a Partner API Key generated in Synthesize' -Seen 'no key: the key is shown only in Synthesize, and -NonInteractive forbids asking for it' `
            -Fix 'run interactively, or pass the key with -PartnerApiKey for the first pass'
    }
    $replaces = if ($Qa.PartnerKey) { " (it replaces $(Format-QaKeyHint $Qa.PartnerKey))" } else { '' }
    $key = Read-QaLiveAnswer "    ?? Paste the new Partner API Key Synthesize just showed$replaces" -Secret
    if (-not $key) { Stop-QaStep -Expected 'a Partner API Key' -Seen 'an empty answer' -Fix 'paste the key shown by Generate API Token' }
    $key
}

function Connect-QaLive {
    param([psobject] $Qa)
    if ($Qa.Pass -eq 1 -and $Qa.GivenPartnerKey) {
        Write-QaNote $Qa 'using the Partner API Key given with -PartnerApiKey as the key of this connection'
        $Qa.PendingKey = $Qa.GivenPartnerKey
        return
    }
    Write-QaLiveInstruction $Qa 'In Synthesize, open Integrations, find your integration and click Connect (disconnect it first if it is connected).'
    $Qa.PendingKey = $null
}

function Get-QaLivePortalUrl {
    # Through GET /vendor-api, with the freshest key the suite holds that it has not itself retired
    # (its disconnect step kills the key it held then). If every key is dead by now, the URL read
    # while one worked (Open Vendor Portal) is the answer: the suite's own disconnect is no
    # reason to fail the vendor.
    param([psobject] $Qa)
    $retired = @($Qa.Data.KeyBeforeDisconnect) | Where-Object { $_ }
    $keys = @($Qa.PartnerKey, $Qa.PendingKey, $Qa.SetupKey, $Qa.GivenPartnerKey) | Where-Object { $_ -and $retired -notcontains $_ } | Select-Object -Unique
    $statuses = @()
    foreach ($key in $keys) {
        $vendor = Invoke-QaApi $Qa -Path '' -PartnerKey $key
        if ($vendor.Status -eq 200) { return [string] $vendor.Body.data.integrationPortalUrl }
        $statuses += "HTTP $($vendor.Status) with $(Format-QaKeyHint $key)"
    }
    if ($null -ne $Qa.Data.PortalUrl) {
        Write-QaNote $Qa 'no key the suite holds works any more (the disconnect step retired them): using the URL read at Open Vendor Portal'
        return [string] $Qa.Data.PortalUrl
    }
    $seen = if ($statuses) { $statuses -join '; ' } else { 'no Partner API Key that the suite has not retired' }
    Stop-QaStep -Expected 'GET /vendor-api to answer 200' -Seen $seen -Fix 'check the Vendor API Key and the Partner API Key'
}

function Get-QaLiveNext {
    # Next lights up while the status is pending (or active): wait for that status.
    param([psobject] $Qa)
    $status = Wait-QaCondition $Qa { $s = Get-QaIntegrationStatus $Qa; if ($s -and $s.status -in 'pending', 'active') { $s } }
    if (-not $status) { return [pscustomobject]@{ Lit = $false; Status = (Get-QaIntegrationStatus $Qa).status; Note = $null } }
    [pscustomobject]@{ Lit = $true; Status = $status.status; Note = "status '$($status.status)': Next should be lit in Synthesize" }
}

function Get-QaLiveAccountsArrived {
    param([psobject] $Qa)
    $accounts = Wait-QaCondition $Qa { $a = Invoke-QaApi $Qa -Path '/organization/accounts'; if ($a.Status -eq 200 -and @($a.Body).Count -gt 0) { @($a.Body) } }
    $Qa.Data.LiveAccounts = $accounts
    [pscustomobject]@{ Count = @($accounts | Where-Object { $_ }).Count; Seen = "GET /organization/accounts stayed empty for $($Qa.TimeoutSec) s"; Evidence = @() }
}

function Get-QaLiveServicesArrived {
    param([psobject] $Qa)
    $services = Wait-QaCondition $Qa { $s = Get-QaVendorServices $Qa; if ($s.Count -gt 0) { $s } }
    [pscustomobject]@{ Count = @($services | Where-Object { $_ }).Count; Seen = "no vendor or organization service within $($Qa.TimeoutSec) s"; Evidence = @() }
}

function Set-QaLiveAccountMapping {
    # Observable only when the service reports isMapped on accounts; otherwise the person is asked.
    param([psobject] $Qa)
    Assert-QaLivePerson $Qa 'mapping the accounts in Synthesize' 'at least one mapped account'
    Write-QaLiveInstruction $Qa "In Synthesize, map the accounts to PSA companies (ideally ones with contracts on your Billing page), leave one unmapped if you can, then continue ($(Format-QaWait $Qa))."
    $hasFlag = @($Qa.Data.LiveAccounts | Where-Object { $_.PSObject.Properties['isMapped'] }).Count -gt 0
    if ($hasFlag) {
        $mapped = Wait-QaCondition $Qa { $a = Invoke-QaApi $Qa -Path '/organization/accounts'; @($a.Body | Where-Object isMapped) }
        if (-not $mapped) { Stop-QaStep -Expected 'at least one mapped account' -Seen "no account reported isMapped within $($Qa.TimeoutSec) s" -Fix 'map the accounts in Synthesize' }
        Write-QaNote $Qa "$(@($mapped).Count) account(s) mapped"
        return
    }
    Confirm-QaLive $Qa 'Have you mapped the accounts?' 'the accounts mapped in Synthesize' 'map the accounts in Synthesize'
}

function Set-QaLiveServiceMapping {
    param([psobject] $Qa)
    Write-QaLiveInstruction $Qa 'In Synthesize, map the services to PSA services (ideally ones on your Billing page), then continue.'
    Confirm-QaLive $Qa 'Have you mapped the services?' 'the services mapped in Synthesize' 'map the services in Synthesize'
}

function Complete-QaLiveSetup {
    param([psobject] $Qa)
    Write-QaLiveInstruction $Qa 'Click Finish in Synthesize. The modal should say usage still has to be pushed.'
    Confirm-QaLive $Qa 'Did Finish complete the setup?' 'the setup finished' 'Finish needs the status pending; check Confirm Next lights up'
}

function Get-QaLiveBilling {
    # The Billing page is not observable through the vendor API: $null, and the step asks.
    param([psobject] $Qa)
    Write-QaLiveInstruction $Qa 'In Synthesize, refresh the Billing page.'
    $null
}

function Disconnect-QaLive {
    param([psobject] $Qa)
    Assert-QaLivePerson $Qa 'disconnecting the integration in Synthesize' 'the old key to stop working (401) after the disconnect'
    Write-QaLiveInstruction $Qa "In Synthesize, disconnect the integration; watching $(Format-QaKeyHint $Qa.PartnerKey) stop working ($(Format-QaWait $Qa))…"
    $dead = Wait-QaCondition $Qa { (Invoke-QaApi $Qa -Path '/organization').Status -eq 401 }
    if (-not $dead) { Stop-QaStep -Expected 'the old key to stop working (401) after the disconnect' -Seen "it still works after $($Qa.TimeoutSec) s" -Fix 'disconnect the integration in Synthesize' }
}

function Get-QaLiveAfterDisconnect {
    # A dead key sees neither the accounts nor the status: $null (the reconnect pass checks that
    # the accounts are gone).
    param([psobject] $Qa)
    $null
}

function Get-QaLiveLogMark {
    param([psobject] $Qa)
    0
}

function Get-QaLiveLogSince {
    param([psobject] $Qa, [long] $Mark)
    @()
}
