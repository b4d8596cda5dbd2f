. $PSScriptRoot/common.ps1

Describe 'New-GradientOrganizationService' {
    BeforeAll {
        . $PSScriptRoot/common.ps1
        . $PSScriptRoot/FakeGradient.ps1
        Get-GradientConnection | Disconnect-GradientIntegration -KeepStatus
        $script:fake = Start-FakeGradient -Routes (Get-StandardFakeRoutes)

        function Get-Posts { @(Get-FakeRequest $script:fake | Where-Object Method -EQ 'POST') }
        function New-Row([string] $Id) { [pscustomobject]@{ Id = $Id; Name = "Service $Id"; Description = 'per user' } }
    }

    AfterAll {
        Get-GradientConnection | Disconnect-GradientIntegration -KeepStatus
        Stop-FakeGradient $script:fake
    }

    It 'binds its fields by property name, with -Id and -Name mandatory and -BatchSize limited to 1..1000' {
        $command = Get-Command New-GradientOrganizationService
        $command.Parameters['Id'].ParameterSets['__AllParameterSets'].IsMandatory | Should -BeTrue
        $command.Parameters['Name'].ParameterSets['__AllParameterSets'].IsMandatory | Should -BeTrue
        $command.Parameters['Description'].ParameterSets['__AllParameterSets'].ValueFromPipelineByPropertyName | Should -BeTrue
        { New-GradientOrganizationService -Id a -Name b -BatchSize 5000 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,GradientMsp.Commands.NewGradientOrganizationServiceCommand'
    }

    It 'fails the whole call when there is no connection' {
        { New-GradientOrganizationService -Id o5 -Name x -ErrorAction Stop } | Should -Throw -ErrorId 'NotConnected,GradientMsp.Commands.NewGradientOrganizationServiceCommand'
    }

    Context 'connected' {
        BeforeAll { $script:connection = Connect-FakeGradient $script:fake }
        BeforeEach { Clear-FakeRequest $script:fake }

        It 'sends nothing with -WhatIf' {
            'o2', 'o3' | ForEach-Object { New-Row $_ } | New-GradientOrganizationService -WhatIf
            Get-FakeRequest $fake | Should -BeNullOrEmpty
        }

        It 'skips existing and repeated ids with AlreadyExists and batches the rest' {
            $created = 'o1', 'o2', 'o3', 'o2', 'o4' | ForEach-Object { New-Row $_ } |
                New-GradientOrganizationService -BatchSize 2 -ErrorAction SilentlyContinue -ErrorVariable failures
            $created.Id | Should -Be @('o2', 'o3', 'o4')
            (Get-Posts).Count | Should -Be 2
            $failures.FullyQualifiedErrorId | Select-Object -Unique | Should -Be 'AlreadyExists,GradientMsp.Commands.NewGradientOrganizationServiceCommand'
            @($failures.TargetObject | Sort-Object) | Should -Be @('o1', 'o2')
        }

        It 'maps a 409 from Gradient to AlreadyExists for each row of the batch' {
            $fake.Routes['POST /api/vendor-api/organization/services'] = @{ Status = 409; Body = '{"statusCode":409,"message":"A resource with this Id already exists."}' }
            try {
                $null = 'o7', 'o8' | ForEach-Object { New-Row $_ } | New-GradientOrganizationService -ErrorAction SilentlyContinue -ErrorVariable failures
                $failures.Count | Should -Be 2
                $failures.TargetObject | Should -Be @('o7', 'o8')
                $failures | ForEach-Object {
                    $_.FullyQualifiedErrorId | Should -Be 'AlreadyExists,GradientMsp.Commands.NewGradientOrganizationServiceCommand'
                    $_.CategoryInfo.Category | Should -Be 'ResourceExists'
                }
            }
            finally {
                $fake.Routes['POST /api/vendor-api/organization/services'] = (Get-StandardFakeRoutes)['POST /api/vendor-api/organization/services']
            }
        }
    }
}
