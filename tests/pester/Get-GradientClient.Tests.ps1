. $PSScriptRoot/common.ps1

Describe 'Get-GradientClient' {
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

    It 'says it is deprecated in its synopsis' {
        (Get-Help Get-GradientClient).Synopsis | Should -Match 'DEPRECATED'
    }

    It 'fails the whole call when there is no connection' {
        { Get-GradientClient -ErrorAction Stop -WarningAction SilentlyContinue } | Should -Throw -ErrorId 'NotConnected,GradientMsp.Commands.GetGradientClientCommand'
    }

    Context 'connected' {
        BeforeAll { $script:connection = Connect-FakeGradient $script:fake }
        BeforeEach { Clear-FakeRequest $script:fake }

        It 'warns once and writes each client as an object of its raw fields, nested ones included' {
            $clients = Get-GradientClient -WarningVariable warnings -WarningAction SilentlyContinue
            $warnings.Count | Should -Be 1
            $clients.Count | Should -Be 1
            $clients[0].id | Should -Be 'c1'
            $clients[0].address.city | Should -Be 'Seattle'
            $clients[0].tags | Should -Be @('a', 'b')
            $clients[0].address.GetType().FullName | Should -Be 'System.Management.Automation.PSCustomObject'
        }

        It 'sends -Search and -PreviousId as the query' {
            $null = Get-GradientClient -Search 'Con toso' -PreviousId c1 -WarningAction SilentlyContinue
            (Get-FakeRequest $fake).Path | Should -Be '/api/vendor-api/organization/clients?search=Con%20toso&previousId=c1'
        }
    }
}
