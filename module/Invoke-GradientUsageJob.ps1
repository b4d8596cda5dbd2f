<#
.SYNOPSIS
    One unattended usage sync for an RMM agent or Task Scheduler: connect, check, sync, log, exit code.

.DESCRIPTION
    Connects from -VendorApiKey/-PartnerApiKey, a stored credential file (-CredentialPath) or the
    GRADIENT_VENDOR_API_KEY / GRADIENT_PARTNER_API_KEY environment variables; checks the integration
    (Test-GradientIntegration); reads usage rows from a CSV (-CsvPath) or a script (-UsageScript,
    -UsageScriptPath); runs Sync-GradientUsage; writes a log file per run (keys redacted, the newest
    -KeepLogs kept) and, when rows failed, a CSV of them beside the log, ready for -CsvPath.

    Exit codes:
      0  every row was pushed, is unmapped by the partner (expected, not a failure) or, with -LedgerPath,
         unchanged; pairs the ledger has but the export lacks are logged as WARN (Missing)
      1  some rows failed or were invalid: they are listed in the log and in <log>-failed.csv
      2  the job could not start: no keys, keys refused, service unreachable or down, integration
         inactive, usage source unreadable or empty, unprotected credential file off Windows

    See docs/unattended.md for Task Scheduler, an RMM as SYSTEM, credential files and SecretManagement.

.EXAMPLE
    powershell.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass -File "C:\Program Files\WindowsPowerShell\Modules\GradientMsp\0.1.0\Invoke-GradientUsageJob.ps1" -CsvPath C:\Exports\usage.csv -CredentialPath C:\ProgramData\GradientMsp\keys.clixml
