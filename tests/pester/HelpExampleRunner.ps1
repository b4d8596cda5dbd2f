<#
.SYNOPSIS
    Runs every help example (module/help/*.psd1 Examples) as a user would paste it, and writes one
    JSON result per example. Started in a fresh pwsh by HelpExamples.Tests.ps1; not dot-sourced.
.DESCRIPTION
    Each example gets a fresh emulator (Start-GradientEmulator -Connect), no other connection, and a
    scratch folder holding the repo's examples/*.csv as its current directory. $emulator is that
    emulator; $vendorKey and $partnerKey hold its keys, as a user's own variables would hold theirs. An example's
    optional Setup (help source only, never shown in the help) runs first in the same scope; an example
    with NotRunnable (the reason) is reported as skipped. Errors stop the example
    ($ErrorActionPreference = 'Stop'), unless the example itself silences them, and so does a prompt
    (the pwsh is -NonInteractive).
#>
param(
    [Parameter(Mandatory)] [string] $HelpPath,
    [Parameter(Mandatory)] [string] $ExamplesPath,
    [Parameter(Mandatory)] [string] $ResultPath,
    [string] $Filter = '*'
)

$ErrorActionPreference = 'Stop'
Import-Module GradientMsp
$scratchRoot = Join-Path ([IO.Path]::GetTempPath()) ('gradient-help-examples-' + [guid]::NewGuid().ToString('n'))
$home0 = Get-Location
$results = New-Object System.Collections.Generic.List[object]

# What a Setup may call: the quick start's catalogue (a vendor service, the example customers, the
# partner's service mapping), so usage rows push and alerts become tickets.
function Initialize-ExampleData {
    $edr = New-GradientService -Name 'Managed EDR' -Description 'EDR per endpoint' -Category security -Subcategory 'endpoint detection and response (EDR)'
    Import-Csv ./customers.csv | New-GradientAccount | Out-Null
    Set-GradientEmulatorMapping -ServiceId $edr.Id -PsaServiceName 'Endpoint Protection' | Out-Null
}

function Reset-Session {
    foreach ($name in 'GRADIENT_VENDOR_API_KEY', 'GRADIENT_PARTNER_API_KEY', 'GRADIENT_BASE_URI') { Remove-Item -Path "env:$name" -ErrorAction SilentlyContinue }
    foreach ($c in @(Get-GradientConnection)) { Disconnect-GradientIntegration -Connection $c -KeepStatus -ErrorAction SilentlyContinue }
    Stop-GradientEmulator -All -Confirm:$false -ErrorAction SilentlyContinue
}

foreach ($file in Get-ChildItem -Path $HelpPath -Filter "$Filter.psd1" | Sort-Object Name) {
    $source = Import-PowerShellDataFile -LiteralPath $file.FullName
    $number = 0
    foreach ($example in @($source['Examples'] | Where-Object { $_ })) {
        $number++
        $result = [ordered]@{ Command = $file.BaseName; Number = $number; Title = [string] $example['Title']; Outcome = 'Passed'; Reason = ''; Output = '' }
        if ($example['NotRunnable']) {
            $result.Outcome = 'Skipped'
            $result.Reason = [string] $example['NotRunnable']
            $results.Add([pscustomobject] $result)
            continue
        }

        $dir = Join-Path $scratchRoot ('{0}-{1}' -f $file.BaseName, $number)
        New-Item -ItemType Directory -Path $dir -Force | Out-Null
        Copy-Item -Path (Join-Path $ExamplesPath '*.csv') -Destination $dir
        Set-Location -LiteralPath $dir
        $watch = [Diagnostics.Stopwatch]::StartNew()
        try {
            Reset-Session
            $emulator = Start-GradientEmulator -Connect
            $vendorKey = $emulator.VendorKey
            $partnerKey = $emulator.PartnerKey
            $code = [string] $example['Setup'] + "`n" + [string] $example['Code']
            $block = [scriptblock]::Create($code)
            # Out-String formats the output too, so a formatting failure counts.
            $result.Output = (& $block | Out-String -Width 200)
        }
        catch {
            $result.Outcome = 'Failed'
            $result.Reason = '{0}: {1}' -f $_.FullyQualifiedErrorId, $_.Exception.Message
        }
        finally {
            $watch.Stop()
            $result.Seconds = [math]::Round($watch.Elapsed.TotalSeconds, 1)
            Set-Location -LiteralPath $home0
            try { Reset-Session } catch { }
        }
        $results.Add([pscustomobject] $result)
    }
}

Remove-Item -LiteralPath $scratchRoot -Recurse -Force -ErrorAction SilentlyContinue
ConvertTo-Json -InputObject $results.ToArray() -Depth 3 | Set-Content -LiteralPath $ResultPath -Encoding UTF8
