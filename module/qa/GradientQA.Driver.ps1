# The machinery behind Gradient.QA.Tests.ps1: one definition per QA step (what the partner does,
# what must be observable afterwards, and what the integration must do when it is not), for two
# partner sides: the local emulator (driven through its control API) and the live service (a person
# clicks, the suite watches what the vendor API can see). Dot-sourced by the QA test file; every
# function here is private to the QA run.

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
    param([hashtable] $Qa, [string] $Text)
    $Qa.Notes.Add($Text)
    Write-Verbose $Text
}

function Write-QaInstruction {
    # What the person must do in Synthesize (live target).
    param([hashtable] $Qa, [string] $Text)
    if (-not $Qa.Quiet -or -not $Qa.NonInteractive) { Write-Host "    >> $Text" -ForegroundColor Yellow }
}

function Add-QaResult {
    param([hashtable] $Qa, [string] $Name, [string] $Result, [string] $Message, [System.Exception] $Exception, [timespan] $Duration)
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
    param([hashtable] $Qa, [string[]] $Requires)
    foreach ($required in $Requires) {
        $record = $Qa.Results[$required]
        if (-not $record) { return "'$required' did not run" }
        if ($record.Result -ne 'Passed') { return "'$required' $($record.Result.ToLowerInvariant())" }
    }
    $null
}

function Invoke-QaStep {
    # Runs one checklist step inside a Pester It: skipped (not failed) when a prerequisite did not
    # pass, failed with the step's expected/seen/fix message, passed otherwise.
    param([Parameter(Mandatory)] [hashtable] $Qa, [Parameter(Mandatory)] [string] $Name)
    $step = $Qa.Steps[$Name]
    if (-not $step) { throw "QA suite bug: no step named '$Name'." }
    $Qa.Notes = [System.Collections.Generic.List[string]]::new()
    $why = Test-QaRequirements $Qa $step.Requires
    if ($why) {
        Add-QaResult $Qa $Name 'Skipped' "$why, so this step cannot run" $null ([timespan]::Zero)
        Set-ItResult -Skipped -Because "$why, so this step cannot run"
        return
    }
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    try {
        & $step.Body $Qa
        Add-QaResult $Qa $Name 'Passed' (@($Qa.Notes) -join '; ') $null $clock.Elapsed
    }
    catch {
        $exception = $_.Exception
        if (-not $exception.Data.Contains('QaExpected')) {
            $exception = New-QaFailure -Expected 'the step to run to its end' -Seen "an unexpected error: $($_.Exception.Message)" `
                -Fix 'see the error; if it comes from the integration''s own script block, that block failed' -Evidence @($_.ScriptStackTrace -split "`n" | Select-Object -First 1)
        }
        Add-QaResult $Qa $Name 'Failed' $exception.Message $exception $clock.Elapsed
        throw $exception
    }
}

# ---------------------------------------------------------------- HTTP probes (never through the integration)

function Get-QaToken {
    param([string] $VendorKey, [string] $PartnerKey)
    [Convert]::ToBase64String([System.Text.Encoding]::UTF8.GetBytes("${VendorKey}:${PartnerKey}"))
}

function Invoke-QaApi {
    # One vendor API call made by the suite itself (to observe, or to prove a token dead or alive).
    # Returns @{ Status; Body } and never throws on an HTTP status.
    param([hashtable] $Qa, [string] $Method = 'GET', [string] $Path, [string] $PartnerKey = $Qa.PartnerKey)
    if (-not $Qa.Http) {
        $Qa.Http = [System.Net.Http.HttpClient]::new()
        $Qa.Http.Timeout = [timespan]::FromSeconds(30)
    }
    $uri = $Qa.BaseUri.ToString().TrimEnd('/') + '/api/vendor-api' + $Path
    $request = [System.Net.Http.HttpRequestMessage]::new([System.Net.Http.HttpMethod]::new($Method), $uri)
    $request.Headers.Add('GRADIENT-TOKEN', (Get-QaToken $Qa.VendorKey $PartnerKey))
    $request.Headers.Add('Accept', 'application/json')
    try {
        $response = $Qa.Http.SendAsync($request).GetAwaiter().GetResult()
        $text = $response.Content.ReadAsStringAsync().GetAwaiter().GetResult()
        $body = $null
        if ($text) { try { $body = $text | ConvertFrom-Json } catch { $body = $text } }
        @{ Status = [int] $response.StatusCode; Body = $body }
    }
    finally {
        $request.Dispose()
    }
}

function Get-QaIntegrationStatus {
    param([hashtable] $Qa, [string] $PartnerKey = $Qa.PartnerKey)
    $answer = Invoke-QaApi $Qa -Path '/organization' -PartnerKey $PartnerKey
    if ($answer.Status -ne 200) { return $null }
    $body = $answer.Body
    if ($body.PSObject.Properties['data'] -and $body.data) { $body = $body.data }
    $body
}

function Get-QaVendorServices {
    # The services the partner can map: the vendor's skus and this partner's organization services.
    param([hashtable] $Qa)
    $services = [System.Collections.Generic.List[object]]::new()
    $vendor = Invoke-QaApi $Qa -Path ''
    if ($vendor.Status -eq 200) {
        foreach ($sku in @($vendor.Body.data.skus)) { if ($sku) { $services.Add($sku) } }
    }
    $organization = Invoke-QaApi $Qa -Path '/organization/services'
    if ($organization.Status -eq 200) {
        foreach ($service in @($organization.Body)) { if ($service) { $services.Add($service) } }
    }
    , $services
}

# ---------------------------------------------------------------- the integration under test

function Invoke-QaIntegrationPart {
    # Runs the integration's Setup/Authenticate/Sync/Disconnect (a script block or a command name)
    # with the keys, passing by name what it declares and by position otherwise.
    param([hashtable] $Qa, [string] $Part, [string] $PartnerKey = $Qa.PartnerKey)
    $target = $Qa.Integration[$Part]
    if (-not $target) { return $false }
    $arguments = [ordered]@{ BaseUri = $Qa.BaseUri; VendorKey = $Qa.VendorKey; PartnerKey = $PartnerKey }
    if ($target -is [scriptblock]) {
        $declared = @()
        if ($target.Ast.ParamBlock) { $declared = @($target.Ast.ParamBlock.Parameters | ForEach-Object { $_.Name.VariablePath.UserPath }) }
    }
    else {
        $command = Get-Command -Name ([string] $target) -ErrorAction Stop
        $declared = @($command.Parameters.Keys)
    }
    $splat = @{}
    foreach ($key in $arguments.Keys) { if ($declared -contains $key) { $splat[$key] = $arguments[$key] } }
    if ($splat.Count -gt 0) { $null = & $target @splat }
    else { $null = & $target $arguments.BaseUri $arguments.VendorKey $arguments.PartnerKey }
    $true
}

