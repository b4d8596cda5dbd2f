# The emulator cmdlets, and the module's API cmdlets end to end against one emulator: Start,
# every vendor-side cmdlet at least once, the partner's side (mapping, finish, billing, key
# regeneration, disconnect), faults and the request log, then Stop leaving no process behind.
Describe 'Emulator cmdlets' {
    BeforeAll {
        . $PSScriptRoot/common.ps1
        $script:emulator = Start-GradientEmulator -RateLimit 0 -Connect
        function Test-ProcessAlive([int] $Id) {
            $process = Get-Process -Id $Id -ErrorAction SilentlyContinue
            [bool] ($process -and -not $process.HasExited)
        }
    }

    AfterAll {
        Stop-GradientEmulator -All -Confirm:$false
    }

    Context 'Start-GradientEmulator' {
        It 'returns a running emulator on loopback, remembered in the session, and connects to it' {
            $emulator.IsRunning | Should -BeTrue
            $emulator.BaseUri.Host | Should -Be '127.0.0.1'
            $emulator.ApiBaseUri.AbsolutePath | Should -Be '/api/vendor-api'
            $emulator.VendorKey | Should -Not -BeNullOrEmpty
            $emulator.PartnerKey | Should -Not -BeNullOrEmpty
            Test-ProcessAlive $emulator.ProcessId | Should -BeTrue
            (Get-GradientEmulator).ProcessId | Should -Be $emulator.ProcessId
            $emulator.Connection.IsEmulator | Should -BeTrue
            $emulator.Connection.Status | Should -Be 'pending'
            (Get-GradientConnection -Current).Id | Should -Be $emulator.Connection.Id
        }

        It 'serves the local Synthesize pages at PortalUri, the first-run page linking the checklist' {
            $emulator.PortalUri.AbsoluteUri | Should -Be ($emulator.BaseUri.AbsoluteUri.TrimEnd('/') + '/synthesize/')
            $page = Invoke-WebRequest -Uri $emulator.PortalUri -UseBasicParsing
            $page.StatusCode | Should -Be 200
            $page.Content | Should -Match 'This is a local Synthesize'
            $page.Content | Should -Match 'href="/synthesize/checklist"'
        }

        It 'keeps the test keys out of the default view' {
            $shown = $emulator | Out-String
            $shown | Should -Not -Match ([regex]::Escape($emulator.VendorKey))
            $shown | Should -Not -Match ([regex]::Escape($emulator.PartnerKey))
            (Get-GradientEmulatorPartner | Out-String) | Should -Not -Match ([regex]::Escape($emulator.PartnerKey))
        }
    }

    Context 'the module''s API cmdlets end to end' {
        It 'sets up the vendor: portal URL, services, organization services' {
            Set-GradientVendor -IntegrationPortalUrl 'https://portal.example.com/gradient' -Confirm:$false
            (Get-GradientVendor).IntegrationPortalUrl | Should -Be 'https://portal.example.com/gradient'
            $null = New-GradientService -Name 'E2E Endpoint' -Description 'seats' -Category security -Subcategory 'endpoint detection and response (EDR)' -Confirm:$false
            $service = Get-GradientService -Name 'E2E Endpoint'
            $service.Id | Should -Not -BeNullOrEmpty
            Set-GradientService -Id $service.Id -Description 'endpoint seats' -Confirm:$false
            $null = New-GradientOrganizationService -Id 'e2e-org-svc' -Name 'E2E Backup' -Description 'backup' -Confirm:$false
            Set-GradientOrganizationService -Id 'e2e-org-svc' -Description 'workstation backup' -Confirm:$false
            (Get-GradientOrganizationService -Id 'e2e-org-svc').Description | Should -Be 'workstation backup'
            $script:serviceId = $service.Id
        }

        It 'creates and updates accounts, reads clients, integration and status' {
            $null = New-GradientAccount -Id 'e2e-1' -Name 'E2E One' -Confirm:$false
            $null = New-GradientAccount -Id 'e2e-2' -Name 'E2E Two' -Confirm:$false
            Set-GradientAccount -Id 'e2e-2' -Name 'E2E Two (renamed)' -Confirm:$false
            @(Get-GradientAccount).Count | Should -Be 2
            (Get-GradientAccount -Id 'e2e-2').Name | Should -Be 'E2E Two (renamed)'
            $null = Get-GradientClient
            (Set-GradientStatus -Status pending -PassThru -Confirm:$false).Status | Should -Be 'pending'
            (Get-GradientIntegration).Status | Should -Be 'pending'
        }

        It 'plays the partner: the wizard lights Next, mapping, Finish' {
            $wizard = Get-GradientEmulatorWizard
            $wizard.NextEnabled | Should -BeTrue
            $wizard.AccountsReceived | Should -Be 2
            $wizard.ServicesReceived | Should -Be 2
            Set-GradientEmulatorMapping -AccountId 'e2e-1' -PsaClientName 'Contoso Ltd' -Confirm:$false
            $psa = Get-GradientEmulatorPsa
            Set-GradientEmulatorMapping -ServiceId $serviceId -PsaServiceId ($psa.Services | Where-Object Name -EQ 'Endpoint Protection').Id -Confirm:$false
            Set-GradientEmulatorMapping -ServiceId 'e2e-org-svc' -PsaServiceName 'Cloud Backup' -Confirm:$false
            $accounts = @(Get-GradientEmulatorMapping -Account)
            ($accounts | Where-Object AccountId -EQ 'e2e-1').PsaClientName | Should -Be 'Contoso Ltd'
            ($accounts | Where-Object AccountId -EQ 'e2e-2').PsaClientId | Should -BeNullOrEmpty
            @(Get-GradientEmulatorMapping -Service | Where-Object PsaServiceId).Count | Should -Be 2
            (Complete-GradientEmulatorSetup -PassThru -Confirm:$false).SetupFinished | Should -BeTrue
        }

        It 'pushes usage: mapped pairs land on the Billing page beside the PSA quantity, unmapped ones are 404' {
            $rows = @(
                [pscustomobject]@{ AccountId = 'e2e-1'; ServiceName = 'E2E Endpoint'; UnitCount = 20 }
                [pscustomobject]@{ AccountId = 'e2e-1'; ServiceId = 'e2e-org-svc'; UnitCount = 10 }
                [pscustomobject]@{ AccountId = 'e2e-2'; ServiceName = 'E2E Endpoint'; UnitCount = 7 }
            )
            $summary = $rows | Sync-GradientUsage -Summary -Confirm:$false | Where-Object { $_.PSObject.Properties['Pushed'] }
            $summary.Pushed | Should -Be 2
            $summary.Unmapped | Should -Be 1
            $cards = @(Get-GradientEmulatorBilling)
            $endpoint = $cards | Where-Object { $_.AccountId -eq 'e2e-1' -and $_.ServiceId -eq $serviceId }
            $endpoint.PsaQuantity | Should -Be 25
            $endpoint.ImportedQuantity | Should -Be 20
            $endpoint.State | Should -Be 'Reconcile'
            ($cards | Where-Object { $_.ServiceId -eq 'e2e-org-svc' }).State | Should -Be 'NoChange'
            @($cards | Where-Object AccountId -EQ 'e2e-2').Count | Should -Be 0
            (Get-GradientEmulatorBilling -Page).PendingBuild | Should -BeFalse
            (Get-GradientIntegration).Status | Should -Be 'active'
        }

        It 'sends an alert that becomes a PSA ticket' {
            $receipt = Send-GradientAlert -AccountId 'e2e-1' -Title 'Disk full' -Description 'C: is full' -ServiceId $serviceId -Confirm:$false
            $receipt.MessageId | Should -Not -BeNullOrEmpty
            $ticket = Get-GradientAlertTicket -MessageId $receipt.MessageId -Wait -TimeoutSec 20 -PollIntervalSec 0.2
            $ticket.Status | Should -Be 'success'
            $ticket.TicketId | Should -Not -BeNullOrEmpty
        }

        It 'shows what happened in the state and the request log' {
            $state = Get-GradientEmulatorState -OrganizationId default
            $state.Vendor.IntegrationPortalUrl | Should -Be 'https://portal.example.com/gradient'
            @($state.Partners[0].Accounts).Count | Should -Be 2
            @($state.Partners[0].Tickets).Count | Should -Be 1
            $notMapped = @(Get-GradientEmulatorRequestLog -Path '/count' -StatusCode 404)
            $notMapped.Count | Should -Be 1
            $last = Get-GradientEmulatorRequestLog -Last 1
            @(Get-GradientEmulatorRequestLog -Since ($last.Index + 1)).Count | Should -Be 0
        }
    }

    Context 'faults' {
        It 'answers matching requests with the injected status, then stops when cleared' {
            $fault = Add-GradientEmulatorFault -Path '/organization' -Method GET -StatusCode 403 -Message 'anomaly detected' -Confirm:$false
            $fault.Kind | Should -Be 'status'
            @(Get-GradientEmulatorFault).Count | Should -Be 1
            { Get-GradientIntegration -ErrorAction Stop } | Should -Throw -ErrorId 'PermissionDenied,GradientMsp.Commands.GetGradientIntegrationCommand'
            (Get-GradientEmulatorRequestLog -Path '/organization' -Last 1).Fault | Should -Be $fault.Id
            Get-GradientEmulatorFault | Clear-GradientEmulatorFault -Confirm:$false
            @(Get-GradientEmulatorFault).Count | Should -Be 0
            (Get-GradientIntegration).Status | Should -Be 'active'
        }

        It 'takes latency alone without asking for a status code (the help example, as written)' {
            # Pester runs -NonInteractive, so a prompt for a mandatory -StatusCode would fail this test.
            $fault = Add-GradientEmulatorFault -LatencyMs 20 -Count 1
            $fault.Kind | Should -Be 'latency'
            $fault.LatencyMs | Should -Be 20
            $fault.Remaining | Should -Be 1
            Get-GradientEmulatorFault | Clear-GradientEmulatorFault -Confirm:$false
        }

        It 'makes each create once when its answer is lost after the emulator acted (-DropAnswer)' {
            $since = (Get-GradientEmulatorRequestLog -Last 1).Index + 1
            $null = Add-GradientEmulatorFault -Path '/service' -Method POST -DropAnswer -Count 1
            $created = New-GradientService -Name 'Lost Answer Service' -Description 'd' -Category backup -Subcategory 'cloud backup' -Confirm:$false
            $created.Name | Should -Be 'Lost Answer Service'
            @(Get-GradientService -Name 'Lost Answer Service').Count | Should -Be 1

            $null = Add-GradientEmulatorFault -Path '/organization/services' -Method POST -DropAnswer -Count 1
            $made = New-GradientOrganizationService -Id 'lost-answer-org' -Name 'Lost Answer Org' -Description 'd' -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable orgFailures
            $orgFailures.Count | Should -Be 0 -Because 'the service the lost attempt made is reported as created, not AlreadyExists'
            $made.Id | Should -Be 'lost-answer-org'

            $null = Add-GradientEmulatorFault -Path '/alerting/*' -Method POST -DropAnswer -Count 1
            $receipt = Send-GradientAlert -AccountId 'e2e-1' -Title 'Lost' -Description 'answer lost' -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable alertFailures
            $receipt | Should -BeNullOrEmpty
            $alertFailures[0].FullyQualifiedErrorId | Should -Be 'OutcomeUnknown,GradientMsp.Commands.SendGradientAlertCommand'

            $posts = @(Get-GradientEmulatorRequestLog -Since $since -Method POST)
            @($posts | Where-Object Path -EQ '/api/vendor-api/service').Count | Should -Be 1
            @($posts | Where-Object Path -EQ '/api/vendor-api/organization/services').Count | Should -Be 1
            @($posts | Where-Object Path -EQ '/api/vendor-api/alerting/e2e-1').Count | Should -Be 1 -Because 'an alert that may have been delivered is not sent again (one PSA ticket)'
            Get-GradientEmulatorFault | Clear-GradientEmulatorFault -Confirm:$false
        }

        It 'reports an unknown fault id' {
            { Clear-GradientEmulatorFault -Id 'nope' -Confirm:$false -ErrorAction Stop } |
                Should -Throw -ErrorId 'EmulatorActionFailed,GradientMsp.Commands.ClearGradientEmulatorFaultCommand'
        }
    }

    Context 'the partner''s key and connection' {
        It 'a regenerated key makes the old token fail and keeps the accounts; -Emulator reconnects with the new one' {
            $oldKey = $emulator.PartnerKey
            $partner = New-GradientEmulatorPartnerKey -Confirm:$false
            $partner.PartnerKey | Should -Not -Be $oldKey
            $emulator.PartnerKey | Should -Be $partner.PartnerKey
            { Get-GradientIntegration -ErrorAction Stop } | Should -Throw -ErrorId 'AuthenticationFailed,GradientMsp.Commands.GetGradientIntegrationCommand'
            $null = Connect-GradientIntegration -Emulator $emulator -Confirm:$false
            @(Get-GradientAccount).Count | Should -Be 2
        }

        It 'a partner disconnect deletes the accounts; connecting again needs the partner first' {
            Disconnect-GradientIntegration -Confirm:$false
            $result = Disconnect-GradientEmulatorPartner -Confirm:$false
            $result.DeletedAccounts | Should -Be 2
            $result.Status | Should -Be 'inactive'
            $emulator.PartnerKey | Should -BeNullOrEmpty
            { Connect-GradientIntegration -Emulator $emulator -ErrorAction Stop } | Should -Throw -ErrorId 'NotConnected,GradientMsp.Commands.ConnectGradientIntegrationCommand'
            $partner = Connect-GradientEmulatorPartner -Confirm:$false
            $partner.Connected | Should -BeTrue
            $partner.Status | Should -Be 'inactive'
            (Connect-GradientIntegration -Emulator $emulator -PassThru -Confirm:$false).Status | Should -Be 'pending'
            (Get-GradientEmulatorWizard).AccountsReceived | Should -Be 0
        }

        It 'Finish is refused while Next is dark' {
            Set-GradientStatus -Status inactive -Confirm:$false
            { Complete-GradientEmulatorSetup -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'EmulatorActionFailed,GradientMsp.Commands.CompleteGradientEmulatorSetupCommand'
        }

        It 'Connect-GradientIntegration with no keys at all connects to the running emulator' {
            $saved = @{}
            foreach ($name in 'GRADIENT_VENDOR_API_KEY', 'GRADIENT_PARTNER_API_KEY', 'GRADIENT_BASE_URI') {
                $saved[$name] = [Environment]::GetEnvironmentVariable($name)
                [Environment]::SetEnvironmentVariable($name, $null)
            }
            try {
                $connection = Connect-GradientIntegration -PassThru -Confirm:$false -WarningAction SilentlyContinue
                $connection.BaseUri | Should -Be $emulator.BaseUri
                $connection.IsEmulator | Should -BeTrue
            }
            finally {
                foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
            }
        }

        It 'Reset-GradientEmulator empties the state and keeps the keys' {
            Reset-GradientEmulator -Confirm:$false
            $state = Get-GradientEmulatorState
            @($state.Vendor.Skus).Count | Should -Be 0
            (Get-GradientEmulatorPartner).PartnerKey | Should -Be $emulator.PartnerKey
            @(Get-GradientEmulatorRequestLog).Count | Should -Be 0
        }
    }

    Context 'Stop-GradientEmulator' {
        It 'stops the process, saves the state file, and a later start continues from it' {
            $file = Join-Path $TestDrive 'state.json'
            $second = Start-GradientEmulator -StateFile $file -NoSeed -RateLimit 0
            $second.StateFile | Should -Be $file
            (Get-GradientEmulator).ProcessId | Should -Be $second.ProcessId
            Set-GradientEmulatorMapping -Emulator $second -AccountId 'missing' -PsaClientName 'x' -ErrorAction SilentlyContinue -ErrorVariable refused -Confirm:$false
            $refused.Count | Should -Be 1
            $null = Connect-GradientIntegration -Emulator $second -Confirm:$false
            Set-GradientVendor -IntegrationPortalUrl 'https://kept.example.com/' -Confirm:$false
            $processId = $second.ProcessId
            Stop-GradientEmulator -Emulator $second -Confirm:$false
            Test-ProcessAlive $processId | Should -BeFalse
            $second.IsRunning | Should -BeFalse
            (Get-GradientConnection | Where-Object { $_.BaseUri -eq $second.BaseUri }) | Should -BeNullOrEmpty
            Test-Path $file | Should -BeTrue
            (Get-GradientEmulator).ProcessId | Should -Be $emulator.ProcessId

            $third = Start-GradientEmulator -StateFile $file -RateLimit 0
            try {
                (Get-GradientEmulatorState -Emulator $third).Vendor.IntegrationPortalUrl | Should -Be 'https://kept.example.com/'
            }
            finally {
                Stop-GradientEmulator -Emulator $third -Confirm:$false
            }
        }

        It 'Stop-GradientEmulator leaves no process behind, and the cmdlets then say no emulator is running' {
            $processId = $emulator.ProcessId
            Stop-GradientEmulator -Confirm:$false
            Test-ProcessAlive $processId | Should -BeFalse
            Get-GradientEmulator | Should -BeNullOrEmpty
            { Get-GradientEmulatorWizard -ErrorAction Stop } | Should -Throw -ErrorId 'EmulatorNotRunning,GradientMsp.Commands.GetGradientEmulatorWizardCommand'
        }
    }
}
