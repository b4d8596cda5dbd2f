. $PSScriptRoot/common.ps1

Describe 'Set-GradientService' {
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

    It 'takes a mandatory -Id at position 0 from the pipeline by property name, alias ServiceId' {
        $id = (Get-Command Set-GradientService).Parameters['Id']
        $id.ParameterSets['__AllParameterSets'].IsMandatory | Should -BeTrue
        $id.ParameterSets['__AllParameterSets'].Position | Should -Be 0
        $id.ParameterSets['__AllParameterSets'].ValueFromPipelineByPropertyName | Should -BeTrue
        $id.Aliases | Should -Contain 'ServiceId'
        (Get-Command Set-GradientService).Parameters.Keys | Should -Contain 'PassThru'
    }

    It 'refuses an update with no field, and a misspelled category, before needing a connection' {
        { Set-GradientService -Id s1 -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidArgument,GradientMsp.Commands.SetGradientServiceCommand'
        { Set-GradientService -Id s1 -Category BACKUP -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidCategory,GradientMsp.Commands.SetGradientServiceCommand'
    }

    It 'fails the whole call when there is no connection' {
        { Set-GradientService -Id s1 -Name x -ErrorAction Stop } | Should -Throw -ErrorId 'NotConnected,GradientMsp.Commands.SetGradientServiceCommand'
    }

    Context 'connected' {
        BeforeAll { $script:connection = Connect-FakeGradient $script:fake }
        BeforeEach { Clear-FakeRequest $script:fake }

        It 'sends nothing with -WhatIf' {
            Get-GradientService | Set-GradientService -Description 'x' -WhatIf
            @(Get-FakeRequest $fake | Where-Object Method -NE 'GET') | Should -BeNullOrEmpty
        }

        It 'binds -Id from piped services, goes on after an unknown id, and returns the service with -PassThru' {
            $result = Get-GradientService | Set-GradientService -Description 'New words' -PassThru -ErrorAction SilentlyContinue -ErrorVariable failures
            $result.Id | Should -Be 's1'
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -Be 'ServiceNotFound,GradientMsp.Commands.SetGradientServiceCommand'
            $failures[0].TargetObject | Should -Be 's2'
            $patches = @(Get-FakeRequest $fake | Where-Object Method -EQ 'PATCH')
            $patches.Path | Should -Be @('/api/vendor-api/service/s1', '/api/vendor-api/service/s2')
            ($patches[0].Body | ConvertFrom-Json -AsHashtable).Keys | Should -Be @('description')
        }

        It 'binds the fields of piped rows by property name (a CSV of changes), sending what each row carries' {
            $rows = @(
                [pscustomobject]@{ Id = 's1'; Description = 'From the row'; Subcategory = 'cloud backup' }
                [pscustomobject]@{ ServiceId = 's1'; Name = 'Backup Pro Plus' }
            )
            $rows | Set-GradientService
            $patches = @(Get-FakeRequest $fake | Where-Object Method -EQ 'PATCH')
            $patches.Count | Should -Be 2
            $first = $patches[0].Body | ConvertFrom-Json -AsHashtable
            @($first.Keys | Sort-Object) | Should -Be @('description', 'subcategory')
            $first.description | Should -Be 'From the row'
            ($patches[1].Body | ConvertFrom-Json -AsHashtable).Keys | Should -Be @('name')
        }

        It 'a piped row with nothing to change is an error for that row only; a misspelled piped category too' {
            @([pscustomobject]@{ Id = 's1' }, [pscustomobject]@{ Id = 's1'; Category = 'BACKUP' }, [pscustomobject]@{ Id = 's1'; Name = 'Ok' }) |
                Set-GradientService -ErrorAction SilentlyContinue -ErrorVariable failures
            $failures.FullyQualifiedErrorId | Should -Be @('InvalidArgument,GradientMsp.Commands.SetGradientServiceCommand', 'InvalidCategory,GradientMsp.Commands.SetGradientServiceCommand')
            @(Get-FakeRequest $fake | Where-Object Method -EQ 'PATCH').Count | Should -Be 1
        }
    }
}
