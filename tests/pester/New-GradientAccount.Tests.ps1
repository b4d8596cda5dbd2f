. $PSScriptRoot/common.ps1

Describe 'New-GradientAccount' {
    BeforeAll {
        . $PSScriptRoot/common.ps1
        . $PSScriptRoot/FakeGradient.ps1
        Get-GradientConnection | Disconnect-GradientIntegration -KeepStatus
        $script:fake = Start-FakeGradient -Routes (Get-StandardFakeRoutes)

        function Get-Posts { @(Get-FakeRequest $script:fake | Where-Object Method -EQ 'POST') }
    }

    AfterAll {
        Get-GradientConnection | Disconnect-GradientIntegration -KeepStatus
        Stop-FakeGradient $script:fake
    }

    It 'binds -Id, -Name, -Description and -IsArrears by property name; -Id and -Name are mandatory' {
        $command = Get-Command New-GradientAccount
        foreach ($name in 'Id', 'Name', 'Description', 'IsArrears') {
            $command.Parameters[$name].ParameterSets['__AllParameterSets'].ValueFromPipelineByPropertyName | Should -BeTrue
        }
        $command.Parameters['Id'].ParameterSets['__AllParameterSets'].IsMandatory | Should -BeTrue
        $command.Parameters['Name'].ParameterSets['__AllParameterSets'].IsMandatory | Should -BeTrue
        $command.Parameters['Id'].Aliases | Should -Contain 'AccountId'
    }

    It 'limits -BatchSize to 1..1000' {
        { New-GradientAccount -Id a -Name b -BatchSize 0 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,GradientMsp.Commands.NewGradientAccountCommand'
        { New-GradientAccount -Id a -Name b -BatchSize 1001 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,GradientMsp.Commands.NewGradientAccountCommand'
    }

    It 'fails the whole call when there is no connection' {
        { New-GradientAccount -Id a9 -Name x -ErrorAction Stop } | Should -Throw -ErrorId 'NotConnected,GradientMsp.Commands.NewGradientAccountCommand'
    }

    Context 'connected' {
        BeforeAll {
            $script:connection = Connect-FakeGradient $script:fake
            $script:csv = Join-Path $TestDrive 'accounts.csv'
            @(
                'Id,Name,Description,IsArrears'
                'a1,Contoso,already there,'
                'n1,North Wind,,false'
                'n2,Tailspin,,yes'
                'n1,North Wind again,,'
                'n3,Wide World,,'
                'n4,Woodgrove,,'
                'n5,Litware,,'
            ) | Set-Content $csv
        }

        BeforeEach { Clear-FakeRequest $script:fake }

        It 'sends nothing at all with -WhatIf' {
            Import-Csv $csv | New-GradientAccount -WhatIf -ErrorAction SilentlyContinue
            Get-FakeRequest $fake | Should -BeNullOrEmpty
        }

        It 'reads the existing accounts once and sends the new ones in batches' {
            $created = Import-Csv $csv | New-GradientAccount -BatchSize 2 -ErrorAction SilentlyContinue -ErrorVariable failures
            $requests = Get-FakeRequest $fake
            @($requests | Where-Object Method -EQ 'GET').Count | Should -Be 1
            $posts = Get-Posts
            $posts.Count | Should -Be 3
            $sent = $posts | ForEach-Object { $_.Body | ConvertFrom-Json } | ForEach-Object { $_ }
            $sent.id | Should -Be @('n1', 'n2', 'n3', 'n4', 'n5')
            $created.Id | Should -Be @('n1', 'n2', 'n3', 'n4', 'n5')
        }

        It 'writes AccountExists (ResourceExists, target the id) for existing and repeated ids, and does not send them' {
            $null = Import-Csv $csv | New-GradientAccount -ErrorAction SilentlyContinue -ErrorVariable failures
            $failures.Count | Should -Be 2
            $failures | ForEach-Object {
                $_.FullyQualifiedErrorId | Should -Be 'AccountExists,GradientMsp.Commands.NewGradientAccountCommand'
                $_.CategoryInfo.Category | Should -Be 'ResourceExists'
            }
            @($failures.TargetObject | Sort-Object) | Should -Be @('a1', 'n1')
            (Get-Posts).Count | Should -Be 1
            ((Get-Posts)[0].Body | ConvertFrom-Json).id | Should -Not -Contain 'a1'
        }

        It 'turns CSV booleans into JSON booleans and leaves empty ones out' {
            $null = Import-Csv $csv | New-GradientAccount -ErrorAction SilentlyContinue
            $sent = ((Get-Posts)[0].Body | ConvertFrom-Json -AsHashtable)
            ($sent | Where-Object { $_.id -eq 'n1' }).isArrears | Should -BeExactly $false
            ($sent | Where-Object { $_.id -eq 'n2' }).isArrears | Should -BeExactly $true
            ($sent | Where-Object { $_.id -eq 'n3' }).Keys | Should -Not -Contain 'isArrears'
            ($sent | Where-Object { $_.id -eq 'n3' }).description | Should -BeExactly ''
        }

        It 'refuses a value that is not a boolean for -IsArrears' {
            { New-GradientAccount -Id x -Name y -IsArrears maybe -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentTransformationError,GradientMsp.Commands.NewGradientAccountCommand'
        }

        It 'writes one error per row of a failed batch, targeted at the row, and still sends the other batches' {
            $fake.Routes['POST /api/vendor-api/organization/accounts'] = @{ Status = 400; Body = '{"statusCode":400,"message":"Bad batch"}' }
            try {
                $null = 'n1', 'n2', 'n3' | ForEach-Object { [pscustomobject]@{ Id = $_; Name = "Name $_" } } |
                    New-GradientAccount -BatchSize 2 -ErrorAction SilentlyContinue -ErrorVariable failures
                (Get-Posts).Count | Should -Be 2
                $failures.Count | Should -Be 3
                $failures.TargetObject | Should -Be @('n1', 'n2', 'n3')
                $failures[0].FullyQualifiedErrorId | Should -Be 'InvalidRequest,GradientMsp.Commands.NewGradientAccountCommand'
            }
            finally {
                $fake.Routes['POST /api/vendor-api/organization/accounts'] = (Get-StandardFakeRoutes)['POST /api/vendor-api/organization/accounts']
            }
        }

        It 'ends the command when the existing accounts cannot be read' {
            $fake.Routes['GET /api/vendor-api/organization/accounts'] = @{ Status = 401; Body = '{"statusCode":401,"message":"Unauthorized"}' }
            try {
                { New-GradientAccount -Id n9 -Name x -ErrorAction Stop } | Should -Throw -ErrorId 'AuthenticationFailed,GradientMsp.Commands.NewGradientAccountCommand'
                Get-Posts | Should -BeNullOrEmpty
            }
            finally {
                $fake.Routes['GET /api/vendor-api/organization/accounts'] = (Get-StandardFakeRoutes)['GET /api/vendor-api/organization/accounts']
            }
        }
    }
}
