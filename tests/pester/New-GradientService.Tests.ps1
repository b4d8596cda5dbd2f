. $PSScriptRoot/common.ps1

Describe 'New-GradientService' {
    BeforeAll {
        . $PSScriptRoot/common.ps1
        . $PSScriptRoot/FakeGradient.ps1
        Get-GradientConnection | Disconnect-GradientIntegration -KeepStatus
        $script:fake = Start-FakeGradient -Routes (Get-StandardFakeRoutes)

        function Get-Completion([string] $InputScript) {
            [System.Management.Automation.CommandCompletion]::CompleteInput($InputScript, $InputScript.Length, $null).CompletionMatches
        }
    }

    AfterAll {
        Get-GradientConnection | Disconnect-GradientIntegration -KeepStatus
        Stop-FakeGradient $script:fake
    }

    It 'makes -Name, -Description, -Category and -Subcategory mandatory and binds them by property name' {
        $command = Get-Command New-GradientService
        foreach ($name in 'Name', 'Description', 'Category', 'Subcategory') {
            $parameter = $command.Parameters[$name].ParameterSets['__AllParameterSets']
            $parameter.IsMandatory | Should -BeTrue -Because "-$name is required by the API"
            $parameter.ValueFromPipelineByPropertyName | Should -BeTrue
        }
        $command.Parameters['SupportArticle'].ParameterSets['__AllParameterSets'].IsMandatory | Should -BeFalse
        $command.Parameters.Keys | Should -Contain 'Force'
        $command.Parameters.Keys | Should -Contain 'WhatIf'
    }

    It 'fails the whole call when there is no connection' {
        { New-GradientService -Name x -Description d -Category backup -Subcategory 'cloud backup' -ErrorAction Stop } |
            Should -Throw -ErrorId 'NotConnected,GradientMsp.Commands.NewGradientServiceCommand'
    }

    Context 'Tab completion' {
        It 'completes categories by prefix' {
            (Get-Completion 'New-GradientService -Category s').CompletionText | Should -Be @('security', "'service delivery'")
        }

        It 'completes subcategories by a word anywhere, quoted because they contain spaces' {
            $completions = Get-Completion 'New-GradientService -Subcategory EDR'
            $completions.CompletionText | Should -Be @("'endpoint detection and response (EDR)'")
            $completions[0].ListItemText | Should -Be 'endpoint detection and response (EDR)'
        }

        It 'offers every subcategory, Gradient''s spelling included, for an empty word' {
            $all = Get-Completion 'New-GradientService -Subcategory '
            $all.Count | Should -Be 46
            $all.CompletionText | Should -Contain "'priviledged access and identity management (PAM/PIM)'"
        }

        It 'continues a quoted word' {
            (Get-Completion "Set-GradientService -Id s1 -Subcategory 'cloud b").CompletionText | Should -Be @("'cloud backup'")
        }
    }

    Context 'connected' {
        BeforeAll { $script:connection = Connect-FakeGradient $script:fake }
        BeforeEach { Clear-FakeRequest $script:fake }

        It 'refuses a category that differs only by case, naming the right spelling, and sends nothing' {
            { New-GradientService -Name 'New Service' -Description d -Category Security -Subcategory 'email security' -ErrorAction Stop } |
                Should -Throw -ErrorId 'InvalidCategory,GradientMsp.Commands.NewGradientServiceCommand' -ExpectedMessage "*use 'security'*"
            Get-FakeRequest $fake | Should -BeNullOrEmpty
        }

        It 'refuses a subcategory that is not Gradient''s: <Subcategory>' -ForEach @(
            @{ Subcategory = 'Cloud Backup' }
            @{ Subcategory = 'privileged access and identity management (PAM/PIM)' }
            @{ Subcategory = 'cloud backup ' }
        ) {
            New-GradientService -Name 'New Service' -Description d -Category backup -Subcategory $Subcategory -ErrorAction SilentlyContinue -ErrorVariable failures
            $failures[0].FullyQualifiedErrorId | Should -Be 'InvalidCategory,GradientMsp.Commands.NewGradientServiceCommand'
            $failures[0].TargetObject | Should -Be $Subcategory
            $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            Get-FakeRequest $fake | Should -BeNullOrEmpty
        }

        It 'sends nothing with -WhatIf' {
            New-GradientService -Name 'New Service' -Description d -Category other -Subcategory other -WhatIf
            Get-FakeRequest $fake | Should -BeNullOrEmpty
        }

        It 'creates the service and returns it from the vendor Gradient answers with' {
            $service = New-GradientService -Name 'New Service' -Description 'd' -Category other -Subcategory other -SupportContact 'support@example.com'
            $service.Id | Should -Be 's3'
            $service.Name | Should -Be 'New Service'
            $requests = Get-FakeRequest $fake
            $requests.Method | Should -Be @('GET', 'POST')
            $body = $requests[1].Body | ConvertFrom-Json
            $body.category | Should -BeExactly 'other'
            $body.supportContact | Should -Be 'support@example.com'
            $body.PSObject.Properties.Name | Should -Not -Contain 'supportArticle'
        }

        It 'does not duplicate an existing name: AlreadyExists, nothing output, unless -Force' {
            $result = New-GradientService -Name 'backup pro' -Description d -Category backup -Subcategory 'cloud backup' -ErrorAction SilentlyContinue -ErrorVariable failures
            $result | Should -BeNullOrEmpty
            $failures[0].FullyQualifiedErrorId | Should -Be 'AlreadyExists,GradientMsp.Commands.NewGradientServiceCommand'
            $failures[0].CategoryInfo.Category | Should -Be 'ResourceExists'
            (Get-FakeRequest $fake).Method | Should -Be @('GET')

            Clear-FakeRequest $fake
            $null = New-GradientService -Name 'Backup Pro' -Description d -Category backup -Subcategory 'cloud backup' -Force -WarningAction SilentlyContinue
            (Get-FakeRequest $fake).Method | Should -Contain 'POST'
        }

        It 'reads the existing names once for many piped rows, and goes on after a bad row' {
            $rows = @(
                [pscustomobject]@{ Name = 'Managed EDR'; Description = 'd'; Category = 'security'; Subcategory = 'endpoint detection and response (EDR)' }
                [pscustomobject]@{ Name = 'Bad'; Description = 'd'; Category = 'Backup'; Subcategory = 'cloud backup' }
                [pscustomobject]@{ Name = 'New Service'; Description = 'd'; Category = 'other'; Subcategory = 'other' }
            )
            $created = $rows | New-GradientService -ErrorAction SilentlyContinue -ErrorVariable failures
            $created.Name | Should -Be 'New Service'
            $failures.FullyQualifiedErrorId | Should -Be @('AlreadyExists,GradientMsp.Commands.NewGradientServiceCommand', 'InvalidCategory,GradientMsp.Commands.NewGradientServiceCommand')
            @((Get-FakeRequest $fake) | Where-Object Method -EQ 'GET').Count | Should -Be 1
        }
    }
}
