. $PSScriptRoot/common.ps1

Describe 'Get-GradientService' {
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

    It 'has the parameter sets ByName (default, -Name at position 0, wildcards) and ById (-Id mandatory, from the pipeline by property name)' {
        $command = Get-Command Get-GradientService
        $command.DefaultParameterSet | Should -Be 'ByName'
        @($command.ParameterSets.Name | Sort-Object) | Should -Be @('ById', 'ByName')
        $name = $command.Parameters['Name']
        $name.ParameterSets['ByName'].Position | Should -Be 0
        $name.Attributes.Where({ $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }) | Should -Not -BeNullOrEmpty
        $id = $command.Parameters['Id'].ParameterSets['ById']
        $id.IsMandatory | Should -BeTrue
        $id.ValueFromPipelineByPropertyName | Should -BeTrue
        $command.Parameters['Id'].Aliases | Should -Contain 'ServiceId'
    }

    It 'fails the whole call when there is no connection' {
        { Get-GradientService -ErrorAction Stop } | Should -Throw -ErrorId 'NotConnected,GradientMsp.Commands.GetGradientServiceCommand'
    }

    Context 'connected' {
        BeforeAll { $script:connection = Connect-FakeGradient $script:fake }
        BeforeEach { Clear-FakeRequest $script:fake }

        It 'returns every vendor-level service' {
            (Get-GradientService).Id | Should -Be @('s1', 's2')
        }

        It 'filters by name with wildcards, ignoring case' {
            (Get-GradientService -Name '*EDR').Name | Should -Be 'Managed EDR'
            (Get-GradientService -Name 'backup pro').Id | Should -Be 's1'
        }

        It 'reports a plain name that matches nothing as ServiceNotFound, but not a wildcard' {
            $found = Get-GradientService -Name 'Nope', 'Nothing*', 'Backup Pro' -ErrorAction SilentlyContinue -ErrorVariable failures
            $found.Id | Should -Be 's1'
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -Be 'ServiceNotFound,GradientMsp.Commands.GetGradientServiceCommand'
            $failures[0].TargetObject | Should -Be 'Nope'
        }

        It 'fetches by id from the pipeline and reports unknown ids per item' {
            $found = [pscustomobject]@{ ServiceId = 'missing' }, [pscustomobject]@{ Id = 's1' } |
                Get-GradientService -ErrorAction SilentlyContinue -ErrorVariable failures
            $found.Name | Should -Be 'Backup Pro'
            $failures[0].FullyQualifiedErrorId | Should -Be 'ServiceNotFound,GradientMsp.Commands.GetGradientServiceCommand'
            $failures[0].TargetObject | Should -Be 'missing'
            (Get-FakeRequest $fake).Path | Should -Be @('/api/vendor-api/service/missing', '/api/vendor-api/service/s1')
        }
    }
}
