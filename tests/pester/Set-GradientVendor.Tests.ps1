. $PSScriptRoot/common.ps1

Describe 'Set-GradientVendor' {
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

    It 'refuses a call with nothing to update, before needing a connection' {
        { Set-GradientVendor -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidArgument,GradientMsp.Commands.SetGradientVendorCommand'
    }

    It 'fails the whole call when there is no connection' {
        { Set-GradientVendor -Name 'x' -ErrorAction Stop } | Should -Throw -ErrorId 'NotConnected,GradientMsp.Commands.SetGradientVendorCommand'
    }

    It 'accepts only absolute http(s) URLs: <Url>' -ForEach @(
        @{ Url = 'ftp://example.com/portal' }
        @{ Url = '/relative/portal' }
        @{ Url = 'not a url' }
    ) {
        { Set-GradientVendor -IntegrationPortalUrl $Url -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError,GradientMsp.Commands.SetGradientVendorCommand'
        { Set-GradientVendor -VendorSupportPageUrl $Url -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError,GradientMsp.Commands.SetGradientVendorCommand'
    }

    It 'supports ShouldProcess and -PassThru' {
        $command = Get-Command Set-GradientVendor
        $command.Parameters.Keys | Should -Contain 'WhatIf'
        $command.Parameters.Keys | Should -Contain 'PassThru'
    }

    Context 'connected' {
        BeforeAll { $script:connection = Connect-FakeGradient $script:fake }
        BeforeEach { Clear-FakeRequest $script:fake }

        It 'sends nothing with -WhatIf' {
            Set-GradientVendor -IntegrationPortalUrl https://portal.example.com/gradient -WhatIf
            Get-FakeRequest $fake | Should -BeNullOrEmpty
        }

        It 'sends only the fields given, and returns the vendor with -PassThru' {
            $vendor = Set-GradientVendor -IntegrationPortalUrl https://portal.example.com/gradient -PassThru
            $vendor.Name | Should -Be 'Fake Vendor'
            $request = Get-FakeRequest $fake
            $request.Method | Should -Be 'PATCH'
            $body = $request.Body | ConvertFrom-Json -AsHashtable
            $body.Keys | Should -Be @('integrationPortalUrl')
            $body.integrationPortalUrl | Should -Be 'https://portal.example.com/gradient'
        }

        It 'writes nothing without -PassThru' {
            Set-GradientVendor -Description 'New words' | Should -BeNullOrEmpty
        }
    }
}