function New-QaModuleIntegration {
    # With no -Integration the module's own cmdlets are the integration: what a vendor would write
    # with GradientMsp. A small fixed data set (three accounts, two services, usage for each pair).
    $state = @{ Connection = $null; PortalUrl = 'https://portal.example.com/gradient-msp' }
    $accounts = @(
        @{ Id = 'gmsp-qa-1'; Name = 'QA Tenant One'; Description = 'GradientMsp QA' }
        @{ Id = 'gmsp-qa-2'; Name = 'QA Tenant Two'; Description = 'GradientMsp QA' }
        @{ Id = 'gmsp-qa-3'; Name = 'QA Tenant Three'; Description = 'GradientMsp QA' }
    )
    $services = @(
        @{ Name = 'GradientMsp QA Endpoint'; Description = 'Endpoint protection seats'; Category = 'security'; Subcategory = 'endpoint detection and response (EDR)' }
        @{ Name = 'GradientMsp QA Backup'; Description = 'Protected workstations'; Category = 'backup'; Subcategory = 'cloud backup' }
    )
    $usage = @(
        @{ AccountId = 'gmsp-qa-1'; ServiceName = 'GradientMsp QA Endpoint'; UnitCount = 24 }
        @{ AccountId = 'gmsp-qa-1'; ServiceName = 'GradientMsp QA Backup'; UnitCount = 9 }
        @{ AccountId = 'gmsp-qa-2'; ServiceName = 'GradientMsp QA Endpoint'; UnitCount = 40 }
        @{ AccountId = 'gmsp-qa-2'; ServiceName = 'GradientMsp QA Backup'; UnitCount = 3 }
        @{ AccountId = 'gmsp-qa-3'; ServiceName = 'GradientMsp QA Endpoint'; UnitCount = 5 }
        @{ AccountId = 'gmsp-qa-3'; ServiceName = 'GradientMsp QA Backup'; UnitCount = 5 }
    )
    $connect = {
        param($BaseUri, $VendorKey, $PartnerKey, [switch] $SkipStatusUpdate)
        if ($state.Connection -and -not $state.Connection.IsClosed) { Disconnect-GradientIntegration -Connection $state.Connection -KeepStatus -Confirm:$false }
        $state.Connection = Connect-GradientIntegration -BaseUri $BaseUri -VendorApiKey $VendorKey -PartnerApiKey $PartnerKey `
            -SkipStatusUpdate:$SkipStatusUpdate -PassThru -Confirm:$false -ErrorAction Stop
    }.GetNewClosure()
    $ensureServices = {
        $existing = @(Get-GradientService -Connection $state.Connection -ErrorAction Stop | ForEach-Object Name)
        foreach ($service in $services) {
            if ($existing -notcontains $service.Name) {
                $null = New-GradientService -Connection $state.Connection @service -Confirm:$false -ErrorAction Stop
            }
        }
    }.GetNewClosure()
    @{
        Name         = 'GradientMsp cmdlets'
        Setup        = {
            param($BaseUri, $VendorKey, $PartnerKey)
            & $connect $BaseUri $VendorKey $PartnerKey -SkipStatusUpdate
            Set-GradientVendor -Connection $state.Connection -IntegrationPortalUrl $state.PortalUrl -Confirm:$false -ErrorAction Stop
            & $ensureServices
        }.GetNewClosure()
        Authenticate = {
            param($BaseUri, $VendorKey, $PartnerKey)
            # Connect-GradientIntegration verifies the token and sets the status to pending.
            & $connect $BaseUri $VendorKey $PartnerKey
            & $ensureServices
            $existing = @(Get-GradientAccount -Connection $state.Connection -ErrorAction Stop | ForEach-Object Id)
            $missing = @($accounts | Where-Object { $existing -notcontains $_.Id } | ForEach-Object { [pscustomobject] $_ })
            if ($missing) { $null = $missing | New-GradientAccount -Connection $state.Connection -Confirm:$false -ErrorAction Stop }
        }.GetNewClosure()
        Sync         = {
            param($BaseUri, $VendorKey, $PartnerKey)
            # Unmapped pairs come back as Unmapped (404, expected), not as errors.
            $null = $usage | ForEach-Object { [pscustomobject] $_ } | Sync-GradientUsage -Connection $state.Connection -Summary -Confirm:$false -ErrorAction Stop
        }.GetNewClosure()
        Disconnect   = {
            param($BaseUri, $VendorKey, $PartnerKey)
            if ($state.Connection -and -not $state.Connection.IsClosed) {
                Disconnect-GradientIntegration -Connection $state.Connection -Confirm:$false -ErrorAction Stop
            }
        }.GetNewClosure()
    }
}

# ---------------------------------------------------------------- what the partner does

function Wait-QaCondition {
    # Polls until $Test returns something truthy or the timeout passes; returns the last value.
    param([hashtable] $Qa, [scriptblock] $Test, [int] $TimeoutSec = $Qa.TimeoutSec)
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
    while ($true) {
        $value = & $Test
        if ($value) { return $value }
        if ([DateTime]::UtcNow -ge $deadline) { return $value }
        Start-Sleep -Seconds $Qa.PollSec
    }
}

function Confirm-QaByPerson {
    # Live target, for what the vendor API cannot observe: ask the person (never when -NonInteractive).
    param([hashtable] $Qa, [string] $Question, [string] $Expected, [string] $Fix)
    if ($Qa.NonInteractive) {
        Stop-QaStep -Expected $Expected -Seen 'nothing the vendor API can observe, and -NonInteractive forbids asking' `
            -Fix "run without -NonInteractive and answer the question, or check by hand: $Question"
    }
    $answer = Read-Host "    ?? $Question [y/n]"
    if ($answer -notmatch '^(y|yes)$') {
        Stop-QaStep -Expected $Expected -Seen "the person answered '$answer' to: $Question" -Fix $Fix
    }
}

