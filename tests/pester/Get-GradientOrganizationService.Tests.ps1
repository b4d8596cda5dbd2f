. $PSScriptRoot/common.ps1

Describe 'Get-GradientOrganizationService' {
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

    It 'has the parameter sets ByName (default) and ById (-Id mandatory, by property name, alias ServiceId)' {
        $command = Get-Command Get-GradientOrganizationService
        $command.DefaultParameterSet | Should -Be 'ByName'
        $command.Parameters['Id'].ParameterSets['ById'].IsMandatory | Should -BeTrue
        $command.Parameters['Id'].ParameterSets['ById'].ValueFromPipelineByPropertyName | Should -BeTrue
        $command.Parameters['Id'].Aliases | Should -Contain 'ServiceId'
    }

    It 'fails the whole call when there is no connection' {
        { Get-GradientOrganizationService -ErrorAction Stop } | Should -Throw -ErrorId 'NotConnected,GradientMsp.Commands.GetGradientOrganizationServiceCommand'
    }

    Context 'connected' {
        BeforeAll { $script:connection = Connect-FakeGradient $script:fake }
        BeforeEach { Clear-FakeRequest $script:fake }

        It 'returns the services, with IsMapped' {
            $services = Get-GradientOrganizationService
            $services.Id | Should -Be 'o1'
            $services.IsMapped | Should -BeFalse
        }

        It 'sends -Id as the serviceIds query and reports unknown ids as ServiceNotFound' {
            $found = Get-GradientOrganizationService -Id o1, o9 -ErrorAction SilentlyContinue -ErrorVariable failures
            $found.Id | Should -Be 'o1'
            (Get-FakeRequest $fake).Path | Should -Be '/api/vendor-api/organization/services?serviceIds=o1&serviceIds=o9'
            $failures[0].FullyQualifiedErrorId | Should -Be 'ServiceNotFound,GradientMsp.Commands.GetGradientOrganizationServiceCommand'
            $failures[0].TargetObject | Should -Be 'o9'
        }

        It 'filters by name with wildcards and reports an unmatched plain name' {
            (Get-GradientOrganizationService -Name 'org*').Id | Should -Be 'o1'
            Get-GradientOrganizationService -Name 'Other' -ErrorAction SilentlyContinue -ErrorVariable failures
            $failures[0].FullyQualifiedErrorId | Should -Be 'ServiceNotFound,GradientMsp.Commands.GetGradientOrganizationServiceCommand'
        }
    }
}
