# The partner side played by the local emulator: every click goes through its control API, and
# what Synthesize would show (wizard, mapping screens, Billing page, request log) is read from it.
# Same operations as adapters/Live.ps1 (Get-QaPartnerOperations lists them).

function New-QaEmulatorPartner {
    [pscustomobject]@{
        PSTypeName      = 'GradientMsp.QAPartner'
        Kind            = 'Emulator'
        SeesRequests    = $true # the request log shows every call the integration made
        Reset           = 'Reset-QaEmulator'
        Connect         = 'Connect-QaEmulator'
        NewKey          = 'New-QaEmulatorKey'
        Say             = 'Write-QaEmulatorInstruction'
        Ask             = 'Confirm-QaEmulator'
        AwaitPerson     = 'Skip-QaEmulatorPerson'
        PortalUrl       = 'Get-QaEmulatorPortalUrl'
        Next            = 'Get-QaEmulatorNext'
        AccountsArrived = 'Get-QaEmulatorAccountsArrived'
        ServicesArrived = 'Get-QaEmulatorServicesArrived'
        MapAccounts     = 'Set-QaEmulatorAccountMapping'
        MapServices     = 'Set-QaEmulatorServiceMapping'
        Finish          = 'Complete-QaEmulatorSetup'
        Billing         = 'Get-QaEmulatorBilling'
        Disconnect      = 'Disconnect-QaEmulator'
        AfterDisconnect = 'Get-QaEmulatorAfterDisconnect'
        AccountCount    = 'Get-QaEmulatorAccountCount'
        LogMark         = 'Get-QaEmulatorLogMark'
        LogSince        = 'Get-QaEmulatorLogSince'
    }
}

function Reset-QaEmulator {
    # A fresh partner; returns the key onboarding hands out (for the integration's Setup).
    param([psobject] $Qa)
    Reset-GradientEmulator -Emulator $Qa.Emulator -Confirm:$false
    (Get-GradientEmulatorPartner -Emulator $Qa.Emulator -OrganizationId $Qa.OrganizationId).PartnerKey
}

function Connect-QaEmulator {
    # Click Connect (after the page's preamble: disconnect first if connected); the key is pending.
    param([psobject] $Qa)
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
}

function New-QaEmulatorKey {
    # Generate a (new) Partner API Key for the connected integration; returns it.
    param([psobject] $Qa, [string] $Instruction)
    (New-GradientEmulatorPartnerKey -Emulator $Qa.Emulator -OrganizationId $Qa.OrganizationId -Confirm:$false -ErrorAction Stop).PartnerKey
}

function Write-QaEmulatorInstruction {
    # Nobody to tell: the suite itself does what a person would.
    param([psobject] $Qa, [string] $Text)
}

function Skip-QaEmulatorPerson {
    # The emulator plays the person at once: there is never anyone to wait for.
    param([psobject] $Qa, [string] $Action, [string] $Expected)
}

function Confirm-QaEmulator {
    param([psobject] $Qa, [string] $Question, [string] $Expected, [string] $Fix)
    throw "QA suite bug: the emulator target observes '$Expected'; there is nobody to ask."
}

function Get-QaEmulatorPortalUrl {
    # Read from the emulator's state (no token needed).
    param([psobject] $Qa)
    [string] (Get-GradientEmulatorState -Emulator $Qa.Emulator).Vendor.IntegrationPortalUrl
}

function Get-QaEmulatorNext {
    param([psobject] $Qa)
    $wizard = Get-GradientEmulatorWizard -Emulator $Qa.Emulator -OrganizationId $Qa.OrganizationId
    $Qa.Data.Wizard = $wizard
    [pscustomobject]@{ Lit = [bool] $wizard.NextEnabled; Status = $wizard.Status; Note = "Next is lit (status '$($wizard.Status)')" }
}

function Get-QaEmulatorAccountsArrived {
    param([psobject] $Qa)
    $count = (Get-GradientEmulatorWizard -Emulator $Qa.Emulator -OrganizationId $Qa.OrganizationId).AccountsReceived
    $evidence = if ($count -lt 1) { @(Get-QaRequestAdvice (Get-QaLogSince $Qa $Qa.PassMark)) } else { @() }
    [pscustomobject]@{ Count = $count; Seen = 'no account has arrived'; Evidence = $evidence }
}

function Get-QaEmulatorServicesArrived {
    param([psobject] $Qa)
    $count = (Get-GradientEmulatorWizard -Emulator $Qa.Emulator -OrganizationId $Qa.OrganizationId).ServicesReceived
    # Services are usually created in the vendor's Setup, so the whole log is evidence.
    $evidence = if ($count -lt 1) { @(Get-QaRequestAdvice (Get-QaLogSince $Qa 0)) } else { @() }
    [pscustomobject]@{ Count = $count; Seen = 'no service has arrived'; Evidence = $evidence }
}