function Read-QaPartnerKey {
    param([hashtable] $Qa, [string] $Why)
    if ($Qa.NonInteractive) {
        Stop-QaStep -Expected 'a Partner API Key generated in Synthesize' -Seen "no key: $Why, and -NonInteractive forbids asking for it" `
            -Fix 'run interactively, or pass the key with -PartnerApiKey for the first pass'
    }
    $secure = Read-Host '    ?? Paste the Partner API Key Synthesize just generated' -AsSecureString
    $key = [System.Net.NetworkCredential]::new('', $secure).Password
    if (-not $key) { Stop-QaStep -Expected 'a Partner API Key' -Seen 'an empty answer' -Fix 'paste the key shown by Generate API Token' }
    $key
}

function Get-QaLogMark {
    param([hashtable] $Qa)
    if (-not $Qa.Emulator) { return 0 }
    $last = @(Get-GradientEmulatorRequestLog -Emulator $Qa.Emulator -Last 1)
    if ($last.Count -eq 0) { return 0 }
    $last[0].Index + 1
}

function Get-QaLogSince {
    param([hashtable] $Qa, [long] $Mark)
    if (-not $Qa.Emulator) { return @() }
    @(Get-GradientEmulatorRequestLog -Emulator $Qa.Emulator -Since $Mark)
}

function Format-QaRequests {
    # "GET /vendor-api/organization 200, POST /vendor-api/organization/accounts 201 (x2)" for evidence lines.
    param([object[]] $Entries)
    if (-not $Entries) { return 'no requests' }
    $groups = $Entries | ForEach-Object { "$($_.Method) $($_.Path -replace '^/api', '') $($_.Status)" } | Group-Object -NoElement
    ($groups | ForEach-Object { if ($_.Count -gt 1) { "$($_.Name) (x$($_.Count))" } else { $_.Name } }) -join ', '
}

function Get-QaRequestAdvice {
    # What the request log says about a failed integration call: bad tokens, 404 on usage, refused bodies.
    param([object[]] $Entries)
    $advice = [System.Collections.Generic.List[string]]::new()
    $unauthorized = @($Entries | Where-Object Status -EQ 401)
    if ($unauthorized.Count -gt 0 -and @($Entries | Where-Object { $_.Status -ge 200 -and $_.Status -lt 300 }).Count -eq 0) {
        $advice.Add("every request ($($unauthorized.Count)) was answered 401 Unauthorized: the GRADIENT-TOKEN header must be Base64(UTF-8('<vendor key>:<partner key>')), vendor key first, one colon, no prefix")
    }
    elseif ($unauthorized.Count -gt 0) {
        $advice.Add("$($unauthorized.Count) request(s) were answered 401: a stale or wrongly built token")
    }
    $unmapped = @($Entries | Where-Object { $_.Path -like '*/count' -and $_.Status -eq 404 })
    if ($unmapped.Count -gt 0) {
        $advice.Add("$($unmapped.Count) usage push(es) were answered 404 ('No account map found'): that is normal for accounts or services the partner has not mapped (yet); skip those rows and go on, never stop on them")
    }
    $badServices = @($Entries | Where-Object { $_.Method -eq 'POST' -and $_.Path -like '*/vendor-api/service' -and $_.Status -eq 400 })
    if ($badServices.Count -gt 0) {
        $advice.Add("$($badServices.Count) POST /vendor-api/service call(s) were refused with 400: category and subcategory must be one of Gradient's values, spelled exactly (lower case, case-sensitive), e.g. 'security' / 'endpoint detection and response (EDR)'")
    }
    $badAccounts = @($Entries | Where-Object { $_.Path -like '*/organization/accounts*' -and $_.Status -ge 400 -and $_.Status -ne 401 })
    if ($badAccounts.Count -gt 0) {
        $advice.Add("$($badAccounts.Count) account call(s) failed ($((@($badAccounts | ForEach-Object Status) | Select-Object -Unique) -join ', ')): POST /organization/accounts takes an array of {id, name, description}")
    }
    , $advice
}

function Invoke-QaIntegrationChecked {
    # Runs one integration part and turns a failure into a step failure with the request-log evidence.
    param([hashtable] $Qa, [string] $Part, [string] $Expected, [string] $PartnerKey = $Qa.PartnerKey)
    $mark = Get-QaLogMark $Qa
    $failure = $null
    try {
        $null = Invoke-QaIntegrationPart $Qa $Part -PartnerKey $PartnerKey
    }
    catch {
        $failure = $_
    }
    $entries = Get-QaLogSince $Qa $mark
    $advice = Get-QaRequestAdvice $entries
    if ($failure) {
        $fix = if ($advice.Count -gt 0) { $advice -join '; ' } else { "the integration's $Part must complete without an error" }
        Stop-QaStep -Expected $Expected -Seen "the integration's $Part failed: $($failure.Exception.Message)" -Fix $fix `
            -Evidence @(if ($Qa.Emulator) { "requests: $(Format-QaRequests $entries)" })
    }
    [pscustomobject]@{ Entries = $entries; Advice = $advice }
}

# ---------------------------------------------------------------- the steps

function Invoke-QaConnect {
    # "Click Connect on the Integration" (+ the preamble: disconnect first if connected).
    param([hashtable] $Qa)
    if ($Qa.Emulator) {
        $partner = Get-GradientEmulatorPartner -Emulator $Qa.Emulator -OrganizationId $Qa.OrganizationId
        if ($partner.Connected) {
            Write-QaNote $Qa 'the integration was connected: disconnected it first, as the checklist says'
            $null = Disconnect-GradientEmulatorPartner -Emulator $Qa.Emulator -OrganizationId $Qa.OrganizationId -Confirm:$false
        }
        $partner = Connect-GradientEmulatorPartner -Emulator $Qa.Emulator -OrganizationId $Qa.OrganizationId -Confirm:$false -ErrorAction Stop
        if (-not $partner.Connected) {
            Stop-QaStep -Expected 'the integration connected in Synthesize' -Seen 'the emulator did not connect it' -Fix 'emulator problem: see Get-GradientEmulatorPartner'
        }
        $Qa.PendingKey = $partner.PartnerKey
        Write-QaNote $Qa "connected; status '$($partner.Status)'"
        return
    }
    if ($Qa.Pass -eq 1 -and $Qa.GivenPartnerKey) {
        Write-QaNote $Qa 'using the Partner API Key given with -PartnerApiKey as the key of this connection'
        $Qa.PendingKey = $Qa.GivenPartnerKey
        return
    }
    Write-QaInstruction $Qa 'In Synthesize, open Integrations, find your integration and click Connect (disconnect it first if it is connected).'
    $Qa.PendingKey = $null
}

