# A second terminal drives an emulator this one started: Connect-GradientEmulator attaches by base
# URI (in a child pwsh, the "second terminal"), every emulator cmdlet works on what it returns,
# New-GradientEmulatorPartner adds partners, and the attaching session never stops the emulator.
Describe 'Connect-GradientEmulator and New-GradientEmulatorPartner' {
    BeforeAll {
        . $PSScriptRoot/common.ps1
        $script:emulator = Start-GradientEmulator -RateLimit 0
        function Test-ProcessAlive([int] $Id) {
            $process = Get-Process -Id $Id -ErrorAction SilentlyContinue
            [bool] ($process -and -not $process.HasExited)
        }
    }

    AfterAll {
        Stop-GradientEmulator -All -Confirm:$false
    }

    It 'lets a second process attach by base URI, drive the partner side and add a partner, and leaves the emulator running' {
        $uri = $emulator.BaseUri.AbsoluteUri
        $secondTerminal = @(
            'Import-Module GradientMsp'
            "`$e = Connect-GradientEmulator -BaseUri '$uri' -ErrorAction Stop"
            "'attached: ' + `$e.IsAttached"
            "'pid: ' + `$e.ProcessId"
            "'running: ' + `$e.IsRunning"
            "'default: ' + ((Get-GradientEmulator).BaseUri -eq `$e.BaseUri)"
            "'partnerKey: ' + (`$e.PartnerKey -eq (Get-GradientEmulatorPartner).PartnerKey)"
            "`$p = New-GradientEmulatorPartner -Name 'Second Terminal MSP' -SeedPsa -Confirm:`$false -ErrorAction Stop"
            "'new: ' + `$p.Name + ' ' + `$p.Connected + ' ' + (`$p.PsaClients -gt 0)"
            "'wizard: ' + [bool] (Get-GradientEmulatorWizard -OrganizationId `$p.OrganizationId -ErrorAction Stop)"
            "'partners: ' + @(Get-GradientEmulatorPartner -All).Count"
            'Get-GradientEmulator | Stop-GradientEmulator -Confirm:$false'
            "'emulators after stop: ' + @(Get-GradientEmulator -All).Count"
        ) -join '; '
        $output = @(Invoke-FreshPwsh @('-NoProfile', '-NonInteractive', '-Command', $secondTerminal) 2>&1 | ForEach-Object { "$_" })
        $because = $output -join "`n"
        $output | Should -Contain 'attached: True' -Because $because
        $output | Should -Contain "pid: $($emulator.ProcessId)" -Because $because
        $output | Should -Contain 'running: True' -Because $because
        $output | Should -Contain 'default: True' -Because $because
        $output | Should -Contain 'partnerKey: True' -Because $because
        $output | Should -Contain 'new: Second Terminal MSP True True' -Because $because
        $output | Should -Contain 'wizard: True' -Because $because
        $output | Should -Contain 'partners: 2' -Because $because
        $output | Should -Contain 'emulators after stop: 0' -Because $because

        # Its Stop-GradientEmulator only detached, and its exit ended nothing here.
        $emulator.IsRunning | Should -BeTrue
        Test-ProcessAlive $emulator.ProcessId | Should -BeTrue
        (Invoke-RestMethod -Uri ($uri.TrimEnd('/') + '/_emulator/health')).ok | Should -BeTrue
        $added = @(Get-GradientEmulatorPartner -All | Where-Object Name -EQ 'Second Terminal MSP')
        $added.Count | Should -Be 1
        $added[0].Connected | Should -BeTrue
    }

    It 'attached in this session too: Stop-GradientEmulator detaches and the process lives on' {
        # A fresh runspace stands for a session that did not start the emulator.
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({
                    param($Uri)
                    Import-Module GradientMsp
                    $e = Connect-GradientEmulator -BaseUri $Uri -ErrorAction Stop
                    $e | Stop-GradientEmulator -Confirm:$false
                    [pscustomobject] @{ Attached = $e.IsAttached; RunningAfter = $e.IsRunning; Left = @(Get-GradientEmulator -All).Count }
                }).AddArgument($emulator.BaseUri)
            $result = $ps.Invoke()
            $ps.Streams.Error | Should -BeNullOrEmpty
        }
        finally {
            $ps.Dispose()
        }
        $result[0].Attached | Should -BeTrue
        $result[0].RunningAfter | Should -BeFalse
        $result[0].Left | Should -Be 0
        Test-ProcessAlive $emulator.ProcessId | Should -BeTrue
        $emulator.IsRunning | Should -BeTrue
    }

    It 'returns the emulator this session started when given its own base URI' {
        $same = Connect-GradientEmulator -BaseUri $emulator.BaseUri
        $same.IsAttached | Should -BeFalse
        $same.ProcessId | Should -Be $emulator.ProcessId
        @(Get-GradientEmulator -All).Count | Should -Be 1
    }

    It 'attaches nothing under -WhatIf' {
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({
                    param($Uri)
                    Import-Module GradientMsp
                    $out = Connect-GradientEmulator -BaseUri $Uri -WhatIf
                    [pscustomobject] @{ Output = @($out).Count; Known = @(Get-GradientEmulator -All).Count }
                }).AddArgument($emulator.BaseUri)
            $result = $ps.Invoke()
        }
        finally {
            $ps.Dispose()
        }
        $result[0].Output | Should -Be 0
        $result[0].Known | Should -Be 0
    }

    It 'fails with EmulatorNotReachable where no emulator answers' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $port = $listener.LocalEndpoint.Port
        $listener.Stop()
        { Connect-GradientEmulator -BaseUri "http://127.0.0.1:$port" -ErrorAction Stop } |
            Should -Throw -ErrorId 'EmulatorNotReachable,GradientMsp.Commands.ConnectGradientEmulatorCommand'
        @(Get-GradientEmulator -All).Count | Should -Be 1
    }

    It 'adds a disconnected partner with -NoConnect, and refuses a taken organization id' {
        $p = New-GradientEmulatorPartner -Name 'Later MSP' -NoConnect -Confirm:$false
        $p.Connected | Should -BeFalse
        $p.PartnerKey | Should -BeNullOrEmpty
        { New-GradientEmulatorPartner -Name 'Copy' -OrganizationId $p.OrganizationId -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId 'EmulatorActionFailed,GradientMsp.Commands.NewGradientEmulatorPartnerCommand'
        New-GradientEmulatorPartner -Name 'Not made' -WhatIf | Should -BeNullOrEmpty
        @(Get-GradientEmulatorPartner -All | Where-Object Name -EQ 'Not made').Count | Should -Be 0
    }
}
