# Missing keys: at the prompt Connect-GradientIntegration falls back to a local emulator, but a
# script (an unattended RMM task) must fail loudly instead of syncing somewhere harmless.
Describe 'Connect-GradientIntegration without keys' {
    BeforeAll {
        . $PSScriptRoot/common.ps1
    }

    It 'fails with MissingApiKey in a script when no emulator was started' {
        $probe = Join-Path $TestDrive 'no-keys.ps1'
        Set-Content -Path $probe -Value @'
foreach ($name in 'GRADIENT_VENDOR_API_KEY', 'GRADIENT_PARTNER_API_KEY', 'GRADIENT_BASE_URI') { [Environment]::SetEnvironmentVariable($name, $null) }
Import-Module GradientMsp
try {
    Connect-GradientIntegration -ErrorAction Stop
    'connected'
}
catch {
    $_.FullyQualifiedErrorId
    $_.ErrorDetails.RecommendedAction
}
'connections: ' + @(Get-GradientConnection).Count
'emulators: ' + @(Get-GradientEmulator -All).Count
'@
        $output = @(Invoke-FreshPwsh @('-NoProfile', '-NonInteractive', '-File', $probe))
        $output[0] | Should -Be 'MissingApiKey,GradientMsp.Commands.ConnectGradientIntegrationCommand'
        $output[1] | Should -Match 'Start-GradientEmulator'
        $output | Should -Contain 'connections: 0'
        $output | Should -Contain 'emulators: 0'
    }

    Context 'launched the way RMM agents and schedulers launch pwsh' {
        BeforeAll {
            # The same probe as above, as one line for -Command and -EncodedCommand.
            $script:probeCommand = @(
                "foreach (`$n in 'GRADIENT_VENDOR_API_KEY', 'GRADIENT_PARTNER_API_KEY', 'GRADIENT_BASE_URI') { [Environment]::SetEnvironmentVariable(`$n, `$null) }"
                'Import-Module GradientMsp'
                "try { Connect-GradientIntegration -ErrorAction Stop; 'connected' } catch { `$_.FullyQualifiedErrorId }"
                "'emulators: ' + @(Get-GradientEmulator -All).Count"
                "if (@(Get-GradientConnection).Count -eq 0) { exit 3 }"
            ) -join '; '
        }

        It 'fails with MissingApiKey and starts nothing under <Mode>' -ForEach @(
            @{ Mode = '-NonInteractive -Command'; Arguments = { @('-NoProfile', '-NonInteractive', '-Command', $probeCommand) } }
            @{ Mode = '-Command (no -NonInteractive)'; Arguments = { @('-NoProfile', '-Command', $probeCommand) } }
            @{ Mode = '-c, abbreviated'; Arguments = { @('-NoProfile', '-c', $probeCommand) } }
            @{ Mode = '-EncodedCommand'; Arguments = { @('-NoProfile', '-EncodedCommand', [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($probeCommand))) } }
        ) {
            $output = @(Invoke-FreshPwsh (& $Arguments) 2>&1 | ForEach-Object { "$_" })
            $exit = $LASTEXITCODE
            $output | Should -Contain 'MissingApiKey,GradientMsp.Commands.ConnectGradientIntegrationCommand' -Because ($output -join "`n")
            $output | Should -Not -Contain 'connected'
            $output | Should -Contain 'emulators: 0'
            $exit | Should -Be 3 -Because 'the probe exits 3 when no connection was made, so the job fails'
        }

        It 'fails with MissingApiKey in a background job' {
            $job = Start-Job -ScriptBlock {
                param($ModulePath)
                foreach ($n in 'GRADIENT_VENDOR_API_KEY', 'GRADIENT_PARTNER_API_KEY', 'GRADIENT_BASE_URI') { [Environment]::SetEnvironmentVariable($n, $null) }
                $env:PSModulePath = $ModulePath
                Import-Module GradientMsp
                try { Connect-GradientIntegration -ErrorAction Stop; 'connected' } catch { $_.FullyQualifiedErrorId }
                'emulators: ' + @(Get-GradientEmulator -All).Count
            } -ArgumentList $env:PSModulePath
            $output = @($job | Wait-Job -Timeout 120 | Receive-Job)
            $job | Remove-Job -Force
            $output | Should -Contain 'MissingApiKey,GradientMsp.Commands.ConnectGradientIntegrationCommand'
            $output | Should -Contain 'emulators: 0'
        }
    }
}