function Invoke-QaGenerateToken {
    # "Generate API Token": a partner key exists and the vendor API accepts it.
    param([hashtable] $Qa)
    if (-not $Qa.PendingKey) {
        Write-QaInstruction $Qa 'Click Generate API Token and copy the Partner API Key.'
        $Qa.PendingKey = Read-QaPartnerKey $Qa 'the key is shown only in Synthesize'
    }
    if ($Qa.PreviousKeys -contains $Qa.PendingKey) {
        Stop-QaStep -Expected 'a new Partner API Key' -Seen 'the same key as before' -Fix 'generate a new token in Synthesize'
    }
    $Qa.PartnerKey = $Qa.PendingKey
    $Qa.PreviousKeys += $Qa.PartnerKey
    $answer = Invoke-QaApi $Qa -Path '/organization'
    if ($answer.Status -ne 200) {
        Stop-QaStep -Expected 'GET /vendor-api/organization to accept the new key (200)' -Seen "HTTP $($answer.Status)" `
            -Fix 'check the Vendor API Key and that the Partner API Key was copied whole; a regenerated or disconnected key is dead'
    }
    $Qa.Data.StatusAtConnect = $answer.Body.status
    Write-QaNote $Qa "the token works; status '$($answer.Body.status)'"
}

function Get-QaPortalUrl {
    # The emulator is read directly (no token needed); the live service through GET /vendor-api.
    param([hashtable] $Qa)
    if ($Qa.Emulator) { return [string] (Get-GradientEmulatorState -Emulator $Qa.Emulator).Vendor.IntegrationPortalUrl }
    $key = if ($Qa.PartnerKey) { $Qa.PartnerKey } else { $Qa.SetupKey }
    $vendor = Invoke-QaApi $Qa -Path '' -PartnerKey $key
    if ($vendor.Status -ne 200) {
        Stop-QaStep -Expected 'GET /vendor-api to answer 200' -Seen "HTTP $($vendor.Status)" -Fix 'check the Vendor API Key and the Partner API Key'
    }
    [string] $vendor.Body.data.integrationPortalUrl
}

function Invoke-QaOpenPortal {
    # "Open Vendor Portal": the vendor's integrationPortalUrl is set and is an absolute http(s) URL.
    param([hashtable] $Qa)
    $url = Get-QaPortalUrl $Qa
    $Qa.Data.PortalUrl = $url
    if (-not $url) {
        Stop-QaStep -Expected "the vendor's integrationPortalUrl set, so Open Vendor Portal opens the vendor's Gradient integration page" `
            -Seen 'integrationPortalUrl is empty: Open Vendor Portal would open a blank page' `
            -Fix 'set it once during onboarding: PATCH /vendor-api {"integrationPortalUrl": "https://…"} (Set-GradientVendor -IntegrationPortalUrl), e.g. in the integration''s Setup; or send Gradient support the URL'
    }
    $parsed = $null
    if (-not [Uri]::TryCreate($url, [UriKind]::Absolute, [ref] $parsed) -or $parsed.Scheme -notin 'http', 'https') {
        Stop-QaStep -Expected 'an absolute http(s) URL' -Seen "integrationPortalUrl is '$url'" -Fix 'set the full https URL of the page where partners paste their Partner API Key'
    }
    Write-QaNote $Qa "Open Vendor Portal opens $url"
    if (-not $Qa.Emulator -and -not $Qa.NonInteractive) {
        Write-QaInstruction $Qa "Click Open Vendor Portal; it should open $url"
    }
}

function Invoke-QaAuthenticate {
    # "Authenticate the integration": the partner hands the key to the vendor; the integration uses it.
    param([hashtable] $Qa)
    if ($Qa.Integration) {
        $run = Invoke-QaIntegrationChecked $Qa 'Authenticate' 'the integration to authenticate with the new Partner API Key'
        $entries = $run.Entries
        if ($Qa.Emulator) {
            if ($entries.Count -eq 0) {
                Stop-QaStep -Expected 'the integration to call the API with the new key' -Seen 'no request reached the API' `
                    -Fix 'on authenticate, call GET /vendor-api/organization with the token built from both keys, then set the status to pending and create the accounts'
            }
            $accepted = @($entries | Where-Object { $_.Status -ge 200 -and $_.Status -lt 300 })
            if ($accepted.Count -eq 0) {
                Stop-QaStep -Expected 'the API to accept the integration''s token' -Seen "no request succeeded ($(Format-QaRequests $entries))" -Fix ($run.Advice -join '; ')
            }
            Write-QaNote $Qa "requests: $(Format-QaRequests $entries)"
        }
        return
    }
    Write-QaInstruction $Qa 'In your vendor portal, paste the Partner API Key and authenticate the integration. Waiting for the status or the accounts to change…'
    $changed = Wait-QaCondition $Qa {
        $status = Get-QaIntegrationStatus $Qa
        $accounts = Invoke-QaApi $Qa -Path '/organization/accounts'
        ($status -and $status.status -ne $Qa.Data.StatusAtConnect) -or ($accounts.Status -eq 200 -and @($accounts.Body).Count -gt 0)
    }
    if (-not $changed) {
        Stop-QaStep -Expected 'the integration to use the key (status or accounts change)' -Seen "nothing changed within $($Qa.TimeoutSec) s" `
            -Fix 'on authenticate, the integration must set the status to pending and create the partner''s accounts'
    }
}

function Invoke-QaConfirmNext {
    # "Confirm Next lights up": only while status is pending (or active).
    param([hashtable] $Qa)
    if ($Qa.Emulator) {
        $wizard = Get-GradientEmulatorWizard -Emulator $Qa.Emulator -OrganizationId $Qa.OrganizationId
        $Qa.Data.Wizard = $wizard
        if (-not $wizard.NextEnabled) {
            Stop-QaStep -Expected "Next lit (integration status 'pending')" `
                -Seen "status stayed '$($wizard.Status)' after the partner authenticated" `
                -Fix "the integration must set 'pending' (PATCH /vendor-api/organization/status/pending, lower case) as soon as the partner authenticates"
        }
        Write-QaNote $Qa "Next is lit (status '$($wizard.Status)')"
        return
    }
    $status = Wait-QaCondition $Qa { $s = Get-QaIntegrationStatus $Qa; if ($s -and $s.status -in 'pending', 'active') { $s } }
    if (-not $status) {
        $now = Get-QaIntegrationStatus $Qa
        Stop-QaStep -Expected "status 'pending' so that Next lights up" -Seen "status stayed '$($now.status)' after the partner authenticated" `
            -Fix "the integration must set 'pending' (PATCH /vendor-api/organization/status/pending) when the partner authenticates"
    }
    Write-QaNote $Qa "status '$($status.status)': Next should be lit in Synthesize"
}

function Invoke-QaConfirmAccounts {
    param([hashtable] $Qa)
    $fix = 'when the partner authenticates (and after every reconnect, because a disconnect deletes them) the integration must create the partner''s accounts: GET /organization/accounts, then POST the missing ones as [{id, name, description}]'
    if ($Qa.Emulator) {
        $wizard = Get-GradientEmulatorWizard -Emulator $Qa.Emulator -OrganizationId $Qa.OrganizationId
        if ($wizard.AccountsReceived -lt 1) {
            $advice = Get-QaRequestAdvice (Get-QaLogSince $Qa $Qa.PassMark)
            Stop-QaStep -Expected 'the vendor''s accounts on the account-mapping screen' -Seen 'no account has arrived' -Fix $fix -Evidence $advice
        }
        Write-QaNote $Qa "$($wizard.AccountsReceived) account(s) arrived"
        return
    }
    $accounts = Wait-QaCondition $Qa { $a = Invoke-QaApi $Qa -Path '/organization/accounts'; if ($a.Status -eq 200 -and @($a.Body).Count -gt 0) { @($a.Body) } }
    if (-not $accounts) { Stop-QaStep -Expected 'the vendor''s accounts for mapping' -Seen "GET /organization/accounts stayed empty for $($Qa.TimeoutSec) s" -Fix $fix }
    $Qa.Data.LiveAccounts = $accounts
    Write-QaNote $Qa "$(@($accounts).Count) account(s) arrived"
}

function Select-QaPsaTargets {
    # PSA clients/services ordered by how many contract lines they have, so mapped pairs get cards
    # with a PSA quantity beside the vendor's (the QA page's tip: map what you see on the Billing page).
    param([object] $Psa, [string] $Kind)
    $items = if ($Kind -eq 'Client') { $Psa.Clients } else { $Psa.Services }
    $property = if ($Kind -eq 'Client') { 'ClientId' } else { 'ServiceId' }
    # Ties keep the PSA's order: Windows PowerShell 5.1 has no Sort-Object -Stable, so the index is a second key.
    $index = 0
    $ranked = foreach ($item in $items) {
        $id = $item.Id
        [pscustomobject]@{ Item = $item; Index = $index++; Lines = @($Psa.Contracts | Where-Object $property -EQ $id).Count }
    }
    @($ranked | Where-Object { $null -ne $_ } | Sort-Object @{ Expression = 'Lines'; Descending = $true }, @{ Expression = 'Index'; Ascending = $true } | ForEach-Object { $_.Item })
}

