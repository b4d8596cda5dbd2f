# Dot-sourced by build.ps1, the Pester suite and the benchmark: one way to start a fresh pwsh of the
# same build as the current one.
function Invoke-FreshPwsh {
    # Under the local tool ('dotnet pwsh') the process is dotnet itself and pwsh.dll is its entry
    # assembly; from an installed pwsh, the process is pwsh.
    param([Parameter(Mandatory)] [string[]] $ArgumentList)
    $executable = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($executable) -eq 'dotnet') {
        & $executable ([Reflection.Assembly]::GetEntryAssembly().Location) @ArgumentList
    }
    else {
        & $executable @ArgumentList
    }
}
