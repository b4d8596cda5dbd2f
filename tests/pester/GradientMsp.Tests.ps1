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

Describe 'GradientMsp package metadata' {
    BeforeAll {
        . $PSScriptRoot/common.ps1
        $script:base = (Get-Module GradientMsp).ModuleBase
        $script:staged = Import-PowerShellDataFile (Join-Path $base 'GradientMsp.psd1')
        $script:repoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    }

    It 'ships the licence and the changelog beside the manifest' {
        Join-Path $base 'LICENSE' | Should -Exist
        Join-Path $base 'CHANGELOG.md' | Should -Exist
        Get-Content -Raw (Join-Path $base 'LICENSE') | Should -Match 'MIT License'
    }

    It "takes ReleaseNotes from this version's section of CHANGELOG.md" {
        $notes = $staged.PrivateData.PSData.ReleaseNotes
        $notes | Should -Not -Be 'See CHANGELOG.md.'
        $changelog = Get-Content -Raw (Join-Path $repoRoot 'CHANGELOG.md')
        $changelog | Should -Match ("## " + [regex]::Escape($staged.ModuleVersion))
        # The first line of the version's section is the first line of the notes.
        $firstLine = ($notes -split "`n")[0]
        $changelog | Should -Match ([regex]::Escape($firstLine))
    }

    It 'names an author and carries the gallery fields' {
        $staged.Author | Should -Not -BeNullOrEmpty
        $staged.PrivateData.PSData.Keys | Should -Contain 'ProjectUri'
        $staged.PrivateData.PSData.LicenseUri | Should -Not -BeNullOrEmpty
    }

    It 'has an about_GradientMsp topic that Get-Help finds' {
        $topic = Get-Help about_GradientMsp
        ($topic | Out-String) | Should -Match 'SHORT DESCRIPTION'
        ($topic | Out-String) | Should -Match 'UNATTENDED USE'
    }
}
