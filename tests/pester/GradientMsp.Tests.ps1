# The module's contract as a whole: exports match the manifest exactly, and every exported cmdlet
# has real help (synopsis, description, examples, a description for every parameter).
. $PSScriptRoot/common.ps1

BeforeDiscovery {
    . $PSScriptRoot/common.ps1
    $manifest = Import-PowerShellDataFile (Join-Path (Get-Module GradientMsp).ModuleBase 'GradientMsp.psd1')
    $script:cmdletCases = @($manifest.CmdletsToExport | ForEach-Object { @{ Name = $_ } })
}

Describe 'GradientMsp module' {
    BeforeAll {
        . $PSScriptRoot/common.ps1
        $script:module = Get-Module GradientMsp
        $script:manifest = Import-PowerShellDataFile (Join-Path $module.ModuleBase 'GradientMsp.psd1')
        $script:common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
    }

    It 'exports exactly the cmdlets CmdletsToExport lists' {
        $exported = @($module.ExportedCmdlets.Keys | Sort-Object)
        $exported | Should -Be @($manifest.CmdletsToExport | Sort-Object)
        (Get-Command -Module GradientMsp -CommandType Cmdlet).Count | Should -Be $manifest.CmdletsToExport.Count
    }

    It 'lists CmdletsToExport sorted, once each, and never exports by wildcard' {
        $manifest.CmdletsToExport | Should -Be @($manifest.CmdletsToExport | Sort-Object -Unique)
        foreach ($key in 'CmdletsToExport', 'FunctionsToExport', 'VariablesToExport', 'AliasesToExport') {
            @($manifest[$key]) | Should -Not -Contain '*' -Because "$key must be explicit"
        }
    }

    Context '<Name>' -ForEach $cmdletCases {
        BeforeAll {
            $script:command = Get-Command $Name -Module GradientMsp
            $script:help = Get-Help $Name -Full
        }

        It 'declares an output type' {
            $command.OutputType | Should -Not -BeNullOrEmpty
        }

        It 'has a synopsis from the MAML help, not the generated syntax' {
            $help.Synopsis | Should -Not -BeNullOrEmpty
            $help.Synopsis | Should -Not -BeLike "$Name *"
            $help.Synopsis | Should -Not -Match '\[<CommonParameters>\]'
        }

        It 'has a description and 1-3 examples with code' {
            ($help.description.Text -join '') | Should -Not -BeNullOrEmpty
            $examples = @($help.examples.example)
            $examples.Count | Should -BeIn 1, 2, 3
            foreach ($example in $examples) {
                $example.code | Should -Match ([regex]::Escape($Name))
            }
        }

        It 'describes every parameter' {
            $own = @($command.Parameters.Keys | Where-Object { $_ -notin $common -or $_ -in 'WhatIf', 'Confirm' })
            foreach ($parameterName in $own) {
                $parameterHelp = $help.parameters.parameter | Where-Object name -EQ $parameterName
                $parameterHelp | Should -Not -BeNullOrEmpty -Because "-$parameterName should be in the help of $Name"
                ($parameterHelp.description.Text -join '') | Should -Not -BeNullOrEmpty -Because "-$parameterName of $Name needs a description"
            }
        }

        It 'supports -WhatIf/-Confirm when its verb changes something' {
            $verb = $Name.Split('-')[0]
            if ($verb -in 'New', 'Set', 'Send', 'Sync', 'Add', 'Remove', 'Clear', 'Reset', 'Complete', 'Connect', 'Disconnect', 'Start', 'Stop') {
                $command.Parameters.Keys | Should -Contain 'WhatIf'
            }
        }
    }
}
