<#
.SYNOPSIS
    A short tour of GradientMsp against the local emulator: start it, act as the vendor with the
    module's cmdlets, act as the partner in Synthesize, push usage, look at the Billing page, and
    finally run Gradient's QA checklist. Run by 'build.ps1 Demo' (module first on PSModulePath).
#>
[CmdletBinding()]
param()

$ErrorActionPreference = 'Stop'
Import-Module GradientMsp
function Show-Step([string] $Text) { Write-Host "`n== $Text" -ForegroundColor Cyan }

Show-Step 'Start the emulator and connect as its seeded partner (status becomes pending)'
$emulator = Start-GradientEmulator -Connect -RateLimit 0
try {
    $emulator | Format-Table | Out-Host
    Get-GradientConnection | Format-Table | Out-Host

    Show-Step 'The vendor: a portal URL, two services, three accounts'
    Set-GradientVendor -IntegrationPortalUrl 'https://portal.example.com/gradient' -Confirm:$false
    $null = New-GradientService -Name 'Demo Endpoint' -Description 'Endpoint seats' -Category security -Subcategory 'endpoint detection and response (EDR)' -Confirm:$false
    $null = New-GradientService -Name 'Demo Backup' -Description 'Protected workstations' -Category backup -Subcategory 'cloud backup' -Confirm:$false
    $accounts = @(
        [pscustomobject]@{ Id = 'demo-1'; Name = 'Contoso Ltd' }       # same name as a PSA client: maps by itself
        [pscustomobject]@{ Id = 'demo-2'; Name = 'Fabrikam tenant' }
        [pscustomobject]@{ Id = 'demo-3'; Name = 'Northwind tenant' }
    )
    $null = $accounts | New-GradientAccount -Confirm:$false
    Get-GradientAccount | Format-Table Id, Name | Out-Host

    Show-Step 'The partner in Synthesize: Next is lit; map one more account and both services; Finish'
    Get-GradientEmulatorWizard | Format-Table | Out-Host
    Set-GradientEmulatorMapping -AccountId 'demo-2' -PsaClientName 'Fabrikam Inc' -Confirm:$false
    foreach ($pair in @(@('Demo Endpoint', 'Endpoint Protection'), @('Demo Backup', 'Cloud Backup'))) {
        $service = Get-GradientService -Name $pair[0]
        Set-GradientEmulatorMapping -ServiceId $service.Id -PsaServiceName $pair[1] -Confirm:$false
    }
    Complete-GradientEmulatorSetup -Confirm:$false
    Get-GradientEmulatorMapping -Account | Format-Table | Out-Host

    Show-Step 'The vendor pushes usage for everything; unmapped accounts come back as Unmapped (404), as expected'
    $usage = foreach ($account in $accounts) {
        [pscustomobject]@{ AccountId = $account.Id; ServiceName = 'Demo Endpoint'; UnitCount = 20 }
        [pscustomobject]@{ AccountId = $account.Id; ServiceName = 'Demo Backup'; UnitCount = 10 }
    }
    $usage | Sync-GradientUsage -Summary -Confirm:$false | Where-Object { $_.PSObject.Properties['Pushed'] } |
        Format-Table Total, Pushed, Unmapped, Failed, BillingRebuilt | Out-Host

    Show-Step 'The partner refreshes the Billing page: vendor quantity beside PSA quantity'
    Get-GradientEmulatorBilling | Format-Table | Out-Host

    Show-Step 'What the emulator saw'
    Get-GradientEmulatorRequestLog -Last 8 | Format-Table Index, Method, Path, Status | Out-Host

    Show-Step "Gradient's QA checklist, with the module's own cmdlets as the integration"
    $pester = Join-Path $PSScriptRoot '../.tools/packages/pester/5.7.1/tools/Pester.psd1'
    if (-not (Test-Path $pester)) { $pester = $env:GRADIENTMSP_PESTER_MODULE }
    if ($pester -or (Get-Module Pester -ListAvailable | Where-Object { $_.Version.Major -eq 5 })) {
        $qa = Invoke-GradientQA -Emulator $emulator -PesterModule $pester
        $qa | Format-List Passed, Failed, Skipped, Duration | Out-Host
    }
    else {
        Write-Host 'Pester 5 is not installed here; skipping Invoke-GradientQA (see build.ps1 QA).'
    }
}
finally {
    Stop-GradientEmulator -Emulator $emulator -Confirm:$false
    Write-Host "`nEmulator stopped." -ForegroundColor Cyan
}