function Invoke-QaMapAccounts {
    param([hashtable] $Qa)
    if ($Qa.Emulator) {
        $psa = Get-GradientEmulatorPsa -Emulator $Qa.Emulator -OrganizationId $Qa.OrganizationId
        $clients = Select-QaPsaTargets $psa 'Client'
        if ($clients.Count -eq 0) { Stop-QaStep -Expected 'PSA clients to map to' -Seen 'the emulator partner has none' -Fix 'QA setup problem: reset the emulator with its seed' }
        $rows = @(Get-GradientEmulatorMapping -Emulator $Qa.Emulator -OrganizationId $Qa.OrganizationId -Account)
        # One account stays unmapped (when there are two or more): usage for it must be answered
        # 404 and skipped by the integration, and must not reach the Billing page.
        $leave = if ($rows.Count -ge 2) { $rows[-1] } else { $null }
        $Qa.Data.UnmappedAccountId = if ($leave) { $leave.AccountId } else { $null }
        $i = 0
        foreach ($row in $rows) {
            if ($leave -and $row.AccountId -eq $leave.AccountId) {
                if ($row.PsaClientId) { Set-GradientEmulatorMapping -Emulator $Qa.Emulator -OrganizationId $Qa.OrganizationId -AccountId $row.AccountId -Unmap -Confirm:$false -ErrorAction Stop }
                continue
            }
            if (-not $row.PsaClientId) {
                $client = $clients[$i % $clients.Count]
                Set-GradientEmulatorMapping -Emulator $Qa.Emulator -OrganizationId $Qa.OrganizationId -AccountId $row.AccountId -PsaClientId $client.Id -Confirm:$false -ErrorAction Stop
            }
            $i++
        }
        $mapped = @(Get-GradientEmulatorMapping -Emulator $Qa.Emulator -OrganizationId $Qa.OrganizationId -Account | Where-Object PsaClientId)
        if ($mapped.Count -lt 1) { Stop-QaStep -Expected 'at least one mapped account' -Seen 'none could be mapped' -Fix 'emulator problem' }
        $Qa.Data.MappedAccountIds = @($mapped.AccountId)
        Write-QaNote $Qa ("mapped: " + (($mapped | ForEach-Object { "'$($_.AccountName)' -> '$($_.PsaClientName)'" }) -join ', ') + $(if ($leave) { "; left '$($leave.AccountName)' unmapped on purpose" }))
        return
    }
    Write-QaInstruction $Qa 'In Synthesize, map the accounts to PSA companies (ideally ones with contracts on your Billing page), leave one unmapped if you can, then continue.'
    $hasFlag = @($Qa.Data.LiveAccounts | Where-Object { $_.PSObject.Properties['isMapped'] }).Count -gt 0
    if ($hasFlag) {
        $mapped = Wait-QaCondition $Qa { $a = Invoke-QaApi $Qa -Path '/organization/accounts'; @($a.Body | Where-Object isMapped) }
        if (-not $mapped) { Stop-QaStep -Expected 'at least one mapped account' -Seen "no account reported isMapped within $($Qa.TimeoutSec) s" -Fix 'map the accounts in Synthesize' }
        Write-QaNote $Qa "$(@($mapped).Count) account(s) mapped"
        return
    }
    Confirm-QaByPerson $Qa 'Have you mapped the accounts?' 'the accounts mapped in Synthesize' 'map the accounts in Synthesize'
}

function Invoke-QaConfirmServices {
    param([hashtable] $Qa)
    $fix = 'the integration must create its services (POST /vendor-api/service with name, description, category, subcategory; or POST /organization/services) so that they appear for mapping'
    if ($Qa.Emulator) {
        $wizard = Get-GradientEmulatorWizard -Emulator $Qa.Emulator -OrganizationId $Qa.OrganizationId
        if ($wizard.ServicesReceived -lt 1) {
            $advice = Get-QaRequestAdvice (Get-QaLogSince $Qa 0)
            Stop-QaStep -Expected 'the vendor''s services on the service-mapping screen' -Seen 'no service has arrived' -Fix $fix -Evidence $advice
        }
        Write-QaNote $Qa "$($wizard.ServicesReceived) service(s) arrived"
        return
    }
    $services = Wait-QaCondition $Qa { $s = Get-QaVendorServices $Qa; if ($s.Count -gt 0) { $s } }
    if (-not $services) { Stop-QaStep -Expected 'the vendor''s services for mapping' -Seen "no vendor or organization service within $($Qa.TimeoutSec) s" -Fix $fix }
    Write-QaNote $Qa "$(@($services).Count) service(s) arrived"
}

function Invoke-QaMapServices {
    param([hashtable] $Qa)
    if ($Qa.Emulator) {
        $psa = Get-GradientEmulatorPsa -Emulator $Qa.Emulator -OrganizationId $Qa.OrganizationId
        $targets = Select-QaPsaTargets $psa 'Service'
        if ($targets.Count -eq 0) { Stop-QaStep -Expected 'PSA services to map to' -Seen 'the emulator partner has none' -Fix 'QA setup problem: reset the emulator with its seed' }
        $rows = @(Get-GradientEmulatorMapping -Emulator $Qa.Emulator -OrganizationId $Qa.OrganizationId -Service)
        $used = @($rows | Where-Object PsaServiceId | ForEach-Object PsaServiceId)
        $free = @($targets | Where-Object { $used -notcontains $_.Id })
        $i = 0
        foreach ($row in $rows | Where-Object { -not $_.PsaServiceId }) {
            $target = if ($i -lt $free.Count) { $free[$i] } else { $targets[$i % $targets.Count] }
            Set-GradientEmulatorMapping -Emulator $Qa.Emulator -OrganizationId $Qa.OrganizationId -ServiceId $row.ServiceId -PsaServiceId $target.Id -Confirm:$false -ErrorAction Stop
            $i++
        }
        $mapped = @(Get-GradientEmulatorMapping -Emulator $Qa.Emulator -OrganizationId $Qa.OrganizationId -Service | Where-Object PsaServiceId)
        $Qa.Data.MappedServiceIds = @($mapped.ServiceId)
        Write-QaNote $Qa ("mapped: " + (($mapped | ForEach-Object { "'$($_.ServiceName)' -> '$($_.PsaServiceName)'" }) -join ', '))
        return
    }
    Write-QaInstruction $Qa 'In Synthesize, map the services to PSA services (ideally ones on your Billing page), then continue.'
    Confirm-QaByPerson $Qa 'Have you mapped the services?' 'the services mapped in Synthesize' 'map the services in Synthesize'
}

function Invoke-QaFinish {
    param([hashtable] $Qa)
    if ($Qa.Emulator) {
        $wizard = Complete-GradientEmulatorSetup -Emulator $Qa.Emulator -OrganizationId $Qa.OrganizationId -PassThru -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable refused
        if (-not $wizard -or -not $wizard.SetupFinished) {
            Stop-QaStep -Expected 'Finish to complete the setup' -Seen "Finish was refused: $($refused | Select-Object -First 1)" -Fix "the status must be 'pending' (or 'active') for Finish to be allowed"
        }
        Write-QaNote $Qa "setup finished ($($wizard.MappedAccounts) account(s) and $($wizard.MappedServices) service(s) mapped)"
        return
    }
    Write-QaInstruction $Qa 'Click Finish in Synthesize. The modal should say usage still has to be pushed.'
    Confirm-QaByPerson $Qa 'Did Finish complete the setup?' 'the setup finished' 'Finish needs the status pending; check Confirm Next lights up'
}

