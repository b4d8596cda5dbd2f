# The session's emulator belongs to the user: a Ctrl+C at the prompt does not kill it, and when it
# does die (a crash, a kill) the next command says so at once.
Describe 'Emulator lifetime' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'common.ps1')

        function Test-ProcessAlive([int] $Id) {
            $process = Get-Process -Id $Id -ErrorAction SilentlyContinue
            [bool] ($process -and -not $process.HasExited)
        }

        function Wait-Until([scriptblock] $Condition, [int] $TimeoutSec = 60) {
            $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
            while ([DateTime]::UtcNow -lt $deadline) {
                if (& $Condition) { return $true }
                Start-Sleep -Milliseconds 200
            }
            return $false
        }
    }

    It 'survives a Ctrl+C typed at the interactive pwsh that started it (a terminal in tmux)' -Skip:($IsWindows -or -not (Get-Command tmux -ErrorAction SilentlyContinue)) {
        $out = Join-Path ([IO.Path]::GetTempPath()) ("gradient-ctrlc-" + [guid]::NewGuid().ToString('n') + '.txt')
        $socket = 'gradient-ctrlc-' + [guid]::NewGuid().ToString('n')
        $executable = [Environment]::ProcessPath
        $command = "'$executable'"
        if ([IO.Path]::GetFileNameWithoutExtension($executable) -eq 'dotnet') { $command += " '$([Reflection.Assembly]::GetEntryAssembly().Location)'" }
        $command += ' -NoProfile'
        $emulatorId = 0
        try {
            # A real terminal: the interactive pwsh is the pane's foreground process group, and tmux's
            # C-c makes the pty send SIGINT to that group, as pressing Ctrl+C does.
            & tmux -L $socket new-session -d -x 200 -y 50 $command
            $LASTEXITCODE | Should -Be 0
            # Keys typed before PSReadLine is up can be lost: wait for the prompt.
            Wait-Until { (& tmux -L $socket capture-pane -p) -match '^PS ' } 60 | Should -BeTrue -Because 'pwsh shows a prompt in the terminal'
            & tmux -L $socket send-keys -l "Import-Module GradientMsp; `$e = Start-GradientEmulator -Connect; Set-Content -LiteralPath '$out' -Value ('{0} {1}' -f `$e.ProcessId, `$e.BaseUri); Start-Sleep 30"
            & tmux -L $socket send-keys Enter
            Wait-Until { (Test-Path -LiteralPath $out) -and (Get-Content -LiteralPath $out -Raw) } 90 | Should -BeTrue -Because 'the pwsh in the terminal starts an emulator'
            $emulatorId, $baseUri = (Get-Content -LiteralPath $out -Raw).Trim() -split ' '
            $emulatorId = [int] $emulatorId

            & tmux -L $socket send-keys C-c
            Start-Sleep -Seconds 3

            Test-ProcessAlive $emulatorId | Should -BeTrue -Because 'a Ctrl+C meant for a command must not reach the emulator'
            (Invoke-WebRequest -Uri ($baseUri.TrimEnd('/') + '/_emulator/state') -UseBasicParsing -TimeoutSec 10).StatusCode | Should -Be 200
            # and the session's connection still works from the same prompt
            & tmux -L $socket send-keys -l "Set-Content -LiteralPath '$out' -Value (@(Get-GradientAccount -ErrorAction Stop).Count)"
            & tmux -L $socket send-keys Enter
            Wait-Until { (Get-Content -LiteralPath $out -Raw).Trim() -match '^\d+$' } 30 | Should -BeTrue -Because 'Get-GradientAccount answers after the Ctrl+C'
        }
        finally {
            & tmux -L $socket kill-server 2>$null
            # Its pwsh is gone: the emulator's parent-pid watch ends it; make sure either way.
            if ($emulatorId -and -not (Wait-Until { -not (Test-ProcessAlive $emulatorId) } 10)) { Stop-Process -Id $emulatorId -Force -ErrorAction SilentlyContinue }
            Remove-Item -LiteralPath $out -ErrorAction SilentlyContinue
        }
    }

    It 'a connection whose emulator has exited says so at once, with the pid, instead of retrying a refused connection' {
        $emulator = Start-GradientEmulator -Connect
        try {
            $emulatorId = $emulator.ProcessId
            Stop-Process -Id $emulatorId -Force
            Wait-Until { -not (Test-ProcessAlive $emulatorId) } 10 | Should -BeTrue

            $watch = [Diagnostics.Stopwatch]::StartNew()
            $failure = $null
            try { Get-GradientAccount -Connection $emulator.Connection -ErrorAction Stop }
            catch { $failure = $_ }
            $watch.Stop()

            $failure | Should -Not -BeNullOrEmpty
            $failure.FullyQualifiedErrorId | Should -Be 'EmulatorNotRunning,GradientMsp.Commands.GetGradientAccountCommand'
            $failure.Exception.Message | Should -BeLike "The emulator (pid $emulatorId) at * has exited*"
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 3
            $emulator.IsRunning | Should -BeFalse

            { Get-GradientEmulatorState -Emulator $emulator -ErrorAction Stop } | Should -Throw -ExpectedMessage "The emulator (pid $emulatorId) at * has exited*"
        }
        finally {
            Stop-GradientEmulator -Emulator $emulator -Confirm:$false -ErrorAction SilentlyContinue
        }
    }

    It 'on a machine without the ASP.NET Core runtime, Start-GradientEmulator names Microsoft.AspNetCore.App' -Skip:$IsWindows {
        # A real dotnet root with only Microsoft.NETCore.App: its own host, the real hostfxr and the
        # base runtime, so the host's own "framework not found" answer is what the module has to relay.
        $dotnet = Get-Item (Get-Command dotnet).Source
        if ($dotnet.ResolvedTarget) { $dotnet = Get-Item $dotnet.ResolvedTarget }
        $real = Split-Path -Parent $dotnet.FullName
        $fake = Join-Path $TestDrive 'dotnet-without-aspnetcore'
        New-Item -ItemType Directory -Path (Join-Path $fake 'shared'), (Join-Path $fake 'host') -Force | Out-Null
        Copy-Item -LiteralPath (Join-Path $real 'dotnet') -Destination $fake
        New-Item -ItemType SymbolicLink -Path (Join-Path $fake 'host/fxr') -Target (Join-Path $real 'host/fxr') | Out-Null
        New-Item -ItemType SymbolicLink -Path (Join-Path $fake 'shared/Microsoft.NETCore.App') -Target (Join-Path $real 'shared/Microsoft.NETCore.App') | Out-Null

        $script = "`$env:DOTNET_HOST_PATH = '$(Join-Path $fake 'dotnet')'; Import-Module GradientMsp; try { Start-GradientEmulator -ErrorAction Stop; 'started' } catch { `$_.FullyQualifiedErrorId; `$_.Exception.Message; `$_.ErrorDetails.RecommendedAction }"
        $out = (Invoke-FreshPwsh @('-NoProfile', '-NonInteractive', '-Command', $script)) -join "`n"
        $out | Should -Not -Match '(?m)^started$'
        $out | Should -Match 'EmulatorStartFailed,GradientMsp.Commands.StartGradientEmulatorCommand'
        $out | Should -Match "Framework: 'Microsoft.AspNetCore.App', version '8"
        $out | Should -Match 'ASP.NET Core runtime 8 or later'
    }
}
