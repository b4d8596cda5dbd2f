. $PSScriptRoot/common.ps1

Describe 'Get-GradientAlertTicket' {
    BeforeAll {
        . $PSScriptRoot/common.ps1
        . $PSScriptRoot/FakeGradient.ps1
        Get-GradientConnection | Disconnect-GradientIntegration -KeepStatus
        $script:fake = Start-FakeGradient -Routes (Get-StandardFakeRoutes)
    }

    AfterAll {
        Get-GradientConnection | Disconnect-GradientIntegration -KeepStatus
        Stop-FakeGradient $script:fake
    }

    It 'takes a mandatory -MessageId by property name and limits the wait settings' {
        $command = Get-Command Get-GradientAlertTicket
        $messageId = $command.Parameters['MessageId'].ParameterSets['__AllParameterSets']
        $messageId.IsMandatory | Should -BeTrue
        $messageId.ValueFromPipelineByPropertyName | Should -BeTrue
        { Get-GradientAlertTicket -MessageId m -PollIntervalSec 0.05 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,GradientMsp.Commands.GetGradientAlertTicketCommand'
        { Get-GradientAlertTicket -MessageId m -PollIntervalSec 61 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,GradientMsp.Commands.GetGradientAlertTicketCommand'
        { Get-GradientAlertTicket -MessageId m -TimeoutSec 0 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,GradientMsp.Commands.GetGradientAlertTicketCommand'
    }

    It 'fails the whole call when there is no connection' {
        { Get-GradientAlertTicket -MessageId m-ok -ErrorAction Stop } | Should -Throw -ErrorId 'NotConnected,GradientMsp.Commands.GetGradientAlertTicketCommand'
    }

    Context 'connected' {
        BeforeAll { $script:connection = Connect-FakeGradient $script:fake }
        BeforeEach { Clear-FakeRequest $script:fake }

        It 'returns a settled ticket' {
            $ticket = Get-GradientAlertTicket -MessageId m-ok
            $ticket.Status | Should -Be 'success'
            $ticket.TicketId | Should -Be 'T-100'
        }

        It 'returns a pending ticket at once without -Wait' {
            (Get-GradientAlertTicket -MessageId m-pending).Status | Should -Be 'pending'
            (Get-FakeRequest $fake).Count | Should -Be 1
        }

        It 'turns a failed ticket into AlertTicketFailed with Gradient''s errors in the message' {
            $result = Get-GradientAlertTicket -MessageId m-failed -ErrorAction SilentlyContinue -ErrorVariable failures
            $result | Should -BeNullOrEmpty
            $failures[0].FullyQualifiedErrorId | Should -Be 'AlertTicketFailed,GradientMsp.Commands.GetGradientAlertTicketCommand'
            $failures[0].TargetObject | Should -Be 'm-failed'
            $failures[0].Exception.Message | Should -Match 'Service not mapped to a board'
        }

        It 'follows receipts piped from Send-GradientAlert with -Wait' {
            $ticket = Send-GradientAlert -AccountId a1 -Title t -Description d | Get-GradientAlertTicket -Wait -PollIntervalSec 0.1
            $ticket.TicketId | Should -Be 'T-100'
        }

        It 'polls until settled' {
            $fake.Routes['GET /api/vendor-api/alerting/debug/m-later'] = @{ Status = 200; Body = '{"status":"pending"}' }
            $job = Start-ThreadJob -ArgumentList $fake.Routes {
                param($routes)
                Start-Sleep -Milliseconds 700
                $routes['GET /api/vendor-api/alerting/debug/m-later'] = @{ Status = 200; Body = '{"status":"success","ticketId":"T-7"}' }
            }
            try {
                $ticket = Get-GradientAlertTicket -MessageId m-later -Wait -PollIntervalSec 0.1 -TimeoutSec 20
                $ticket.TicketId | Should -Be 'T-7'
                (Get-FakeRequest $fake).Count | Should -BeGreaterThan 2
            }
            finally {
                $job | Remove-Job -Force
            }
        }

        It 'ends with AlertTicketTimeout and the last status seen, on time' {
            $clock = [System.Diagnostics.Stopwatch]::StartNew()
            Get-GradientAlertTicket -MessageId m-pending -Wait -TimeoutSec 1 -PollIntervalSec 0.2 -ErrorAction SilentlyContinue -ErrorVariable failures
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 5
            $failures[0].FullyQualifiedErrorId | Should -Be 'AlertTicketTimeout,GradientMsp.Commands.GetGradientAlertTicketCommand'
            $failures[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
            $failures[0].Exception.Message | Should -Match "'pending'"
        }

        It 'keeps waiting while the message is not found yet, and times out saying so' {
            Get-GradientAlertTicket -MessageId m-unknown -Wait -TimeoutSec 1 -PollIntervalSec 0.3 -ErrorAction SilentlyContinue -ErrorVariable failures
            $failures[0].FullyQualifiedErrorId | Should -Be 'AlertTicketTimeout,GradientMsp.Commands.GetGradientAlertTicketCommand'
            $failures[0].Exception.Message | Should -Match 'not found yet'
        }

        It 'stops waiting at once when the pipeline is stopped (Ctrl+C)' {
            $ps = [powershell]::Create()
            $null = $ps.AddScript({
                    param($connection)
                    $ProgressPreference = 'SilentlyContinue'
                    Get-GradientAlertTicket -MessageId m-pending -Wait -TimeoutSec 600 -PollIntervalSec 30 -Connection $connection
                }).AddArgument($connection)
            try {
                $async = $ps.BeginInvoke()
                # Stop only once it is really waiting: its first check has reached the server.
                $deadline = [datetime]::UtcNow.AddSeconds(20)
                while (-not (Get-FakeRequest $fake | Where-Object Path -Like '*/m-pending') -and [datetime]::UtcNow -lt $deadline) {
                    Start-Sleep -Milliseconds 50
                }
                Get-FakeRequest $fake | Where-Object Path -Like '*/m-pending' | Should -Not -BeNullOrEmpty
                Start-Sleep -Milliseconds 200
                $clock = [System.Diagnostics.Stopwatch]::StartNew()
                $ps.Stop()
                $clock.Elapsed.TotalSeconds | Should -BeLessThan 5
                $async.IsCompleted | Should -BeTrue
            }
            finally {
                $ps.Dispose()
            }
        }
    }
}
