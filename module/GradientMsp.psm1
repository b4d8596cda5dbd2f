# Root module: loads the binary cmdlets. On PowerShell 7 they go into a private
# AssemblyLoadContext so that other modules' copies of Newtonsoft.Json or
# Microsoft.Extensions.* cannot clash with ours (docs/assembly-loading.md).
# On Windows PowerShell 5.1 there are no load contexts; the cmdlets assembly
# resolves its dependencies from lib\ itself (ModuleInitializer.cs).
#
# Import time is budgeted (build.ps1 Bench): this file calls .NET directly rather than cmdlets
# such as Join-Path or Get-ChildItem, whose first use autoloads another module (~60 ms), and
# LoadFrom rather than Add-Type, whose first use costs ~150 ms.

$libDirectory = [System.IO.Path]::Combine($PSScriptRoot, 'lib')

if ($PSEdition -eq 'Core') {
    $loader = [System.AppDomain]::CurrentDomain.GetAssemblies().Where({ $_.GetName().Name -eq 'GradientMsp.Loader' }, 'First')
    if (-not $loader) {
        $null = [System.Reflection.Assembly]::LoadFrom([System.IO.Path]::Combine($PSScriptRoot, 'GradientMsp.Loader.dll'))
    }
    $cmdletAssembly = [GradientMsp.Loader.GradientMspLoadContext]::Initialize($libDirectory)
}
else {
    $cmdletAssembly = [System.Reflection.Assembly]::LoadFrom([System.IO.Path]::Combine($libDirectory, 'GradientMsp.Cmdlets.dll'))
}

$innerModule = Import-Module -Assembly $cmdletAssembly -Force -PassThru

# Two things are done in C# at import, where they are cheap: the client's output types become
# type accelerators (ModuleInitializer.OnImport), and the cmdlets are attached to this module's
# export table, which Import-Module -Assembly inside a script module does not always do
# (https://github.com/PowerShell/PowerShell/issues/20710).
[GradientMsp.Commands.ModuleSurface]::ExportCmdlets($ExecutionContext.SessionState.Module, $innerModule)

# Script parts (the QA runner) live beside the psm1.
$scriptsDirectory = [System.IO.Path]::Combine($PSScriptRoot, 'scripts')
if ([System.IO.Directory]::Exists($scriptsDirectory)) {
    foreach ($part in [System.IO.Directory]::GetFiles($scriptsDirectory, '*.ps1')) {
        . $part
    }
}
