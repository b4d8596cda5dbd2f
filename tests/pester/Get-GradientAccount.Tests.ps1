. $PSScriptRoot/common.ps1

Describe 'Get-GradientAccount' {
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

    It 'has the parameter sets ByName (default) and ById (-Id mandatory, by property name, alias AccountId)' {
        $command = Get-Command Get-GradientAccount
        $command.DefaultParameterSet | Should -Be 'ByName'
        @($command.ParameterSets.Name | Sort-Object) | Should -Be @('ById', 'ByName')
        $command.Parameters['Id'].ParameterSets['ById'].IsMandatory | Should -BeTrue
        $command.Parameters['Id'].ParameterSets['ById'].ValueFromPipelineByPropertyName | Should -BeTrue
        $command.Parameters['Id'].Aliases | Should -Contain 'AccountId'
        $command.Parameters['Name'].ParameterSets.Keys | Should -Be @('ByName')
        { Get-GradientAccount -Id a1 -Name x } | Should -Throw -ErrorId 'AmbiguousParameterSet,GradientMsp.Commands.GetGradientAccountCommand'
    }

    It 'fails the whole call when there is no connection' {
        { Get-GradientAccount -ErrorAction Stop } | Should -Throw -ErrorId 'NotConnected,GradientMsp.Commands.GetGradientAccountCommand'
    }

    It 'fails with NotConnected for a closed connection passed with -Connection' {
        . $PSScriptRoot/FakeGradient.ps1
        $closed = Connect-FakeGradient $script:fake
        Disconnect-GradientIntegration -Connection $closed -KeepStatus
        { Get-GradientAccount -Connection $closed -ErrorAction Stop } | Should -Throw -ErrorId 'NotConnected,GradientMsp.Commands.GetGradientAccountCommand'
    }

    Context 'connected' {
        BeforeAll { $script:connection = Connect-FakeGradient $script:fake }
        BeforeEach { Clear-FakeRequest $script:fake }

        It 'returns every account' {
            (Get-GradientAccount).Id | Should -Be @('a1', 'a2')
        }

        It 'filters by name client-side, with wildcards' {
            (Get-GradientAccount -Name 'fab*').Id | Should -Be 'a2'
            (Get-FakeRequest $fake).Path | Should -Be '/api/vendor-api/organization/accounts'
        }

        It 'sends -Id as the accountIds query and reports ids Gradient does not have, with the id as target' {
            $found = Get-GradientAccount -Id a2, zz -ErrorAction SilentlyContinue -ErrorVariable failures
            $found.Id | Should -Be 'a2'
            (Get-FakeRequest $fake).Path | Should -Be '/api/vendor-api/organization/accounts?accountIds=a2&accountIds=zz'
            $failures[0].FullyQualifiedErrorId | Should -Be 'AccountNotFound,GradientMsp.Commands.GetGradientAccountCommand'
            $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $failures[0].TargetObject | Should -Be 'zz'
        }

        It 'binds -Id from piped objects with an Id or AccountId property' {
            $found = [pscustomobject]@{ AccountId = 'a1' }, [pscustomobject]@{ Id = 'a2' } | Get-GradientAccount
            $found.Id | Should -Be @('a1', 'a2')
        }

        It 'uses the connection given with -Connection' {
            (Get-GradientAccount -Connection $connection).Count | Should -Be 2
        }
    }
}
