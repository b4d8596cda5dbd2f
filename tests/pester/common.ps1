# Dot-sourced at the top of every *.Tests.ps1: imports the staged module once and holds shared helpers.
if (-not (Get-Module GradientMsp)) {
    Import-Module GradientMsp -ErrorAction Stop
}

function New-TestSecureString([string] $Text) {
    ConvertTo-SecureString -String $Text -AsPlainText -Force
}

function Invoke-FreshPwsh {
    # Runs a fresh pwsh of the same build as this one, with the same PSModulePath. Under the local
    # tool ('dotnet pwsh') the process is dotnet and pwsh.dll is the entry assembly.
    param([Parameter(Mandatory)] [string[]] $ArgumentList)
    $executable = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($executable) -eq 'dotnet') {
        & $executable ([Reflection.Assembly]::GetEntryAssembly().Location) @ArgumentList
    }
    else {
        & $executable @ArgumentList
    }
}
