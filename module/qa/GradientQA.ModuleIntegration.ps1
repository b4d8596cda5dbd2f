# The integration Invoke-GradientQA tests when it is given none: the module's own cmdlets, used the
# way a vendor would use GradientMsp. Dot-sourced by Invoke-GradientQA.Body.ps1.

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
            -SkipStatusUpdate:$SkipStatusUpdate -PassThru -NoWelcome -Confirm:$false -ErrorAction Stop
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
            $null = $usage | ForEach-Object { [pscustomobject] $_ } | Sync-GradientUsage -Connection $state.Connection -Summary -InformationAction Ignore -Confirm:$false -ErrorAction Stop
        }.GetNewClosure()
        Disconnect   = {
            param($BaseUri, $VendorKey, $PartnerKey)
            if ($state.Connection -and -not $state.Connection.IsClosed) {
                Disconnect-GradientIntegration -Connection $state.Connection -Confirm:$false -ErrorAction Stop
            }
        }.GetNewClosure()
    }
}