function Invoke-QaSync {
    # "Within the vendor portal, initiate a sync".
    param([hashtable] $Qa)
    $before = Get-QaIntegrationStatus $Qa
    if ($Qa.Integration) {
        $run = Invoke-QaIntegrationChecked $Qa 'Sync' 'the integration''s sync to push usage'
        if ($Qa.Emulator) {
            $pushes = @($run.Entries | Where-Object { $_.Path -like '*/count' })
            $landed = @($pushes | Where-Object { $_.Status -ge 200 -and $_.Status -lt 300 })
            if ($landed.Count -eq 0) {
                $seen = if ($pushes.Count -eq 0) { 'the sync pushed no usage at all' } else { "no usage push was accepted ($(Format-QaRequests $pushes))" }
                Stop-QaStep -Expected 'usage pushed for the mapped accounts and services (POST /vendor-api/service/{serviceId}/count, 201)' -Seen $seen `
                    -Fix ((@('push {accountId, unitCount} for every account x service, using the service ids from GET /vendor-api') + $run.Advice) -join '; ')
            }
            $skipped = @($pushes | Where-Object Status -EQ 404).Count
            Write-QaNote $Qa ("$($landed.Count) usage push(es) accepted" + $(if ($skipped) { ", $skipped answered 404 for unmapped pairs and skipped, as they should be" }))
            return
        }
    }
    else {
        Write-QaInstruction $Qa 'In your vendor portal, initiate a sync. Waiting for Synthesize to record it…'
    }
    $after = Wait-QaCondition $Qa { $s = Get-QaIntegrationStatus $Qa; if ($s -and ($s.lastSyncedAt -ne $before.lastSyncedAt -or $s.status -eq 'active')) { $s } }
    if (-not $after) {
        Stop-QaStep -Expected 'Synthesize to record the sync (lastSyncedAt changes, status becomes active)' -Seen "nothing changed within $($Qa.TimeoutSec) s" `
            -Fix 'push usage with POST /vendor-api/service/{serviceId}/count for the mapped accounts'
    }
    Write-QaNote $Qa "status '$($after.status)', last synced $($after.lastSyncedAt)"
}

function Invoke-QaBilling {
    # "Within Synthesize, refresh the Billing page, and confirm usage has synced in …".
    param([hashtable] $Qa)
    if ($Qa.Emulator) {
        $page = Get-GradientEmulatorBilling -Emulator $Qa.Emulator -OrganizationId $Qa.OrganizationId -Page
        $state = (Get-GradientEmulatorState -Emulator $Qa.Emulator -OrganizationId $Qa.OrganizationId).Partners[0]
        $Qa.Data.Billing = $page
        $Qa.Data.Counts = @($state.Counts)
        $imported = @($page.Cards | Where-Object { $null -ne $_.ImportedQuantity })
        if ($imported.Count -eq 0) {
            if (@($state.Counts).Count -gt 0 -and $page.PendingBuild) {
                Stop-QaStep -Expected 'the Billing page to show the pushed usage' -Seen 'usage was pushed, but every push had no_build=true, so the Billing page never rebuilt' `
                    -Fix 'send the last row of a sync without no_build (or with no_build=false) so Synthesize rebuilds billing'
            }
            Stop-QaStep -Expected 'imported usage on the Billing page for the mapped accounts and services' -Seen 'no service card shows imported usage' `
                -Fix 'push usage for the mapped accounts and services after the partner finishes the setup'
        }
        $Qa.Data.Cards = $imported
        if ($Qa.Pass -eq 1) {
            # The usage check looks at the first pass, whatever the second pass does later.
            $Qa.Data.Pass1 = @{
                Cards             = $imported
                Counts            = @($state.Counts)
                MappedAccountIds  = @($Qa.Data.MappedAccountIds)
                MappedServiceIds  = @($Qa.Data.MappedServiceIds)
                UnmappedAccountId = $Qa.Data.UnmappedAccountId
            }
        }
        Write-QaNote $Qa (($imported | ForEach-Object { "$($_.AccountName) / $($_.ServiceName): PSA $(if ($null -ne $_.PsaQuantity) { $_.PsaQuantity } else { '-' }) | vendor $($_.ImportedQuantity) ($($_.State))" }) -join '; ')
        return
    }
    Write-QaInstruction $Qa 'In Synthesize, refresh the Billing page.'
    Confirm-QaByPerson $Qa 'Do the service cards of the mapped accounts and services show your imported quantity beside the PSA quantity?' `
        'imported usage on the Billing page' 'push usage for every mapped account and service; 404s for unmapped ones are normal'
}

function Invoke-QaDisconnect {
    # "Disconnect the integration and follow these steps again": the vendor side first (it can still
    # mark the status inactive with its token), then the partner in Synthesize.
    param([hashtable] $Qa)
    $Qa.Data.KeyBeforeDisconnect = $Qa.PartnerKey
    if ($Qa.Emulator) {
        $Qa.Data.AccountsBeforeDisconnect = (Get-GradientEmulatorWizard -Emulator $Qa.Emulator -OrganizationId $Qa.OrganizationId).AccountsReceived
    }
    if ($Qa.Integration -and $Qa.Integration.Disconnect) {
        $run = Invoke-QaIntegrationChecked $Qa 'Disconnect' 'the integration to disconnect cleanly'
        $inactive = @($run.Entries | Where-Object { $_.Path -like '*/status/inactive' -and $_.Status -eq 200 })
        $Qa.Data.IntegrationSetInactive = $inactive.Count -gt 0
    }
    if ($Qa.Emulator) {
        $result = Disconnect-GradientEmulatorPartner -Emulator $Qa.Emulator -OrganizationId $Qa.OrganizationId -Confirm:$false -ErrorAction Stop
        $Qa.Data.Disconnect = $result
        Write-QaNote $Qa "disconnected in Synthesize: $($result.DeletedAccounts) account(s) and $($result.DeletedCounts) count(s) deleted"
        return
    }
    Write-QaInstruction $Qa 'In Synthesize, disconnect the integration. Waiting for the old key to stop working…'
    $dead = Wait-QaCondition $Qa { (Invoke-QaApi $Qa -Path '/organization').Status -eq 401 }
    if (-not $dead) { Stop-QaStep -Expected 'the old key to stop working (401) after the disconnect' -Seen "it still works after $($Qa.TimeoutSec) s" -Fix 'disconnect the integration in Synthesize' }
}

# ---------------------------------------------------------------- extra checks

function Test-QaAfterDisconnect {
    param([hashtable] $Qa)
    $old = Invoke-QaApi $Qa -Path '/organization' -PartnerKey $Qa.Data.KeyBeforeDisconnect
    if ($old.Status -ne 401) {
        Stop-QaStep -Expected 'the disconnected key to be refused (401)' -Seen "HTTP $($old.Status)" -Fix 'disconnect in Synthesize revokes the key'
    }
    if ($Qa.Emulator) {
        $partner = Get-GradientEmulatorPartner -Emulator $Qa.Emulator -OrganizationId $Qa.OrganizationId
        if ($partner.Accounts -ne 0) {
            Stop-QaStep -Expected 'every account the vendor created deleted by the disconnect' -Seen "$($partner.Accounts) account(s) remain" -Fix 'emulator problem'
        }
        if ($partner.Status -ne 'inactive') {
            Stop-QaStep -Expected "status 'inactive' after the disconnect" -Seen "status '$($partner.Status)'" `
                -Fix "the integration must not set any status after the partner disconnects; mark it 'inactive' when disconnecting"
        }
        Write-QaNote $Qa "$($Qa.Data.AccountsBeforeDisconnect) account(s) deleted, status inactive, the old key gets 401"
        if ($Qa.Integration -and -not $Qa.Data.IntegrationSetInactive) {
            Write-QaNote $Qa "note: the integration's Disconnect did not set 'inactive' itself (Gradient asks vendors to)"
        }
        return
    }
    Write-QaNote $Qa 'the old key gets 401; account deletion is checked when the partner reconnects'
}

function Invoke-QaPass {
    # The whole checklist once, outside Pester: returns $null, or the first failure as "step: message".
    param([hashtable] $Qa, [int] $Pass)
    $Qa.Pass = $Pass
    $Qa.PassMark = Get-QaLogMark $Qa
    foreach ($name in $Qa.Checklist) {
        if ($name -eq $Qa.Checklist[-1]) { break } # the disconnect ends a pass; it is not part of repeating it
        $Qa.Notes = [System.Collections.Generic.List[string]]::new()
        try {
            & $Qa.Steps[$name].Body $Qa
            if ($name -eq 'Generate API Token' -and $Qa.Emulator) {
                $accounts = (Get-GradientEmulatorWizard -Emulator $Qa.Emulator -OrganizationId $Qa.OrganizationId).AccountsReceived
                if ($accounts -ne 0) {
                    return [pscustomobject]@{ Step = $name; Exception = (New-QaFailure -Expected 'no accounts before the integration re-authenticates' -Seen "$accounts account(s) survived the disconnect" -Fix 'emulator problem') }
                }
            }
        }
        catch {
            return [pscustomobject]@{ Step = $name; Exception = $_.Exception }
        }
    }
    $null
}

function Test-QaReconnect {
    param([hashtable] $Qa)
    $failure = Invoke-QaPass $Qa 2
    $Qa.Notes = [System.Collections.Generic.List[string]]::new()
    if ($failure) {
        $inner = $failure.Exception
        $expected = if ($inner.Data.Contains('QaExpected')) { $inner.Data['QaExpected'] } else { 'the step to pass' }
        $seen = if ($inner.Data.Contains('QaSeen')) { $inner.Data['QaSeen'] } else { $inner.Message }
        $fix = if ($inner.Data.Contains('QaFix')) { $inner.Data['QaFix'] } else { $null }
        if ($failure.Step -eq 'Confirm Accounts have synced in for mapping') {
            $fix = 'a disconnect deletes every account the vendor created: on every authenticate (also after a reconnect) the integration must read GET /organization/accounts and re-create what is missing, not trust its own memory of having created them'
        }
        Stop-QaStep -Expected "the checklist to pass a second time after the reconnect ($expected at '$($failure.Step)')" -Seen "second pass, '$($failure.Step)': $seen" -Fix $fix
    }
    Write-QaNote $Qa "the whole checklist passed again; $((Get-GradientEmulatorWizardSafe $Qa).AccountsReceived) account(s) re-created"
}

function Get-GradientEmulatorWizardSafe {
    param([hashtable] $Qa)
    if ($Qa.Emulator) { Get-GradientEmulatorWizard -Emulator $Qa.Emulator -OrganizationId $Qa.OrganizationId }
    else { [pscustomobject]@{ AccountsReceived = @((Invoke-QaApi $Qa -Path '/organization/accounts').Body).Count } }
}

function Test-QaRegenerateKey {
    param([hashtable] $Qa)
    $oldKey = $Qa.PartnerKey
    $accountsBefore = @((Invoke-QaApi $Qa -Path '/organization/accounts').Body | Where-Object { $_ }).Count
    if ($Qa.Emulator) {
        $partner = New-GradientEmulatorPartnerKey -Emulator $Qa.Emulator -OrganizationId $Qa.OrganizationId -Confirm:$false -ErrorAction Stop
        $newKey = $partner.PartnerKey
    }
    else {
        Write-QaInstruction $Qa 'In Synthesize, generate a new Partner API Key for the integration (without disconnecting).'
        $newKey = Read-QaPartnerKey $Qa 'the regenerated key is shown only in Synthesize'
    }
    $old = Invoke-QaApi $Qa -Path '/organization' -PartnerKey $oldKey
    if ($old.Status -ne 401) {
        Stop-QaStep -Expected 'the old token refused (401) after the key was regenerated' -Seen "HTTP $($old.Status)" -Fix 'regenerate the key in Synthesize'
    }
    $Qa.PartnerKey = $newKey
    $accountsAfter = @((Invoke-QaApi $Qa -Path '/organization/accounts').Body | Where-Object { $_ }).Count
    if ($accountsAfter -ne $accountsBefore) {
        Stop-QaStep -Expected "the accounts kept ($accountsBefore)" -Seen "$accountsAfter account(s) with the new key" -Fix 'regenerating the key must not delete accounts'
    }
    if ($Qa.Integration) {
        # The partner pastes the new key into the vendor portal; then a sync must work with it.
        $null = Invoke-QaIntegrationChecked $Qa 'Authenticate' 'the integration to accept the regenerated key' -PartnerKey $newKey
        $count = @((Invoke-QaApi $Qa -Path '/organization/accounts').Body | Where-Object { $_ }).Count
        if ($count -ne $accountsBefore) {
            Stop-QaStep -Expected "the same $accountsBefore account(s) after re-authenticating with the new key" -Seen "$count account(s)" `
                -Fix 'on authenticate, create only the accounts GET /organization/accounts does not already list'
        }
        $run = Invoke-QaIntegrationChecked $Qa 'Sync' 'a sync with the regenerated key to push usage' -PartnerKey $newKey
        if ($Qa.Emulator) {
            $rejected = @($run.Entries | Where-Object Status -EQ 401)
            $landed = @($run.Entries | Where-Object { $_.Path -like '*/count' -and $_.Status -ge 200 -and $_.Status -lt 300 })
            if ($rejected.Count -gt 0 -or $landed.Count -eq 0) {
                Stop-QaStep -Expected 'the sync after re-authenticating to use the new key and push usage' -Seen "requests: $(Format-QaRequests $run.Entries)" `
                    -Fix 'after the partner enters a regenerated key, use it for every later call (the old token gets 401)'
            }
        }
    }
    Write-QaNote $Qa "the old token gets 401; $accountsAfter account(s) kept; the new key works"
}