#>
[CmdletBinding(DefaultParameterSetName = 'Csv')]
param(
    # A CSV with accountId, serviceName or serviceId, unitCount (the Sync-GradientUsage columns).
    [Parameter(Mandatory = $true, ParameterSetName = 'Csv')]
    [string] $CsvPath,

    # A script block whose output is the usage rows (for callers in the same process).
    [Parameter(Mandatory = $true, ParameterSetName = 'Script')]
    [scriptblock] $UsageScript,

    # A .ps1 whose output is the usage rows (for -File callers, which cannot pass a script block).
    [Parameter(Mandatory = $true, ParameterSetName = 'ScriptPath')]
    [string] $UsageScriptPath,

    # SecureString or string; e.g. (Get-Secret GradientVendorKey) from SecretManagement.
    [object] $VendorApiKey,
    [object] $PartnerApiKey,

    # An Export-Clixml file of @{ VendorApiKey = <SecureString>; PartnerApiKey = <SecureString> }.
    [string] $CredentialPath,

    # Off Windows, Export-Clixml does not encrypt SecureStrings: refuse such a file unless told.
    [switch] $AllowUnprotectedCredentialFile,

    [uri] $BaseUri,

    [string] $LogDirectory,

    [ValidateRange(1, 1000)]
    [int] $KeepLogs = 30,

    [ValidateRange(0, 20)]
    [int] $MaxRetries = 3,

    # Skip Test-GradientIntegration (only the connect decides whether the job can start).
    [switch] $SkipHealthCheck,

    # A push ledger file (Sync-GradientUsage -LedgerPath): only counts that changed are sent, and pairs
    # the ledger has but the export lacks are logged as Missing (a warning, not a failure).
    [string] $LedgerPath,

    # With -LedgerPath: push Missing pairs as 0. Only with a full export: a partial one (such as a
    # failed-rows CSV) would zero everything it leaves out.
    [switch] $ZeroMissing
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 2.0
$onWindows = [Environment]::OSVersion.Platform -eq [PlatformID]::Win32NT

# ---------- log: one file per run, keys redacted, the newest $KeepLogs kept ----------
if (-not $LogDirectory) {
    if ($onWindows) { $LogDirectory = Join-Path $env:ProgramData 'GradientMsp\Logs' }
    else { $LogDirectory = Join-Path $HOME '.gradientmsp/logs' }
}
$null = New-Item -ItemType Directory -Path $LogDirectory -Force
$stamp = [DateTime]::Now.ToString('yyyyMMdd-HHmmss-fff')
$script:LogFile = Join-Path $LogDirectory "usage-job-$stamp.log"
$script:FailedCsv = Join-Path $LogDirectory "usage-job-$stamp-failed.csv"
$script:Secrets = New-Object System.Collections.Generic.List[string]

function Protect-Text([string] $Text) {
    foreach ($secret in $script:Secrets) {
        if ($secret.Length -gt 0) {
            $hint = '****'
            if ($secret.Length -gt 8) { $hint = '****' + $secret.Substring($secret.Length - 4) }
            $Text = $Text.Replace($secret, $hint)
        }
    }
    $Text
}

function Write-JobLog([string] $Level, [string] $Message) {
    $line = '{0} {1,-5} {2}' -f [DateTime]::Now.ToString('yyyy-MM-ddTHH:mm:ss.fffzzz'), $Level, (Protect-Text $Message)
    Add-Content -LiteralPath $script:LogFile -Value $line -Encoding UTF8
    # Also to the host: RMM agents show a script's console output next to its exit code.
    Write-Host $line
}

function Exit-UsageJob([int] $Code, [string] $Message) {
    if ($Message) { Write-JobLog 'ERROR' $Message }
    Write-JobLog 'INFO' "Exit $Code. Log: $script:LogFile"
    exit $Code
}

function ConvertTo-PlainKey([object] $Value) {
    if ($null -eq $Value) { return $null }
    if ($Value -is [System.Security.SecureString]) {
        return (New-Object System.Management.Automation.PSCredential ('key', $Value)).GetNetworkCredential().Password
    }
    "$Value"
}

# Old logs go first, so a job that fails every night still keeps a bounded folder.
Get-ChildItem -LiteralPath $LogDirectory -Filter 'usage-job-*.log' | Sort-Object Name -Descending |
    Select-Object -Skip ($KeepLogs - 1) | ForEach-Object {
        $failed = [IO.Path]::ChangeExtension($_.FullName, $null).TrimEnd('.') + '-failed.csv'
        Remove-Item -LiteralPath $_.FullName -Force
        if (Test-Path -LiteralPath $failed) { Remove-Item -LiteralPath $failed -Force }
    }

Write-JobLog 'INFO' ("Invoke-GradientUsageJob on PowerShell {0} ({1}) as {2}, log {3}" -f $PSVersionTable.PSVersion, $PSVersionTable.PSEdition, [Environment]::UserName, $script:LogFile)

# ---------- keys: parameters, then the credential file, then the environment ----------
$vendorKey = ConvertTo-PlainKey $VendorApiKey
$partnerKey = ConvertTo-PlainKey $PartnerApiKey
$source = 'parameters'
if ($CredentialPath -and (-not $vendorKey -or -not $partnerKey)) {
    if (-not $onWindows -and -not $AllowUnprotectedCredentialFile) {
        Exit-UsageJob 2 "Refusing the credential file ${CredentialPath}: off Windows, Export-Clixml stores SecureStrings unencrypted. Use environment variables or a SecretManagement vault, or pass -AllowUnprotectedCredentialFile if the file's permissions are the protection."
    }
    try { $stored = Import-Clixml -LiteralPath $CredentialPath }
    catch { Exit-UsageJob 2 "Cannot read the credential file ${CredentialPath} (on Windows it opens only for the user, or the machine, that wrote it): $($_.Exception.Message)" }
    if (-not $onWindows) { Write-JobLog 'WARN' "The credential file $CredentialPath is not encrypted on this OS; only its file permissions protect it." }
    if ($stored -isnot [System.Collections.IDictionary]) {
        Exit-UsageJob 2 "The credential file $CredentialPath does not hold @{ VendorApiKey = ...; PartnerApiKey = ... } (see docs/unattended.md)."
    }
    if (-not $vendorKey) { $vendorKey = ConvertTo-PlainKey $stored['VendorApiKey'] }
    if (-not $partnerKey) { $partnerKey = ConvertTo-PlainKey $stored['PartnerApiKey'] }
    $source = 'credential file'
}
if (-not $vendorKey) { $vendorKey = $env:GRADIENT_VENDOR_API_KEY; if ($vendorKey) { $source = 'environment' } }
if (-not $partnerKey) { $partnerKey = $env:GRADIENT_PARTNER_API_KEY }
foreach ($secret in @($vendorKey, $partnerKey)) {
    if ($secret) {
        $script:Secrets.Add($secret)
        # The token is base64(vendor:partner); never let it reach the log either.
        if ($vendorKey -and $partnerKey) { $script:Secrets.Add([Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes("${vendorKey}:${partnerKey}"))) }
    }
}
if (-not $vendorKey -or -not $partnerKey) {
    Exit-UsageJob 2 'MissingApiKey: no vendor and partner key from -VendorApiKey/-PartnerApiKey, -CredentialPath or GRADIENT_VENDOR_API_KEY/GRADIENT_PARTNER_API_KEY.'
}

# ---------- connect and check ----------
try {
    Import-Module (Join-Path $PSScriptRoot 'GradientMsp.psd1') -ErrorAction Stop
    $connect = @{ VendorApiKey = $vendorKey; PartnerApiKey = $partnerKey; SkipStatusUpdate = $true; NoWelcome = $true; MaxRetries = $MaxRetries; ErrorAction = 'Stop' }
    if ($BaseUri) { $connect.BaseUri = $BaseUri }
    $connection = Connect-GradientIntegration @connect -PassThru
}
catch {
    Exit-UsageJob 2 "Could not connect with partner key ****$($partnerKey.Substring([Math]::Max(0, $partnerKey.Length - 4))) ($($_.FullyQualifiedErrorId)): $($_.Exception.Message)"
}
Write-JobLog 'INFO' "Connected (keys from $source) to '$($connection.OrganizationName)' at $($connection.BaseUri) with partner key $($connection.PartnerKeyHint); status $($connection.Status)."

if (-not $SkipHealthCheck) {
    $checks = @(Test-GradientIntegration -Connection $connection)
    foreach ($check in $checks) {
        $level = 'INFO'
        if ("$($check.Status)" -eq 'Warn') { $level = 'WARN' }
        if ("$($check.Status)" -eq 'Fail') { $level = 'ERROR' }
        $text = "check $($check.Name): $($check.Status) - $($check.Message)"
        if ($check.Fix -and $level -ne 'INFO') { $text += " Fix: $($check.Fix)" }
        Write-JobLog $level $text
    }
    # Only what stops a sync stops the job: a stale or unmapped integration is what the sync is for.
    $blocking = @($checks | Where-Object { ("$($_.Name)" -eq 'Keys' -or "$($_.Name)" -eq 'Status') -and "$($_.Status)" -eq 'Fail' })
    if ($blocking.Count -gt 0) {
        Exit-UsageJob 2 "The integration cannot take usage: $(($blocking | ForEach-Object { "$($_.Name): $($_.Message)" }) -join '; ')"
    }
}

# ---------- usage rows ----------
try {
    if ($PSCmdlet.ParameterSetName -eq 'Csv') { $rows = @(Import-Csv -LiteralPath $CsvPath); $from = $CsvPath }
    elseif ($PSCmdlet.ParameterSetName -eq 'ScriptPath') { $rows = @(& $UsageScriptPath); $from = $UsageScriptPath }
    else { $rows = @(& $UsageScript); $from = 'the usage script block' }
}
catch {
    Exit-UsageJob 2 "Could not read the usage rows: $($_.Exception.Message)"
}
if ($rows.Count -eq 0) {
    Exit-UsageJob 2 "No usage rows from $from; an empty export is treated as a broken one."
}
Write-JobLog 'INFO' "$($rows.Count) usage row(s) from $from."

# ---------- sync: count outcomes from the per-row results ----------
$results = New-Object System.Collections.Generic.List[object]
$syncError = $null
$rowErrors = @()
$syncWarnings = @()
$syncParameters = @{ Connection = $connection }
if ($LedgerPath) {
    $syncParameters.LedgerPath = $LedgerPath
    if ($ZeroMissing) { $syncParameters.ZeroMissing = $true }
    Write-JobLog 'INFO' "Ledger: $LedgerPath$(if ($ZeroMissing) { ' (missing pairs pushed as 0)' })"
}
elseif ($ZeroMissing) {
    Exit-UsageJob 2 '-ZeroMissing needs -LedgerPath (the ledger says which pairs are missing).'
}
try {
    $rows | Sync-GradientUsage @syncParameters -ErrorAction Continue -ErrorVariable rowErrors -WarningVariable syncWarnings -WarningAction SilentlyContinue | ForEach-Object {
        if ($_ -is [GradientMsp.Client.Usage.UsageResult]) { $results.Add($_) }
    }
}
catch {
    $syncError = $_
}
foreach ($e in @($rowErrors)) { if ($e) { Write-JobLog 'WARN' "$e" } }
foreach ($w in @($syncWarnings)) { if ($w) { Write-JobLog 'WARN' "$w" } }
if ($null -ne $syncError -and $results.Count -eq 0) {
    Exit-UsageJob 2 "The sync could not run ($($syncError.FullyQualifiedErrorId)): $($syncError.Exception.Message)"
}

$counts = @{ Pushed = 0; Unmapped = 0; Superseded = 0; Failed = 0; Invalid = 0; NotSent = 0; Unchanged = 0; Missing = 0 }
$bad = New-Object System.Collections.Generic.List[object]
$inputResults = 0
foreach ($result in $results) {
    $outcome = "$($result.Outcome)"
    $counts[$outcome] = $counts[$outcome] + 1
    # A ledger's Missing pairs (and those pushed as 0) are results of no input row: Index 0.
    if ($result.Index -gt 0) { $inputResults++ }
    if ($outcome -eq 'Missing') {
        Write-JobLog 'WARN' "missing from the export: accountId=$($result.AccountId) serviceId=$($result.ServiceId): $($result.Reason)"
        continue
    }
    # Unchanged: the ledger says Gradient already has this count; not sent, not a failure.
    if ($outcome -eq 'Unchanged') { continue }
    # Superseded: a later row of the same account x service stood instead (Sync-GradientUsage warns
    # once about the duplicates); re-running it would put the older count back, so it is not a failure.
    if ($outcome -notin 'Pushed', 'Unmapped', 'Superseded') {
        $bad.Add($result)
        Write-JobLog 'ERROR' "row $($result.Index): accountId=$($result.AccountId) serviceId=$($result.ServiceId) serviceName=$($result.ServiceName) unitCount=$($result.UnitCount): $outcome - $($result.Reason)"
    }
}
$missing = $rows.Count - $inputResults
function Get-RowValue($Row, [string] $Name) {
    $property = $Row.PSObject.Properties[$Name]
    if ($null -eq $property) { return $null }
    $property.Value
}
if ($missing -gt 0) {
    $why = 'no reason given'
    if ($null -ne $syncError) { $why = $syncError.Exception.Message }
    Write-JobLog 'ERROR' "$missing row(s) got no result (the sync stopped early): $why"
    # Rows the sync never answered for go into the failed CSV too (a result's Source is its row).
    $answered = New-Object 'System.Collections.Generic.HashSet[object]'
    foreach ($result in $results) { if ($null -ne $result.Source) { $null = $answered.Add($result.Source); $null = $answered.Add($result.Source.PSObject.BaseObject) } }
    foreach ($row in $rows) {
        if (-not $answered.Contains($row) -and -not $answered.Contains($row.PSObject.BaseObject)) {
            $bad.Add((New-Object PSObject -Property ([ordered]@{
                            AccountId = Get-RowValue $row 'accountId'; ServiceId = Get-RowValue $row 'serviceId'
                            ServiceName = Get-RowValue $row 'serviceName'; UnitCount = Get-RowValue $row 'unitCount'
                            Outcome = 'NotSent'; Reason = 'the sync stopped before this row'
                        })))
        }
    }
}
Write-JobLog 'INFO' ("rows {0}: pushed {1}, unmapped {2}, failed {3}, invalid {4}, not sent {5}, superseded {6}, unchanged {7}, missing {8}" -f $rows.Count, $counts.Pushed, $counts.Unmapped, $counts.Failed, $counts.Invalid, $counts.NotSent, $counts.Superseded, $counts.Unchanged, $counts.Missing)

if ($bad.Count -gt 0 -or $missing -gt 0) {
    # The Sync-GradientUsage columns, so the file goes straight back in as -CsvPath.
    $bad | ForEach-Object {
        New-Object PSObject -Property ([ordered]@{
                accountId   = $_.AccountId
                serviceId   = $_.ServiceId
                serviceName = $_.ServiceName
                unitCount   = $_.UnitCount
                outcome     = "$($_.Outcome)"
                reason      = Protect-Text "$($_.Reason)"
            })
    } | Export-Csv -LiteralPath $script:FailedCsv -NoTypeInformation -Encoding UTF8
    $rerunAdvice = "re-run them with -CsvPath $script:FailedCsv"
    if ($LedgerPath) { $rerunAdvice += ' (without -ZeroMissing: that file is not a full export)' }
    Exit-UsageJob 1 "$($bad.Count) row(s) did not land; $rerunAdvice"
}
Exit-UsageJob 0 $null
