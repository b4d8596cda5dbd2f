. $PSScriptRoot/common.ps1

Describe 'Send-GradientAlert' {
    BeforeAll {
        . $PSScriptRoot/common.ps1
        . $PSScriptRoot/FakeGradient.ps1
        Get-GradientConnection | Disconnect-GradientIntegration -KeepStatus
        $script:fake = Start-FakeGradient -Routes (Get-StandardFakeRoutes)

        function Get-SentAlert { @(Get-FakeRequest $script:fake | Where-Object Method -EQ 'POST' | ForEach-Object { $_.Body | ConvertFrom-Json -AsHashtable }) }
    }

    AfterAll {
        Get-GradientConnection | Disconnect-GradientIntegration -KeepStatus
        Stop-FakeGradient $script:fake
    }

    It 'makes -AccountId, -Title and -Description mandatory (positions 0-2) and binds everything by property name' {
        $command = Get-Command Send-GradientAlert
        $position = 0
        foreach ($name in 'AccountId', 'Title', 'Description') {
            $parameter = $command.Parameters[$name].ParameterSets['__AllParameterSets']
            $parameter.IsMandatory | Should -BeTrue
            $parameter.Position | Should -Be $position
            $position++
        }
        foreach ($name in 'AlertId', 'Priority', 'TicketStatus', 'DueDateTime', 'ServiceId') {
            $command.Parameters[$name].ParameterSets['__AllParameterSets'].ValueFromPipelineByPropertyName | Should -BeTrue
        }
    }

    It 'refuses a priority outside 1..4 or an unknown name: <Priority>' -ForEach @(
        @{ Priority = 0 }, @{ Priority = 5 }, @{ Priority = '7' }, @{ Priority = 'Urgent' }, @{ Priority = 2.5 }
    ) {
        { Send-GradientAlert -AccountId a1 -Title t -Description d -Priority $Priority -ErrorAction Stop } |
            Should -Throw -ErrorId 'ParameterArgumentTransformationError,GradientMsp.Commands.SendGradientAlertCommand'
    }

    It 'refuses a ticket status outside 1..6' {
        { Send-GradientAlert -AccountId a1 -Title t -Description d -TicketStatus 7 -ErrorAction Stop } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,GradientMsp.Commands.SendGradientAlertCommand'
    }

    It 'fails the whole call when there is no connection' {
        { Send-GradientAlert -AccountId a1 -Title t -Description d -ErrorAction Stop } | Should -Throw -ErrorId 'NotConnected,GradientMsp.Commands.SendGradientAlertCommand'
    }

    Context 'connected' {
        BeforeAll { $script:connection = Connect-FakeGradient $script:fake }
        BeforeEach { Clear-FakeRequest $script:fake }

        It 'sends nothing with -WhatIf' {
            Send-GradientAlert a1 'Backup failed' 'Twice' -Priority High -WhatIf
            Get-FakeRequest $fake | Should -BeNullOrEmpty
        }

        It 'sends the alert with defaults (priority 1, status 1, a GUID alert id) and returns the receipt' {
            $receipt = Send-GradientAlert -AccountId a1 -Title 'Backup failed' -Description 'Twice'
            $receipt.MessageId | Should -Be 'm-ok'
            $receipt.CorrelationId | Should -Be 'cor-1'
            (Get-FakeRequest $fake).Path | Should -Be '/api/vendor-api/alerting/a1'
            $sent = @(Get-SentAlert)[0]
            $sent.priority | Should -Be 1
            $sent.status | Should -Be 1
            [guid]::Parse($sent.alertId) | Should -Not -BeNullOrEmpty
            $sent.Keys | Should -Not -Contain 'dueDateTime'
            $sent.Keys | Should -Not -Contain 'serviceId'
        }

        It 'accepts the priority as <Priority> and sends <Expected>' -ForEach @(
            @{ Priority = 'Low'; Expected = 1 }
            @{ Priority = 'medium'; Expected = 2 }
            @{ Priority = 3; Expected = 3 }
            @{ Priority = '4'; Expected = 4 }
            @{ Priority = 'very_high'; Expected = 4 }
            @{ Priority = 'VeryHigh'; Expected = 4 }
        ) {
            $null = Send-GradientAlert -AccountId a1 -Title t -Description d -Priority $Priority
            @(Get-SentAlert)[0].priority | Should -Be $Expected
        }

        It 'gives each piped alert its own alert id unless one is given, and sends the optional fields' {
            $due = [datetime]::new(2030, 1, 2, 3, 4, 5, [DateTimeKind]::Utc)
            $rows = @(
                [pscustomobject]@{ AccountId = 'a1'; Title = 'one'; Description = 'd' }
                [pscustomobject]@{ AccountId = 'a1'; Title = 'two'; Description = 'd'; AlertId = 'mine-2'; TicketStatus = 3; ServiceId = 's1'; DueDateTime = $due }
                [pscustomobject]@{ AccountId = 'a1'; Title = 'three'; Description = 'd' }
            )
            $receipts = $rows | Send-GradientAlert
            $receipts.Count | Should -Be 3
            $sent = @(Get-SentAlert)
            $sent[1].alertId | Should -Be 'mine-2'
            $sent[1].status | Should -Be 3
            $sent[1].serviceId | Should -Be 's1'
            ([datetimeoffset] $sent[1].dueDateTime).UtcDateTime | Should -Be $due
            $sent[0].alertId | Should -Not -Be $sent[2].alertId
        }

        It 'binds -AccountId from the Id of piped accounts' {
            $null = Get-GradientAccount -Id a1 | Send-GradientAlert -Title t -Description d
            @(Get-FakeRequest $fake | Where-Object Method -EQ 'POST').Path | Should -Be '/api/vendor-api/alerting/a1'
        }

        It 'reports an unknown account as AccountNotFound for that account and goes on' {
            $receipts = 'nope', 'a1' | ForEach-Object { [pscustomobject]@{ AccountId = $_; Title = 't'; Description = 'd' } } |
                Send-GradientAlert -ErrorAction SilentlyContinue -ErrorVariable failures
            $receipts.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -Be 'AccountNotFound,GradientMsp.Commands.SendGradientAlertCommand'
            $failures[0].TargetObject | Should -Be 'nope'
        }

        It 'gives an account id of only dots its own InvalidId error, sends nothing for it and goes on' {
            $receipts = '..', '.', 'a1' | ForEach-Object { [pscustomobject]@{ AccountId = $_; Title = 't'; Description = 'd' } } |
                Send-GradientAlert -ErrorAction SilentlyContinue -ErrorVariable failures
            $receipts.Count | Should -Be 1
            $failures.Count | Should -Be 2
            $failures[0].FullyQualifiedErrorId | Should -Be 'InvalidId,GradientMsp.Commands.SendGradientAlertCommand'
            $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $failures[0].TargetObject | Should -Be '..'
            $failures[0].ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
            @(Get-FakeRequest $fake | Where-Object Method -EQ 'POST').Path | Should -Be '/api/vendor-api/alerting/a1'
        }
    }
}