function Test-QaUsageMapping {
    param([hashtable] $Qa)
    if (-not $Qa.Emulator) {
        Confirm-QaByPerson $Qa 'Is usage shown only for mapped accounts and services, with your quantity beside the PSA quantity on each card?' `
            'usage only for mapped pairs, vendor quantity beside PSA quantity' 'push usage for every account and service; Gradient shows only mapped ones'
        return
    }
    $first = $Qa.Data.Pass1
    $cards = @($first.Cards)
    $mappedAccounts = @($first.MappedAccountIds)
    $mappedServices = @($first.MappedServiceIds)
    $stray = @($cards | Where-Object { $mappedAccounts -notcontains $_.AccountId -or $mappedServices -notcontains $_.ServiceId })
    if ($stray.Count -gt 0) {
        Stop-QaStep -Expected 'imported usage only for mapped accounts and services' -Seen "cards for unmapped pairs: $(($stray | ForEach-Object { "$($_.AccountId)/$($_.ServiceId)" }) -join ', ')" -Fix 'emulator problem'
    }
    $unmapped = $first.UnmappedAccountId
    if ($unmapped -and @($first.Counts | Where-Object AccountId -EQ $unmapped).Count -gt 0) {
        Stop-QaStep -Expected "no usage recorded for the unmapped account '$unmapped'" -Seen 'usage was recorded for it' -Fix 'emulator problem'
    }
    $beside = @($cards | Where-Object { $null -ne $_.PsaQuantity })
    if ($beside.Count -eq 0) {
        Stop-QaStep -Expected 'at least one card with the vendor quantity beside a PSA quantity' `
            -Seen "every card with usage is New Revenue Found (no PSA contract line): $(($cards | ForEach-Object { "$($_.AccountName)/$($_.ServiceName)" }) -join ', ')" `
            -Fix 'push usage for every account x service pair, so the pairs the partner has contracts for get their quantity'
    }
    $mappedWithout = @($mappedAccounts | Where-Object { $id = $_; @($cards | Where-Object AccountId -EQ $id).Count -eq 0 })
    Write-QaNote $Qa ("$($beside.Count) card(s) show vendor beside PSA quantity ($((@($beside | ForEach-Object State) | Select-Object -Unique) -join ', '))" +
        $(if ($unmapped) { "; nothing for the unmapped account '$unmapped'" }) +
        $(if ($mappedWithout) { "; note: no usage for mapped account(s) $($mappedWithout -join ', ')" }))
}

function Test-QaPortalUrl {
    param([hashtable] $Qa)
    $url = Get-QaPortalUrl $Qa
    $parsed = $null
    if (-not $url -or -not [Uri]::TryCreate($url, [UriKind]::Absolute, [ref] $parsed)) {
        Stop-QaStep -Expected 'integrationPortalUrl set to the vendor''s Gradient integration page' -Seen $(if ($url) { "'$url'" } else { 'it is empty' }) `
            -Fix 'PATCH /vendor-api {"integrationPortalUrl": "https://…"} (Set-GradientVendor -IntegrationPortalUrl)'
    }
    if ($parsed.Scheme -ne 'https') {
        Stop-QaStep -Expected 'an https URL (partners paste a secret key there)' -Seen "'$url'" -Fix 'serve the vendor portal over https and set that URL'
    }
    Write-QaNote $Qa $url
}

