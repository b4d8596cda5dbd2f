# Starts the staged emulator directly (not through the module), for tests that must not depend on
# the module's own emulator cmdlets: the isolation test and the usage-sync tests.
function Start-TestEmulator {
    param([int] $RateLimit = 0, [string[]] $ExtraArguments = @())
    $module = Get-Module GradientMsp -ListAvailable | Sort-Object Version -Descending | Select-Object -First 1
    $dll = Join-Path $module.ModuleBase 'emulator/GradientMsp.Emulator.dll'
    $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($argument in @($dll, '--urls', 'http://127.0.0.1:0', '--rate-limit', "$RateLimit", '--parent-pid', "$PID") + $ExtraArguments) {
        $start.ArgumentList.Add($argument)
    }
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardInput = $true
    $start.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($start)
    $deadline = [DateTime]::UtcNow.AddSeconds(30)
    while ([DateTime]::UtcNow -lt $deadline) {
        $line = $process.StandardOutput.ReadLine()
        if ($null -eq $line) { break }
        if ($line -like 'GRADIENT_EMULATOR_READY *') {
            $info = $line.Substring('GRADIENT_EMULATOR_READY '.Length) | ConvertFrom-Json
            $info | Add-Member -NotePropertyName Process -NotePropertyValue $process
            return $info
        }
    }
    $process.Kill($true)
    throw 'The emulator did not report ready within 30 seconds.'
}

function Stop-TestEmulator {
    param($Emulator)
    if ($Emulator -and -not $Emulator.Process.HasExited) {
        $Emulator.Process.Kill($true)
        $Emulator.Process.WaitForExit(10000) | Out-Null
    }
}
