# A small vendor integration ("Acme", three tenants, two services) written the way a vendor would,
# with plain Invoke-RestMethod and no GradientMsp cmdlets. New-SampleIntegration returns it in the
# shape Invoke-GradientQA -Integration takes. -Flaw breaks it in exactly one way; each sample file
# in this folder picks one flaw, and tests/pester/Invoke-GradientQA.Tests.ps1 checks that the QA
# checklist fails exactly the step that flaw should fail.
function New-SampleIntegration {
    param(
        [ValidateSet('None', 'NeverSetsPending', 'CreatesNoAccounts', 'WrongServiceCategory', 'PushesBeforeMapping404Fatal', 'NoAccountsAfterReconnect', 'BadToken', 'DoubledSlash')]
        [string] $Flaw = 'None'
    )

    $state = @{ BaseUri = $null; Token = $null; AccountsCreated = $false }
    $accounts = @(
        @{ id = 'acme-1'; name = 'Acme tenant: Contoso'; description = 'contoso.example' }
        @{ id = 'acme-2'; name = 'Acme tenant: Fabrikam'; description = 'fabrikam.example' }
        @{ id = 'acme-3'; name = 'Acme tenant: Northwind'; description = 'northwind.example' }
    )
    # Gradient's categories are case-sensitive lower-case values; the flawed sample uses the
    # capitalised spelling of a marketing page.
    $category = if ($Flaw -eq 'WrongServiceCategory') { @{ Shield = 'Security'; Vault = 'Backup' } } else { @{ Shield = 'security'; Vault = 'backup' } }
    $services = @(
        @{ name = 'Acme Shield'; description = 'Endpoint protection seats'; category = $category.Shield; subcategory = 'endpoint detection and response (EDR)' }
        @{ name = 'Acme Vault'; description = 'Protected workstations'; category = $category.Vault; subcategory = 'cloud backup' }
    )
    $usage = @(
        @{ account = 'acme-1'; service = 'Acme Shield'; count = 24 }
        @{ account = 'acme-1'; service = 'Acme Vault'; count = 9 }
        @{ account = 'acme-2'; service = 'Acme Shield'; count = 40 }
        @{ account = 'acme-2'; service = 'Acme Vault'; count = 3 }
        @{ account = 'acme-3'; service = 'Acme Shield'; count = 5 }
        @{ account = 'acme-3'; service = 'Acme Vault'; count = 5 }
    )

    $useKeys = {
        param($BaseUri, $VendorKey, $PartnerKey, [switch] $Onboarding)
        # The flawed sample keeps its configured base URI's trailing '/' and joins it with '/api/...'.
        $state.BaseUri = if ($Flaw -eq 'DoubledSlash') { "$BaseUri/" } else { ([string] $BaseUri).TrimEnd('/') }
        # GRADIENT-TOKEN = Base64(UTF-8("<vendor key>:<partner key>")). The flawed sample swaps the keys
        # in its runtime code; its one-time onboarding used the token Gradient's support handed out.
        $pair = if ($Flaw -eq 'BadToken' -and -not $Onboarding) { "${PartnerKey}:${VendorKey}" } else { "${VendorKey}:${PartnerKey}" }
        $state.Token = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($pair))
    }.GetNewClosure()

    $call = {
        param([string] $Method, [string] $Path, $Body)
        $request = @{
            Method             = $Method
            Uri                = "$($state.BaseUri)/api/vendor-api$Path"
            Headers            = @{ 'GRADIENT-TOKEN' = $state.Token; Accept = 'application/json' }
            SkipHttpErrorCheck = $true
            StatusCodeVariable = 'status'
        }
        if ($null -ne $Body) {
            $request.Body = ConvertTo-Json -InputObject $Body -Depth 5 -Compress
            $request.ContentType = 'application/json'
        }
        $response = Invoke-RestMethod @request
        [pscustomobject]@{ Status = [int] $status; Body = $response }
    }.GetNewClosure()

    $ensureServices = {
        $vendor = & $call GET ''
        if ($vendor.Status -ne 200) { throw "Acme: GET /vendor-api failed with HTTP $($vendor.Status)." }
        $existing = @($vendor.Body.data.skus | ForEach-Object name)
        foreach ($service in $services | Where-Object { $existing -notcontains $_.name }) {
            $created = & $call POST '/service' $service
            # Services are vendor-wide and re-tried on every authenticate, so a failure is only a warning here.
            if ($created.Status -ne 201) { Write-Warning "Acme: could not create service '$($service.name)': HTTP $($created.Status) $($created.Body.message)" }
        }
    }.GetNewClosure()

    $push = {
        $skus = @{}
        foreach ($sku in (& $call GET '').Body.data.skus) { $skus[$sku.name] = $sku.id }
        foreach ($row in $usage) {
            if (-not $skus[$row.service]) { continue }
            $pushed = & $call POST "/service/$($skus[$row.service])/count" @{ accountId = $row.account; unitCount = $row.count }
            if ($pushed.Status -eq 404) {
                # 404 = this account or service is not mapped by the partner: normal, skip it.
                if ($Flaw -eq 'PushesBeforeMapping404Fatal') { throw "Acme: usage for $($row.account) / $($row.service) failed: HTTP 404 $($pushed.Body.message)" }
                continue
            }
            if ($pushed.Status -ne 201) { throw "Acme: usage for $($row.account) / $($row.service) failed: HTTP $($pushed.Status) $($pushed.Body.message)" }
        }
    }.GetNewClosure()

    @{
        Name         = "Acme sample ($Flaw)"
        # Onboarding, once: the portal URL partners are sent to, and the vendor-wide services.
        Setup        = {
            param($BaseUri, $VendorKey, $PartnerKey)
            & $useKeys $BaseUri $VendorKey $PartnerKey -Onboarding
            $null = & $call PATCH '' @{ integrationPortalUrl = 'https://portal.acme.example/gradient' }
            & $ensureServices
        }.GetNewClosure()
        # The partner pasted their key into Acme's portal.
        Authenticate = {
            param($BaseUri, $VendorKey, $PartnerKey)
            & $useKeys $BaseUri $VendorKey $PartnerKey
            $organization = & $call GET '/organization'
            if ($organization.Status -ne 200) { throw "Acme: Gradient did not accept the keys: HTTP $($organization.Status) $($organization.Body.message)" }
            & $ensureServices
            $skipAccounts = ($Flaw -eq 'CreatesNoAccounts') -or ($Flaw -eq 'NoAccountsAfterReconnect' -and $state.AccountsCreated)
            if (-not $skipAccounts) {
                $existing = @((& $call GET '/organization/accounts').Body | ForEach-Object id)
                $missing = @($accounts | Where-Object { $existing -notcontains $_.id })
                if ($missing.Count -gt 0) {
                    $created = & $call POST '/organization/accounts' $missing
                    if ($created.Status -ne 201) { throw "Acme: creating accounts failed: HTTP $($created.Status) $($created.Body.message)" }
                }
                $state.AccountsCreated = $true
            }
            if ($Flaw -ne 'NeverSetsPending' -and $organization.Body.status -ne 'active') {
                $null = & $call PATCH '/organization/status/pending' @{}
            }
            if ($Flaw -eq 'PushesBeforeMapping404Fatal') { & $push }
        }.GetNewClosure()
        # "Sync now" in Acme's portal (and its nightly job).
        Sync         = {
            param($BaseUri, $VendorKey, $PartnerKey)
            & $push
        }.GetNewClosure()
        # The partner disconnected in Acme's portal.
        Disconnect   = {
            param($BaseUri, $VendorKey, $PartnerKey)
            $answer = & $call PATCH '/organization/status/inactive' @{}
            if ($answer.Status -ne 200 -and $answer.Status -ne 401) { throw "Acme: could not mark the integration inactive: HTTP $($answer.Status)" }
            $state.Token = $null
        }.GetNewClosure()
    }
}