function Select-QaPsaTargets {
    # PSA clients/services ordered by how many contract lines they have, so mapped pairs get cards
    # with a PSA quantity beside the vendor's (the QA page's tip: map what you see on the Billing page).
    param([object] $Psa, [string] $Kind)
    $items = if ($Kind -eq 'Client') { $Psa.Clients } else { $Psa.Services }
    $property = if ($Kind -eq 'Client') { 'ClientId' } else { 'ServiceId' }
    # Ties keep the PSA's order; Sort-Object -Stable is PowerShell 6.1+, so the index is the tie-break.
    $index = 0
    $ranked = foreach ($item in @($items)) {
        $id = $item.Id
        [pscustomobject]@{ Item = $item; Lines = @($Psa.Contracts | Where-Object $property -EQ $id).Count; Index = $index++ }
    }
    @($ranked | Sort-Object @{ Expression = 'Lines'; Descending = $true }, @{ Expression = 'Index'; Descending = $false } | ForEach-Object Item)
}

function Set-QaEmulatorAccountMapping {
    # Maps every account but one to PSA clients with contract lines: usage for the unmapped one
    # must be answered 404 and skipped by the integration, and must not reach the Billing page.
    param([psobject] $Qa)
    $psa = Get-GradientEmulatorPsa -Emulator $Qa.Emulator -OrganizationId $Qa.OrganizationId
    $clients = Select-QaPsaTargets $psa 'Client'
    if ($clients.Count -eq 0) { Stop-QaStep -Expected 'PSA clients to map to' -Seen 'the emulator partner has none' -Fix 'QA setup problem: reset the emulator with its seed' }
    $rows = @(Get-GradientEmulatorMapping -Emulator $Qa.Emulator -OrganizationId $Qa.OrganizationId -Account)
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
}

function Set-QaEmulatorServiceMapping {
    # Maps every service, to distinct PSA services while there are enough.
    param([psobject] $Qa)
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
}

function Complete-QaEmulatorSetup {
    param([psobject] $Qa)
    $wizard = Complete-GradientEmulatorSetup -Emulator $Qa.Emulator -OrganizationId $Qa.OrganizationId -PassThru -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable refused
    if (-not $wizard -or -not $wizard.SetupFinished) {
        Stop-QaStep -Expected 'Finish to complete the setup' -Seen "Finish was refused: $($refused | Select-Object -First 1)" -Fix "the status must be 'pending' (or 'active') for Finish to be allowed"
    }
    Write-QaNote $Qa "setup finished ($($wizard.MappedAccounts) account(s) and $($wizard.MappedServices) service(s) mapped)"
}

function Get-QaEmulatorBilling {
    # The Billing page as the partner would see it after a refresh, and the counts behind it.
    param([psobject] $Qa)
    $page = Get-GradientEmulatorBilling -Emulator $Qa.Emulator -OrganizationId $Qa.OrganizationId -Page
    $state = (Get-GradientEmulatorState -Emulator $Qa.Emulator -OrganizationId $Qa.OrganizationId).Partners[0]
    [pscustomobject]@{ Page = $page; Cards = @($page.Cards); Counts = @($state.Counts); PendingBuild = [bool] $page.PendingBuild }
}

function Disconnect-QaEmulator {
    param([psobject] $Qa)
    $result = Disconnect-GradientEmulatorPartner -Emulator $Qa.Emulator -OrganizationId $Qa.OrganizationId -Confirm:$false -ErrorAction Stop
    $Qa.Data.Disconnect = $result
    Write-QaNote $Qa "disconnected in Synthesize: $($result.DeletedAccounts) account(s) and $($result.DeletedCounts) count(s) deleted"
}

function Get-QaEmulatorAfterDisconnect {
    # What Synthesize keeps after a disconnect: the vendor's accounts left and the status.
    param([psobject] $Qa)
    $partner = Get-GradientEmulatorPartner -Emulator $Qa.Emulator -OrganizationId $Qa.OrganizationId
    [pscustomobject]@{ Accounts = $partner.Accounts; Status = $partner.Status }
}

function Get-QaEmulatorAccountCount {
    # The accounts on the mapping screen (read without a vendor API call, so no token is needed).
    param([psobject] $Qa)
    (Get-GradientEmulatorWizard -Emulator $Qa.Emulator -OrganizationId $Qa.OrganizationId).AccountsReceived
}

function Get-QaEmulatorLogMark {
    param([psobject] $Qa)
    $last = @(Get-GradientEmulatorRequestLog -Emulator $Qa.Emulator -Last 1)
    if ($last.Count -eq 0) { return 0 }
    $last[0].Index + 1
}

function Get-QaEmulatorLogSince {
    param([psobject] $Qa, [long] $Mark)
    @(Get-GradientEmulatorRequestLog -Emulator $Qa.Emulator -Since $Mark)
}