# ---------------------------------------------------------------- the checklist, in order

function Initialize-QaSteps {
    param([hashtable] $Qa)
    $steps = [ordered]@{}
    function Add-Step([string] $Name, [string[]] $Requires, [scriptblock] $Body) { $steps[$Name] = @{ Requires = $Requires; Body = $Body } }
    Add-Step 'Click Connect on the Integration' @() { param($Qa) Invoke-QaConnect $Qa }
    Add-Step 'Generate API Token' @('Click Connect on the Integration') { param($Qa) Invoke-QaGenerateToken $Qa }
    Add-Step 'Open Vendor Portal' @() { param($Qa) Invoke-QaOpenPortal $Qa }
    Add-Step 'Authenticate the integration' @('Generate API Token') { param($Qa) Invoke-QaAuthenticate $Qa }
    Add-Step 'Confirm Next lights up' @('Authenticate the integration') { param($Qa) Invoke-QaConfirmNext $Qa }
    Add-Step 'Confirm Accounts have synced in for mapping' @('Confirm Next lights up') { param($Qa) Invoke-QaConfirmAccounts $Qa }
    Add-Step 'Map the accounts created' @('Confirm Accounts have synced in for mapping') { param($Qa) Invoke-QaMapAccounts $Qa }
    Add-Step 'Confirm Services have synced in for mapping' @('Confirm Next lights up') { param($Qa) Invoke-QaConfirmServices $Qa }
    Add-Step 'Map the services created' @('Confirm Services have synced in for mapping') { param($Qa) Invoke-QaMapServices $Qa }
    Add-Step 'Finish the integration setup' @('Confirm Next lights up') { param($Qa) Invoke-QaFinish $Qa }
    Add-Step 'Within the vendor portal, initiate a sync' @('Map the accounts created', 'Map the services created', 'Finish the integration setup') { param($Qa) Invoke-QaSync $Qa }
    Add-Step 'Within Synthesize, refresh the Billing page, and confirm usage has synced in for the mapped accounts and services' @('Within the vendor portal, initiate a sync') { param($Qa) Invoke-QaBilling $Qa }
    Add-Step 'Disconnect the integration and follow these steps again' @('Generate API Token') { param($Qa) Invoke-QaDisconnect $Qa }
    $checklist = @($steps.Keys)
    $firstPass = @($checklist | Select-Object -First ($checklist.Count - 1))
    Add-Step 'Disconnect deletes the vendor''s accounts and leaves the status inactive' @('Disconnect the integration and follow these steps again') { param($Qa) Test-QaAfterDisconnect $Qa }
    Add-Step 'Reconnect: accounts are re-created and the whole checklist passes a second time' ($firstPass + 'Disconnect deletes the vendor''s accounts and leaves the status inactive') { param($Qa) Test-QaReconnect $Qa }
    Add-Step 'Regenerating the partner key breaks the old token and keeps the accounts' @('Reconnect: accounts are re-created and the whole checklist passes a second time') { param($Qa) Test-QaRegenerateKey $Qa }
    Add-Step 'Usage lands only for mapped pairs, and billing cards show the vendor quantity beside the PSA quantity' @('Within Synthesize, refresh the Billing page, and confirm usage has synced in for the mapped accounts and services') { param($Qa) Test-QaUsageMapping $Qa }
    Add-Step 'The vendor portal URL is set (https)' @() { param($Qa) Test-QaPortalUrl $Qa }
    $Qa.Steps = $steps
    $Qa.Checklist = $checklist
}

function Initialize-QaRun {
    # Before the first step: the vendor's one-time setup (services, portal URL) with the partner key
    # Gradient's onboarding handed out, then a clean partner for the checklist.
    param([hashtable] $Qa)
    Initialize-QaSteps $Qa
    $Qa.Pass = 1
    $Qa.PreviousKeys = @()
    $Qa.Notes = [System.Collections.Generic.List[string]]::new()
    if ($Qa.Emulator) {
        Reset-GradientEmulator -Emulator $Qa.Emulator -Confirm:$false
        $Qa.SetupKey = (Get-GradientEmulatorPartner -Emulator $Qa.Emulator -OrganizationId $Qa.OrganizationId).PartnerKey
    }
    else {
        $Qa.SetupKey = $Qa.GivenPartnerKey
    }
    if ($Qa.Integration -and $Qa.Integration.Setup -and $Qa.SetupKey) {
        try { $null = Invoke-QaIntegrationPart $Qa 'Setup' -PartnerKey $Qa.SetupKey }
        catch { $Qa.SetupError = $_.Exception.Message; Write-Warning "The integration's Setup failed: $($_.Exception.Message)" }
    }
    $Qa.PassMark = Get-QaLogMark $Qa
}
