# How the QA suite sees the vendor API and the integration under test, whatever the partner side:
# its own HTTP probes (never through the integration), the integration's parts run with the keys,
# and the request-log evidence an adapter that sees requests can add to a failure. Dot-sourced by
# GradientQA.Driver.ps1.

# ---------------------------------------------------------------- HTTP probes (never through the integration)

function Get-QaToken {
    param([string] $VendorKey, [string] $PartnerKey)
    [Convert]::ToBase64String([System.Text.Encoding]::UTF8.GetBytes("${VendorKey}:${PartnerKey}"))
}

function Invoke-QaApi {
    # One vendor API call made by the suite itself (to observe, or to prove a token dead or alive).
    # Returns @{ Status; Body } and never throws on an HTTP status.
    param([psobject] $Qa, [string] $Method = 'GET', [string] $Path, [string] $PartnerKey = $Qa.PartnerKey)
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
    param([psobject] $Qa, [string] $PartnerKey = $Qa.PartnerKey)
    $answer = Invoke-QaApi $Qa -Path '/organization' -PartnerKey $PartnerKey
    if ($answer.Status -ne 200) { return $null }
    $body = $answer.Body
    if ($body.PSObject.Properties['data'] -and $body.data) { $body = $body.data }
    $body
}

function Get-QaVendorServices {
    # The services the partner can map: the vendor's skus and this partner's organization services.
    param([psobject] $Qa)
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

function Get-QaAccountCount {
    # How many accounts GET /organization/accounts lists for the current key.
    param([psobject] $Qa, [string] $PartnerKey = $Qa.PartnerKey)
    @((Invoke-QaApi $Qa -Path '/organization/accounts' -PartnerKey $PartnerKey).Body | Where-Object { $_ }).Count
}

# Used by the steps for either target (prompts and notes), so they live here, not in an adapter.
function Format-QaKeyHint {
    # Which key a prompt means, without showing it: its last four characters, as Synthesize does.
    param([string] $Key)
    if (-not $Key) { return 'no key yet' }
    $tail = if ($Key.Length -gt 8) { $Key.Substring($Key.Length - 4) } else { '' }
    "the key ending ****$tail"
}

function Format-QaWait {
    # How long the suite will watch for a person's click: the limit and the clock time it ends.
    param([psobject] $Qa)
    "waiting up to $($Qa.TimeoutSec) s, until $([DateTime]::Now.AddSeconds($Qa.TimeoutSec).ToString('HH:mm:ss'))"
}

function Wait-QaCondition {
    # Polls until $Test returns something truthy or the timeout passes; returns the last value.
    param([psobject] $Qa, [scriptblock] $Test, [int] $TimeoutSec = $Qa.TimeoutSec)
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
    while ($true) {
        $value = & $Test
        if ($value) { return $value }
        if ([DateTime]::UtcNow -ge $deadline) { return $value }
        Start-Sleep -Seconds $Qa.PollSec
    }
}

# ---------------------------------------------------------------- the integration under test

function Invoke-QaIntegrationPart {
    # Runs the integration's Setup/Authenticate/Sync/Disconnect (a script block or a command name)
    # with the keys, passing by name what it declares and by position otherwise.
    param([psobject] $Qa, [string] $Part, [string] $PartnerKey = $Qa.PartnerKey)
    $target = $Qa.Integration[$Part]
    if (-not $target) { return $false }
    # The base URI as Gradient documents it (https://app.usegradient.com): no trailing '/', so an
    # integration that joins "$BaseUri/api/..." gets here exactly what it would get live.
    $arguments = [ordered]@{ BaseUri = $Qa.BaseUri.AbsoluteUri.TrimEnd('/'); VendorKey = $Qa.VendorKey; PartnerKey = $PartnerKey }
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

# ---------------------------------------------------------------- request-log evidence

function Get-QaLogMark {
    # Where the request log ends now (0 for a partner side that cannot see requests).
    param([psobject] $Qa)
    & $Qa.Partner.LogMark $Qa
}

function Get-QaLogSince {
    param([psobject] $Qa, [long] $Mark)
    @(& $Qa.Partner.LogSince $Qa $Mark)
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
    # The emulator notes a path with an empty segment; Gradient answers such a path 404 (no route),
    # so an integration joining "$BaseUri/" and "/api/..." fails live: say so before anything else.
    $doubled = @($Entries | Where-Object { $_.Note -like 'doubled slash*' })
    if ($doubled.Count -gt 0) {
        $advice.Add("$($doubled.Count) request(s) had a doubled slash in the path (e.g. '$($doubled[0].Method) $($doubled[0].Path)'), which Gradient answers 404: join the base URI and the route with exactly one '/' (trim a trailing '/' from the base URI first)")
    }
    $unmapped = @($Entries | Where-Object { $_.Path -like '*/count' -and $_.Status -eq 404 -and $_.Note -notlike 'doubled slash*' })
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
    param([psobject] $Qa, [string] $Part, [string] $Expected, [string] $PartnerKey = $Qa.PartnerKey)
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
            -Evidence @(if ($Qa.Partner.SeesRequests) { "requests: $(Format-QaRequests $entries)" })
    }
    [pscustomobject]@{ Entries = $entries; Advice = $advice }
}