# The one line a person sees after connecting (as Connect-MgGraph prints), and the ways a script
# silences it. Information-stream semantics are the host's, so they are checked in a fresh pwsh.
Describe 'Connect-GradientIntegration connected line' {
    BeforeAll {
        . $PSScriptRoot/common.ps1
        $script:emulator = Start-GradientEmulator
        $script:keys = @{ VendorApiKey = $emulator.VendorKey; PartnerApiKey = $emulator.PartnerKey; BaseUri = $emulator.BaseUri }
    }
    AfterAll {
        Get-GradientConnection | Disconnect-GradientIntegration -ErrorAction SilentlyContinue
        $emulator | Stop-GradientEmulator
    }

    It 'says organization, host, the last four of the partner key and status, and nothing more of any key' {
        $null = Connect-GradientIntegration @keys -InformationVariable info
        $line = "$(@($info)[0].MessageData)"
        @($info).Count | Should -Be 1
        @($info)[0].Tags | Should -Contain 'PSHOST'
        $integration = Get-GradientIntegration
        $line | Should -Match ([regex]::Escape("'$($integration.Name)'"))
        $line | Should -Match ([regex]::Escape($emulator.BaseUri.Authority))
        $line | Should -Match ([regex]::Escape('****' + $emulator.PartnerKey.Substring($emulator.PartnerKey.Length - 4)))
        $line | Should -Match 'status: pending'
        $line | Should -Not -Match ([regex]::Escape($emulator.PartnerKey.Substring(0, $emulator.PartnerKey.Length - 4)))
        $line | Should -Not -Match ([regex]::Escape($emulator.VendorKey))
        foreach ($width in 5..8) {
            $line | Should -Not -Match ([regex]::Escape($emulator.PartnerKey.Substring($emulator.PartnerKey.Length - $width))) -Because 'only the last four characters may show'
        }
    }

    It 'is not pipeline output and is silenced by -NoWelcome' {
        $connection = Connect-GradientIntegration @keys -PassThru -NoWelcome -InformationVariable info
        @($connection).Count | Should -Be 1
        $connection | Should -BeOfType ([GradientMsp.Commands.GradientConnection])
        @($info).Count | Should -Be 0
    }

    It 'shows by default in a host and is silenced by -InformationAction Ignore, 6>$null and -NoWelcome' {
        $probe = Join-Path $TestDrive 'welcome.ps1'
        Set-Content -Path $probe -Value @"
Import-Module GradientMsp
`$k = @{ VendorApiKey = '$($emulator.VendorKey)'; PartnerApiKey = '$($emulator.PartnerKey)'; BaseUri = '$($emulator.BaseUri)' }
'default:'; Connect-GradientIntegration @k
'ignore:'; Connect-GradientIntegration @k -InformationAction Ignore
'redirected:'; Connect-GradientIntegration @k 6>`$null
'nowelcome:'; Connect-GradientIntegration @k -NoWelcome
'end'
"@
        $output = @(Invoke-FreshPwsh @('-NoProfile', '-NonInteractive', '-File', $probe) 2>&1 | ForEach-Object { "$_" })
        $text = $output -join "`n"
        $text | Should -Match "default:\n[^\n]*Connected to [^\n]*\nignore:\nredirected:\nnowelcome:\nend"
    }
}

# Keys that can never be Gradient keys fail before anything is sent, with an id a script can match.
Describe 'Connect-GradientIntegration with keys that cannot be keys' {
    BeforeAll {
        . $PSScriptRoot/common.ps1
    }

    It 'refuses a vendor key <Case> as InvalidApiKey (InvalidArgument) without echoing it' -ForEach @(
        @{ Case = "containing ':'"; Vendor = 'vendor:key'; Partner = 'pk' }
        @{ Case = 'of only spaces'; Vendor = '    '; Partner = 'pk' }
        @{ Case = '(partner) of only spaces'; Vendor = 'vk'; Partner = '   ' }
        @{ Case = 'far too long (as a SecureString)'; Vendor = (New-Object string 'k', 5000); Partner = 'pk'; Secure = $true }
    ) {
        $vendorKey = $Vendor
        if ($Secure) {
            $vendorKey = New-Object Security.SecureString
            foreach ($c in $Vendor.ToCharArray()) { $vendorKey.AppendChar($c) }
        }
        $failure = $null
        try {
            Connect-GradientIntegration -VendorApiKey $vendorKey -PartnerApiKey $Partner -BaseUri 'https://gradient.invalid' -ErrorAction Stop
        }
        catch {
            $failure = $_
        }
        $failure | Should -Not -BeNullOrEmpty
        $failure.FullyQualifiedErrorId | Should -Be 'InvalidApiKey,GradientMsp.Commands.ConnectGradientIntegrationCommand'
        $failure.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $failure.ErrorDetails.RecommendedAction | Should -Match "':'"
        if ($Vendor.Trim().Length -gt 2) { "$failure" | Should -Not -Match ([regex]::Escape($Vendor.Trim())) }
        @(Get-GradientConnection).Count | Should -Be 0
    }

    It 'refuses a 1 MB key given as a string with a message that says so, not a SecureString capacity error' {
        $huge = New-Object string 'k', (1024 * 1024)
        $failure = $null
        try {
            Connect-GradientIntegration -VendorApiKey $huge -PartnerApiKey 'pk' -BaseUri 'https://gradient.invalid' -ErrorAction Stop
        }
        catch {
            $failure = $_
        }
        $failure.FullyQualifiedErrorId | Should -Be 'ParameterArgumentTransformationError,GradientMsp.Commands.ConnectGradientIntegrationCommand'
        $failure.CategoryInfo.Category | Should -Be 'InvalidData'
        "$failure" | Should -Match '1048576 characters long'
        "$failure" | Should -Not -Match 'Capacity'
    }
}
