. $PSScriptRoot/common.ps1

Describe 'Set-GradientAccount' {
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

    It 'takes a mandatory -Id from the pipeline by property name (alias AccountId), -NewId only as an argument, and -PassThru' {
        $command = Get-Command Set-GradientAccount
        $id = $command.Parameters['Id'].ParameterSets['__AllParameterSets']
        $id.IsMandatory | Should -BeTrue
        $id.ValueFromPipelineByPropertyName | Should -BeTrue
        $command.Parameters['Id'].Aliases | Should -Contain 'AccountId'
        $command.Parameters['NewId'].ParameterSets['__AllParameterSets'].ValueFromPipelineByPropertyName | Should -BeFalse
        $command.Parameters.Keys | Should -Contain 'PassThru'
        $command.Parameters.Keys | Should -Contain 'WhatIf'
    }

    It 'fails the whole call when there is no connection' {
        { Set-GradientAccount -Id a1 -Name x -ErrorAction Stop } | Should -Throw -ErrorId 'NotConnected,GradientMsp.Commands.SetGradientAccountCommand'
    }

    Context 'connected' {
        BeforeAll { $script:connection = Connect-FakeGradient $script:fake }
        BeforeEach { Clear-FakeRequest $script:fake }

        It 'sends nothing with -WhatIf' {
            Set-GradientAccount -Id a1 -Name 'Contoso Group' -IsActive $false -WhatIf
            Get-FakeRequest $fake | Should -BeNullOrEmpty
        }

        It 'refuses an update with no field, per item' {
            Set-GradientAccount -Id a1 -ErrorAction SilentlyContinue -ErrorVariable failures
            $failures[0].FullyQualifiedErrorId | Should -Be 'InvalidArgument,GradientMsp.Commands.SetGradientAccountCommand'
            $failures[0].TargetObject | Should -Be 'a1'
            Get-FakeRequest $fake | Should -BeNullOrEmpty
        }

        It 'sends only the fields given, renames the id with -NewId, and returns the account with -PassThru' {
            $account = Set-GradientAccount -Id a1 -Name 'Contoso Group' -IsActive $false -NewId contoso.com -PassThru
            $account.Name | Should -Be 'Contoso Group'
            $request = Get-FakeRequest $fake
            $request.Method | Should -Be 'PATCH'
            $request.Path | Should -Be '/api/vendor-api/organization/accounts/a1'
            $body = $request.Body | ConvertFrom-Json -AsHashtable
            @($body.Keys | Sort-Object) | Should -Be @('id', 'isActive', 'name')
            $body.id | Should -Be 'contoso.com'
            $body.isActive | Should -BeExactly $false
        }

        It 'binds -Id from piped accounts and reports a 404 as AccountNotFound for that id, going on' {
            $piped = [pscustomobject]@{ Id = 'gone' }, [pscustomobject]@{ Id = 'a1' }
            $result = $piped | Set-GradientAccount -Description 'checked' -PassThru -ErrorAction SilentlyContinue -ErrorVariable failures
            $result.Id | Should -Be 'a1'
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -Be 'AccountNotFound,GradientMsp.Commands.SetGradientAccountCommand'
            $failures[0].TargetObject | Should -Be 'gone'
        }

        It 'sends only what the command line changes for a piped account, not its own name and description' {
            Get-GradientAccount | Where-Object Id -EQ 'a1' | Set-GradientAccount -Description 'checked'
            $patches = @(Get-FakeRequest $fake | Where-Object Method -EQ 'PATCH')
            $patches.Count | Should -Be 1
            $body = $patches[0].Body | ConvertFrom-Json -AsHashtable
            @($body.Keys) | Should -Be @('description')
            $body.description | Should -Be 'checked'
        }

        It 'a piped account with nothing changed on the command line is an error for it; a CSV row still sends its columns' {
            Get-GradientAccount | Where-Object Id -EQ 'a1' | Set-GradientAccount -ErrorAction SilentlyContinue -ErrorVariable failures
            $failures.FullyQualifiedErrorId | Should -Be 'InvalidArgument,GradientMsp.Commands.SetGradientAccountCommand'
            @(Get-FakeRequest $fake | Where-Object Method -EQ 'PATCH').Count | Should -Be 0
            [pscustomobject]@{ Id = 'a1'; Name = 'Contoso Group' } | Set-GradientAccount
            (@(Get-FakeRequest $fake | Where-Object Method -EQ 'PATCH')[0].Body | ConvertFrom-Json -AsHashtable).Keys | Should -Be @('name')
        }

        It 'gives an id of only dots its own InvalidId error instead of ending the pipeline' {
            $piped = [pscustomobject]@{ Id = '..' }, [pscustomobject]@{ Id = 'a1' }
            $result = $piped | Set-GradientAccount -Description 'checked' -PassThru -ErrorAction SilentlyContinue -ErrorVariable failures
            $result.Id | Should -Be 'a1'
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -Be 'InvalidId,GradientMsp.Commands.SetGradientAccountCommand'
            $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $failures[0].TargetObject | Should -Be '..'
        }
    }
}
