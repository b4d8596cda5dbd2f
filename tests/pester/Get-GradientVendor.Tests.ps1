. $PSScriptRoot/common.ps1

Describe 'Get-GradientVendor' {
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

    It 'fails the whole call when there is no connection' {
        { Get-GradientVendor -ErrorAction Stop } | Should -Throw -ErrorId 'NotConnected,GradientMsp.Commands.GetGradientVendorCommand'
    }

    Context 'connected' {
        BeforeAll { $script:connection = Connect-FakeGradient $script:fake }
        BeforeEach { Clear-FakeRequest $script:fake }

        It 'returns the vendor with its services' {
            $vendor = Get-GradientVendor
            $vendor.Name | Should -Be 'Fake Vendor'
            $vendor.Services.Name | Should -Be @('Backup Pro', 'Managed EDR')
            (Get-FakeRequest $fake).Path | Should -Be '/api/vendor-api'
        }

        It 'writes a non-terminating error with an id and category when the API fails' {
            $fake.Routes['GET /api/vendor-api'] = @{ Status = 401; Body = '{"statusCode":401,"message":"Unauthorized"}' }
            try {
                $result = Get-GradientVendor -ErrorAction SilentlyContinue -ErrorVariable failures
                $result | Should -BeNullOrEmpty
                $failures[0].FullyQualifiedErrorId | Should -Be 'AuthenticationFailed,GradientMsp.Commands.GetGradientVendorCommand'
                $failures[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
            }
            finally {
                $fake.Routes['GET /api/vendor-api'] = (Get-StandardFakeRoutes)['GET /api/vendor-api']
            }
        }
    }
}
