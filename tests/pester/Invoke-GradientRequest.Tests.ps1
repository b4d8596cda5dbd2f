Describe 'Invoke-GradientRequest' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'common.ps1')
        $script:emulator = Start-GradientEmulator -Connect
        $script:connection = $emulator.Connection
        New-GradientAccount -Id cust-1 -Name 'Contoso Ltd' -Connection $connection | Out-Null
    }

    AfterAll {
        Stop-GradientEmulator -Emulator $script:emulator -Confirm:$false
    }

    It 'GETs a route under the vendor API root and returns the JSON as objects' {
        $integration = Invoke-GradientRequest -Path /organization -Connection $connection
        $integration.organizationId | Should -Be $emulator.OrganizationId
        (Invoke-GradientRequest -Path /api/vendor-api/organization -Connection $connection).organizationId | Should -Be $emulator.OrganizationId
    }

    It 'sends a body (hashtable as JSON) with PATCH, and -WhatIf sends nothing' {
        Invoke-GradientRequest -Method PATCH -Path /organization/accounts/cust-1 -Body @{ description = 'what if' } -Connection $connection -WhatIf
        (Get-GradientAccount -Id cust-1 -Connection $connection).Description | Should -Not -Be 'what if'
        Invoke-GradientRequest -Method PATCH -Path /organization/accounts/cust-1 -Body @{ description = 'Raw change' } -Connection $connection | Out-Null
        (Get-GradientAccount -Id cust-1 -Connection $connection).Description | Should -Be 'Raw change'
        Invoke-GradientRequest -Path /organization/accounts -Raw -Connection $connection | Should -BeOfType [string]
    }

    It 'maps a non-2xx answer to the usual error id, with the path as target' {
        { Invoke-GradientRequest -Path /organization/accounts/nobody/nothing -Connection $connection -ErrorAction Stop } |
            Should -Throw -ErrorId 'NotFound,GradientMsp.Commands.InvokeGradientRequestCommand'
    }

    It 'refuses a path that would send the token elsewhere' {
        foreach ($path in 'https://example.com/x', '//example.com/x', 'organization', '/organization/../../x', '/%2e%2e/x') {
            { Invoke-GradientRequest -Path $path -Connection $connection -ErrorAction Stop } |
                Should -Throw -ErrorId 'InvalidArgument,GradientMsp.Commands.InvokeGradientRequestCommand' -Because $path
        }
    }

    It 'never shows the token or the keys in -Verbose' {
        $verbose = Invoke-GradientRequest -Path /organization -Connection $connection -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | Out-String
        $verbose | Should -Not -BeNullOrEmpty
        $token = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($emulator.VendorKey + ':' + $emulator.PartnerKey))
        $verbose | Should -Not -Match ([regex]::Escape($token))
        $verbose | Should -Not -Match ([regex]::Escape($emulator.PartnerKey))
        $verbose | Should -Not -Match ([regex]::Escape($emulator.VendorKey))
    }
}
