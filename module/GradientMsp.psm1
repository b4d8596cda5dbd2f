# Root module: loads the binary cmdlets. On PowerShell 7 they go into a private
# AssemblyLoadContext so that other modules' copies of Newtonsoft.Json or
# Microsoft.Extensions.* cannot clash with ours (docs/assembly-loading.md).
# On Windows PowerShell 5.1 there are no load contexts; the cmdlets assembly
# resolves its dependencies from lib\ itself (ModuleInitializer.cs).

$libDirectory = Join-Path $PSScriptRoot 'lib'

if ($PSEdition -eq 'Core') {
    if (-not ('GradientMsp.Loader.GradientMspLoadContext' -as [type])) {
        # LoadFrom, not Add-Type: Add-Type's first use costs a PowerShell session ~150 ms.
        $null = [System.Reflection.Assembly]::LoadFrom((Join-Path $PSScriptRoot 'GradientMsp.Loader.dll'))
    }
    $cmdletAssembly = [GradientMsp.Loader.GradientMspLoadContext]::Initialize($libDirectory)
}
else {
    $cmdletAssembly = [System.Reflection.Assembly]::LoadFrom((Join-Path $libDirectory 'GradientMsp.Cmdlets.dll'))
}

$innerModule = Import-Module -Assembly $cmdletAssembly -Force -PassThru

# The output types (GradientMsp.Client.Models.*, GradientMsp.Client.Usage.*) live in the client
# assembly, which PowerShell's type resolver does not search because it sits in the private load
# context. Registering them as type accelerators under their full names lets scripts write
# [GradientMsp.Client.Usage.UsageResult]; it is far cheaper at import than Import-Module -Assembly.
$typeAccelerators = [psobject].Assembly.GetType('System.Management.Automation.TypeAccelerators')
$clientName = $cmdletAssembly.GetReferencedAssemblies() | Where-Object Name -eq 'GradientMsp.Client'
$clientAssembly = if ($PSEdition -eq 'Core') {
    [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($cmdletAssembly).LoadFromAssemblyName($clientName)
}
else {
    [System.Reflection.Assembly]::Load($clientName)
}
$acceleratedTypes = @($clientAssembly.GetExportedTypes() | Where-Object { -not $_.IsNested -and -not ($typeAccelerators::Get.ContainsKey($_.FullName)) })
foreach ($type in $acceleratedTypes) {
    $typeAccelerators::Add($type.FullName, $type)
}
$ExecutionContext.SessionState.Module.OnRemove = {
    foreach ($type in $acceleratedTypes) {
        $null = $typeAccelerators::Remove($type.FullName)
    }
}.GetNewClosure()

# Import-Module -Assembly from inside a script module does not always attach the cmdlets to
# this module's export table when the assembly was imported before (a second
# 'Import-Module GradientMsp -Force'), so add them explicitly.
# https://github.com/PowerShell/PowerShell/issues/20710
$addExportedCmdlet = [System.Management.Automation.PSModuleInfo].GetMethod(
    'AddExportedCmdlet', [System.Reflection.BindingFlags]'Instance, NonPublic')
if ($addExportedCmdlet) {
    foreach ($command in $innerModule.ExportedCmdlets.Values) {
        $addExportedCmdlet.Invoke($ExecutionContext.SessionState.Module, @(, $command))
    }
}

# Script parts (argument completers, QA helpers) live beside the psm1.
foreach ($part in Get-ChildItem -Path (Join-Path $PSScriptRoot 'scripts') -Filter '*.ps1' -ErrorAction SilentlyContinue) {
    . $part.FullName
}
