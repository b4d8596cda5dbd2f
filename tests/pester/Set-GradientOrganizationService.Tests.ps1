. $PSScriptRoot/common.ps1

Describe 'Set-GradientOrganizationService' {
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

    It 'takes a mandatory -Id by property name (alias ServiceId) and has -PassThru' {
        $command = Get-Command Set-GradientOrganizationService
        $command.Parameters['Id'].ParameterSets['__AllParameterSets'].IsMandatory | Should -BeTrue
        $command.Parameters['Id'].Aliases | Should -Contain 'ServiceId'
        $command.Parameters.Keys | Should -Contain 'PassThru'
    }

    It 'fails the whole call when there is no connection' {
        { Set-GradientOrganizationService -Id o1 -Name x -ErrorAction Stop } | Should -Throw -ErrorId 'NotConnected,GradientMsp.Commands.SetGradientOrganizationServiceCommand'
    }

    Context 'connected' {
        BeforeAll { $script:connection = Connect-FakeGradient $script:fake }
        BeforeEach { Clear-FakeRequest $script:fake }

        It 'sends nothing with -WhatIf' {
            Get-GradientOrganizationService | Set-GradientOrganizationService -IsActive $false -WhatIf
            @(Get-FakeRequest $fake | Where-Object Method -NE 'GET') | Should -BeNullOrEmpty
        }

        It 'sends only what the command line changes for a piped organization service, not its own name and description' {
            Get-GradientOrganizationService | Set-GradientOrganizationService -IsActive $false
            $patches = @(Get-FakeRequest $fake | Where-Object Method -EQ 'PATCH')
            $patches.Count | Should -Be 1
            $body = $patches[0].Body | ConvertFrom-Json -AsHashtable
            @($body.Keys) | Should -Be @('isActive')
            $body.isActive | Should -BeExactly $false
        }

        It 'updates piped services, reports unknown ids as ServiceNotFound, and returns the result with -PassThru' {
            $result = [pscustomobject]@{ ServiceId = 'o1' }, [pscustomobject]@{ ServiceId = 'o9' } |
                Set-GradientOrganizationService -Name 'Org Renamed' -IsArrears 'true' -PassThru -ErrorAction SilentlyContinue -ErrorVariable failures
            $result.Name | Should -Be 'Org Renamed'
            $failures[0].FullyQualifiedErrorId | Should -Be 'ServiceNotFound,GradientMsp.Commands.SetGradientOrganizationServiceCommand'
            $failures[0].TargetObject | Should -Be 'o9'
            $body = (Get-FakeRequest $fake)[0].Body | ConvertFrom-Json -AsHashtable
            $body.isArrears | Should -BeExactly $true
        }
    }
}
