#Requires -Version 7.2
<#
.SYNOPSIS
    Writes the MAML help of GradientMsp's binary cmdlets (GradientMsp.Cmdlets.dll-Help.xml, in the
    module's root folder, where PowerShell looks for the root module's help) into the staged module.

.DESCRIPTION
    Binary cmdlets get their Get-Help text only from a MAML file named after the assembly. This
    script builds it from three sources, so that nothing is written twice:

      - the synopsis of each cmdlet: the <para type="synopsis"> of its class's /// <summary>, and the
        description of each parameter: its property's /// <summary>, both read from the XML doc file
        the compiler writes (lib/GradientMsp.Cmdlets.xml);
      - the parameter metadata (type, mandatory, position, pipeline input, aliases, wildcards,
        parameter sets, default values) from the imported staged module itself, so help cannot
        disagree with what the binder does;
      - a longer description, 1-3 examples, notes and related links from module/help/<Name>.psd1.

    It fails (throws, so the build fails) when an exported cmdlet has no help psd1 or no synopsis,
    a parameter has no description, a psd1 has no description or no examples, or an example does
    not parse or uses a GradientMsp command or parameter that does not exist. It then reads the
    help back with Get-Help to prove PowerShell finds it.

    It imports the module, and a binary module cannot be unloaded, so run it in a child process:

        pwsh -NoProfile -File build/New-MamlHelp.ps1 -ModulePath output/GradientMsp/<version>

.PARAMETER ModulePath
    The staged module folder (output/GradientMsp/<version>), holding GradientMsp.psd1 and lib/.

.PARAMETER HelpSourcePath
    The folder of <Cmdlet-Name>.psd1 help sources. Defaults to module/help beside this script's parent.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [string] $ModulePath,

    [string] $HelpSourcePath = (Join-Path $PSScriptRoot '../module/help')
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$ModulePath = (Resolve-Path $ModulePath).Path
$HelpSourcePath = (Resolve-Path $HelpSourcePath).Path
$manifestPath = Join-Path $ModulePath 'GradientMsp.psd1'
$libPath = Join-Path $ModulePath 'lib'
$docPath = Join-Path $libPath 'GradientMsp.Cmdlets.xml'
$helpPath = Join-Path $ModulePath 'GradientMsp.Cmdlets.dll-Help.xml'

foreach ($path in $manifestPath, $docPath) {
    if (-not (Test-Path $path)) { throw "New-MamlHelp: '$path' is missing; stage the module first (build.ps1 Build)." }
}

$manifest = Import-PowerShellDataFile $manifestPath
$module = Import-Module $manifestPath -PassThru -Force -ErrorAction Stop
# The cmdlets' doc file, plus the client's for the output types (GradientAccount, ...).
$docMembers = @{}
foreach ($file in @($docPath) + @(Get-ChildItem $libPath -Filter 'GradientMsp.*.xml' | Where-Object FullName -NE $docPath | ForEach-Object FullName)) {
    [xml] $docXml = Get-Content -Raw -LiteralPath $file
    if (-not $docXml.SelectSingleNode('/doc/members')) { continue }
    foreach ($member in $docXml.doc.members.ChildNodes) {
        if ($member -is [System.Xml.XmlElement] -and -not $docMembers.ContainsKey($member.GetAttribute('name'))) {
            $docMembers[$member.GetAttribute('name')] = $member
        }
    }
}

# Common parameters are documented by about_CommonParameters; WhatIf/Confirm get the usual words.
$commonParameters = [System.Collections.Generic.HashSet[string]]::new(
    [string[]] ([System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters),
    [StringComparer]::OrdinalIgnoreCase)
$riskParameters = [ordered]@{
    WhatIf  = 'Shows what would happen if the command ran, without sending any change to Gradient.'
    Confirm = 'Asks for confirmation before each change.'
}

$problems = [System.Collections.Generic.List[string]]::new()

function Get-DocText {
    # Plain text of an XML doc element: <see cref="T:X.Y"/> becomes Y, <c>/<para> keep their text.
    param([System.Xml.XmlNode] $Node)
    if ($null -eq $Node) { return '' }
    $builder = [System.Text.StringBuilder]::new()
    foreach ($child in $Node.ChildNodes) {
        switch ($child.NodeType) {
            'Text' { $null = $builder.Append($child.Value) }
            'CDATA' { $null = $builder.Append($child.Value) }
            'Element' {
                if ($child.LocalName -in 'see', 'seealso') {
                    $ref = $child.GetAttribute('cref')
                    if (-not $ref) { $ref = $child.GetAttribute('langword') }
                    $null = $builder.Append(($ref -replace '^[A-Z]:', '' -split '\.')[-1])
                }
                elseif ($child.LocalName -in 'paramref', 'typeparamref') {
                    $null = $builder.Append($child.GetAttribute('name'))
                }
                else {
                    $null = $builder.Append(' ').Append((Get-DocText $child)).Append(' ')
                }
            }
        }
    }
    ($builder.ToString() -replace '\s+', ' ').Trim()
}

function Get-DocTypeName {
    # The name a type has in the XML doc file (generic definitions keep their `N, nesting uses dots).
    param([type] $Type)
    if ($Type.IsGenericType) { $Type = $Type.GetGenericTypeDefinition() }
    $Type.FullName -replace '\+', '.'
}

function Get-TypeDisplayName {
    param([type] $Type)
    $underlying = [Nullable]::GetUnderlyingType($Type)
    if ($underlying) { return Get-TypeDisplayName $underlying }
    if ($Type.IsArray) { return (Get-TypeDisplayName $Type.GetElementType()) + '[]' }
    $Type.Name
}

function Get-TypeFullName {
    param([type] $Type)
    $underlying = [Nullable]::GetUnderlyingType($Type)
    if ($underlying) { return $underlying.FullName }
    $Type.FullName
}

function Format-DefaultValue {
    param($Value)
    if ($null -eq $Value) { return 'None' }
    if ($Value -is [System.Management.Automation.SwitchParameter]) { return [string] $Value.IsPresent }
    if ($Value -is [string] -and $Value -eq '') { return 'None' }
    if ($Value -is [array] -and $Value.Count -eq 0) { return 'None' }
    if ($Value -is [double]) { return $Value.ToString([cultureinfo]::InvariantCulture) }
    [string] $Value
}

function Get-Paragraphs {
    # Blank lines separate paragraphs; single line breaks inside a paragraph are kept as spaces.
    param([string] $Text)
    if ([string]::IsNullOrWhiteSpace($Text)) { return @() }
    @($Text.Trim() -split '\r?\n\s*\r?\n' | ForEach-Object { ($_ -replace '\s*\r?\n\s*', ' ').Trim() } | Where-Object { $_ })
}

function Get-KnownCommands {
    # Every GradientMsp cmdlet an example may use: the exported ones and, for commands another part of
    # the build may export later (the emulator), the cmdlet classes in the assembly.
    $known = @{}
    foreach ($command in Get-Command -Module $module.Name -CommandType Cmdlet, Function) { $known[$command.Name] = $command }
    $assembly = (Get-Command -Module $module.Name -CommandType Cmdlet | Select-Object -First 1).ImplementingType.Assembly
    foreach ($type in $assembly.GetExportedTypes()) {
        $attribute = [System.Attribute]::GetCustomAttribute($type, [System.Management.Automation.CmdletAttribute])
        if ($attribute -and -not $type.IsAbstract) {
            $name = "$($attribute.VerbName)-$($attribute.NounName)"
            if (-not $known.ContainsKey($name)) { $known[$name] = [System.Management.Automation.CmdletInfo]::new($name, $type) }
        }
    }
    $known
}

function Test-ExampleCode {
    # An example must parse, and every GradientMsp command in it must exist with the parameters used.
    param([string] $CommandName, [int] $Number, [string] $Code, [hashtable] $Known)
    $tokens = $null
    $errors = $null
    $ast = [System.Management.Automation.Language.Parser]::ParseInput($Code, [ref] $tokens, [ref] $errors)
    foreach ($parseError in $errors) { $problems.Add("${CommandName} example ${Number}: does not parse: $($parseError.Message)") }
    $commands = $ast.FindAll({ param($node) $node -is [System.Management.Automation.Language.CommandAst] }, $true)
    foreach ($commandAst in $commands) {
        $name = $commandAst.GetCommandName()
        if (-not $name -or $name -notlike '*-Gradient*') { continue }
        $info = $Known[$name]
        if (-not $info) {
            $problems.Add("${CommandName} example ${Number}: uses '$name', which GradientMsp does not have.")
            continue
        }
        $names = @{}
        foreach ($parameter in $info.Parameters.Values) {
            $names[$parameter.Name] = $parameter.Name
            foreach ($alias in $parameter.Aliases) { $names[$alias] = $parameter.Name }
        }
        foreach ($parameterAst in $commandAst.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.CommandParameterAst] }) {
            $used = $parameterAst.ParameterName
            if ($names.ContainsKey($used)) { continue }
            $candidates = @($names.Keys | Where-Object { $_ -like "$used*" } | ForEach-Object { $names[$_] } | Select-Object -Unique)
            if ($candidates.Count -ne 1) {
                $problems.Add("${CommandName} example ${Number}: '$name' has no parameter -$used.")
            }
        }
    }
}

function Get-ParameterDescription {
    param([System.Management.Automation.CmdletInfo] $Command, [string] $Name)
    if ($riskParameters.Contains($Name)) { return $riskParameters[$Name] }
    $property = $Command.ImplementingType.GetProperty($Name, [System.Reflection.BindingFlags] 'Public, Instance')
    if (-not $property) { return '' }
    $member = $docMembers["P:$(Get-DocTypeName $property.DeclaringType).$($property.Name)"]
    if (-not $member) { return '' }
    Get-DocText $member.SelectSingleNode('summary')
}

function Get-DefaultValues {
    # Defaults come from a fresh instance of the cmdlet class: what its property initialisers set.
    param([System.Management.Automation.CmdletInfo] $Command)
    $defaults = @{}
    $instance = [Activator]::CreateInstance($Command.ImplementingType)
    try {
        foreach ($parameter in $Command.Parameters.Values) {
            $property = $Command.ImplementingType.GetProperty($parameter.Name, [System.Reflection.BindingFlags] 'Public, Instance')
            $defaults[$parameter.Name] = if ($property) { Format-DefaultValue $property.GetValue($instance) }
            elseif ($parameter.SwitchParameter) { 'False' }
            else { 'None' }
        }
    }
    finally {
        if ($instance -is [System.IDisposable]) { $instance.Dispose() }
    }
    $defaults
}

function Write-Paragraphs {
    param([System.Xml.XmlWriter] $Writer, [string[]] $Paragraphs)
    $Writer.WriteStartElement('maml', 'description', $ns.maml)
    if (-not $Paragraphs -or $Paragraphs.Count -eq 0) { $Paragraphs = @('') }
    foreach ($paragraph in $Paragraphs) { $Writer.WriteElementString('maml', 'para', $ns.maml, $paragraph) }
    $Writer.WriteEndElement()
}

function Write-Parameter {
    param(
        [System.Xml.XmlWriter] $Writer,
        [string] $Name,
        [type] $Type,
        [bool] $Mandatory,
        [string] $Position,
        [string] $PipelineInput,
        [string[]] $Aliases,
        [bool] $Globbing,
        [string] $Description,
        [string] $Default,
        [switch] $InSyntax
    )
    $isSwitch = $Type -eq [System.Management.Automation.SwitchParameter]
    $Writer.WriteStartElement('command', 'parameter', $ns.command)
    $Writer.WriteAttributeString('required', $Mandatory.ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('variableLength', $Type.IsArray.ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('globbing', $Globbing.ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('pipelineInput', $PipelineInput)
    $Writer.WriteAttributeString('position', $Position)
    $Writer.WriteAttributeString('aliases', $(if ($Aliases.Count) { $Aliases -join ', ' } else { 'none' }))
    $Writer.WriteElementString('maml', 'name', $ns.maml, $Name)
    Write-Paragraphs $Writer (Get-Paragraphs $Description)
    if (-not ($InSyntax -and $isSwitch)) {
        $Writer.WriteStartElement('command', 'parameterValue', $ns.command)
        $Writer.WriteAttributeString('required', (-not $isSwitch).ToString().ToLowerInvariant())
        $Writer.WriteAttributeString('variableLength', $Type.IsArray.ToString().ToLowerInvariant())
        $Writer.WriteString((Get-TypeDisplayName $Type))
        $Writer.WriteEndElement()
    }
    $Writer.WriteStartElement('dev', 'type', $ns.dev)
    $Writer.WriteElementString('maml', 'name', $ns.maml, (Get-TypeFullName $Type))
    $Writer.WriteElementString('maml', 'uri', $ns.maml, '')
    $Writer.WriteEndElement()
    $Writer.WriteElementString('dev', 'defaultValue', $ns.dev, $Default)
    $Writer.WriteEndElement()
}

function Get-PipelineInput {
    param($Parameter)
    $kinds = @()
    if ($Parameter.ValueFromPipeline) { $kinds += 'ByValue' }
    if ($Parameter.ValueFromPipelineByPropertyName) { $kinds += 'ByPropertyName' }
    if ($kinds) { "True ($($kinds -join ', '))" } else { 'False' }
}

function Get-SortedParameters {
    # Syntax order: positional by position, then mandatory, then the rest, WhatIf/Confirm last.
    param($ParameterSet)
    $ParameterSet.Parameters |
        Where-Object { -not $commonParameters.Contains($_.Name) -or $riskParameters.Contains($_.Name) } |
        Sort-Object @{ Expression = { if ($riskParameters.Contains($_.Name)) { 3 } elseif ($_.Position -ge 0) { 0 } elseif ($_.IsMandatory) { 1 } else { 2 } } },
        @{ Expression = { if ($_.Position -ge 0) { $_.Position } else { 0 } } }
}

$ns = @{
    msh     = 'http://msh'
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
}

$known = Get-KnownCommands
$names = @($manifest.CmdletsToExport | Sort-Object)
$settings = [System.Xml.XmlWriterSettings]::new()
$settings.Indent = $true
$settings.Encoding = [System.Text.UTF8Encoding]::new($false)
$buffer = [System.IO.MemoryStream]::new()
$writer = [System.Xml.XmlWriter]::Create($buffer, $settings)
$writer.WriteStartDocument()
$writer.WriteStartElement('helpItems', $ns.msh)
$writer.WriteAttributeString('schema', 'maml')
$synopses = @{}

foreach ($name in $names) {
    $command = Get-Command -Name $name -Module $module.Name -CommandType Cmdlet -ErrorAction SilentlyContinue
    if (-not $command) { $problems.Add("${name}: listed in CmdletsToExport but the module has no such cmdlet."); continue }

    $sourcePath = Join-Path $HelpSourcePath "$name.psd1"
    if (-not (Test-Path $sourcePath)) { $problems.Add("${name}: no help source $sourcePath."); continue }
    $source = Import-PowerShellDataFile $sourcePath
    $description = Get-Paragraphs ([string] $source['Description'])
    if (-not $description) { $problems.Add("${name}: $sourcePath has no Description.") }
    $examples = @($source['Examples'] | Where-Object { $_ })
    if ($examples.Count -lt 1 -or $examples.Count -gt 3) { $problems.Add("${name}: $sourcePath needs 1 to 3 Examples (has $($examples.Count)).") }
    $number = 0
    foreach ($example in $examples) {
        $number++
        if (-not $example['Title'] -or -not $example['Code']) { $problems.Add("${name} example ${number}: needs Title and Code."); continue }
        if ($example['Code'] -notmatch [regex]::Escape($name)) { $problems.Add("${name} example ${number}: does not use $name.") }
        Test-ExampleCode $name $number $example['Code'] $known
    }

    $typeMember = $docMembers["T:$(Get-DocTypeName $command.ImplementingType)"]
    $synopsis = if ($typeMember) { Get-DocText $typeMember.SelectSingleNode("summary/para[@type='synopsis']") } else { '' }
    if (-not $synopsis) { $problems.Add("${name}: the class $($command.ImplementingType.FullName) has no <para type=""synopsis""> in its /// <summary>.") }
    $synopses[$name] = $synopsis

    $parameters = @($command.Parameters.Values | Where-Object { -not $commonParameters.Contains($_.Name) -or $riskParameters.Contains($_.Name) })
    $descriptions = @{}
    foreach ($parameter in $parameters) {
        $text = Get-ParameterDescription $command $parameter.Name
        if (-not $text) { $problems.Add("${name}: parameter -$($parameter.Name) has no /// <summary> description.") }
        $descriptions[$parameter.Name] = $text
    }
    $defaults = Get-DefaultValues $command

    $verb, $noun = $name -split '-', 2
    $writer.WriteStartElement('command', 'command', $ns.command)
    $writer.WriteAttributeString('xmlns', 'maml', $null, $ns.maml)
    $writer.WriteAttributeString('xmlns', 'dev', $null, $ns.dev)
    $writer.WriteStartElement('command', 'details', $ns.command)
    $writer.WriteElementString('command', 'name', $ns.command, $name)
    $writer.WriteElementString('command', 'verb', $ns.command, $verb)
    $writer.WriteElementString('command', 'noun', $ns.command, $noun)
    Write-Paragraphs $writer @($synopsis)
    $writer.WriteEndElement()
    Write-Paragraphs $writer $description

    # Syntax: one item per parameter set, the default set first.
    $writer.WriteStartElement('command', 'syntax', $ns.command)
    foreach ($set in @($command.ParameterSets | Sort-Object { -not $_.IsDefault }, Name)) {
        $writer.WriteStartElement('command', 'syntaxItem', $ns.command)
        $writer.WriteElementString('maml', 'name', $ns.maml, $name)
        foreach ($parameter in Get-SortedParameters $set) {
            $metadata = $command.Parameters[$parameter.Name]
            Write-Parameter -Writer $writer -Name $parameter.Name -Type $parameter.ParameterType -Mandatory $parameter.IsMandatory `
                -Position $(if ($parameter.Position -ge 0) { [string] $parameter.Position } else { 'named' }) `
                -PipelineInput (Get-PipelineInput $parameter) -Aliases @($parameter.Aliases) `
                -Globbing ([bool] ($metadata.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })) `
                -Description $descriptions[$parameter.Name] -Default $defaults[$parameter.Name] -InSyntax
        }
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()

    # Parameters: each once, with the sets it belongs to appended to its description.
    $writer.WriteStartElement('command', 'parameters', $ns.command)
    $allSets = @($command.ParameterSets | ForEach-Object Name)
    foreach ($metadata in $parameters | Sort-Object { if ($riskParameters.Contains($_.Name)) { 1 } else { 0 } }, Name) {
        $inSets = @($command.ParameterSets | Where-Object { $_.Parameters.Name -contains $metadata.Name })
        $setInfo = @($inSets | ForEach-Object { $p = $_.Parameters | Where-Object Name -EQ $metadata.Name; [pscustomobject]@{ Set = $_.Name; Parameter = $p } })
        $mandatory = [bool] ($setInfo.Count -and -not ($setInfo.Parameter | Where-Object { -not $_.IsMandatory }))
        $positioned = $setInfo.Parameter | Where-Object { $_.Position -ge 0 } | Select-Object -First 1
        $text = $descriptions[$metadata.Name]
        if ($allSets.Count -gt 1 -and $inSets.Count -lt $allSets.Count) {
            $text += "`n`nParameter set$(if ($inSets.Count -gt 1) { 's' }): $(($inSets.Name) -join ', ')."
        }
        $first = $setInfo[0].Parameter
        Write-Parameter -Writer $writer -Name $metadata.Name -Type $metadata.ParameterType -Mandatory $mandatory `
            -Position $(if ($positioned) { [string] $positioned.Position } else { 'named' }) `
            -PipelineInput (Get-PipelineInput $first) -Aliases @($metadata.Aliases) `
            -Globbing ([bool] ($metadata.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })) `
            -Description $text -Default $defaults[$metadata.Name]
    }
    $writer.WriteEndElement()

    # Inputs: what binds by value, and the property names that bind from any piped object.
    $writer.WriteStartElement('command', 'inputTypes', $ns.command)
    $byValue = @($parameters | Where-Object { $_.ParameterSets.Values.ValueFromPipeline -contains $true })
    $byName = @($parameters | Where-Object { $_.ParameterSets.Values.ValueFromPipelineByPropertyName -contains $true })
    $inputs = @()
    foreach ($parameter in $byValue) { $inputs += , @((Get-TypeFullName $parameter.ParameterType), "Bound to -$($parameter.Name).") }
    if ($byName) {
        $propertyNames = @($byName | ForEach-Object { (@($_.Name) + @($_.Aliases)) -join '/' })
        $inputs += , @('System.Management.Automation.PSObject', "Any object (for example an Import-Csv row or another Gradient command's output) with properties named $($propertyNames -join ', ').")
    }
    if (-not $inputs) { $inputs += , @('None', 'This command takes no pipeline input.') }
    foreach ($entry in $inputs) {
        $writer.WriteStartElement('command', 'inputType', $ns.command)
        $writer.WriteStartElement('dev', 'type', $ns.dev)
        $writer.WriteElementString('maml', 'name', $ns.maml, $entry[0])
        $writer.WriteEndElement()
        Write-Paragraphs $writer @($entry[1])
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()

    $writer.WriteStartElement('command', 'returnValues', $ns.command)
    foreach ($outputType in $command.OutputType) {
        $writer.WriteStartElement('command', 'returnValue', $ns.command)
        $writer.WriteStartElement('dev', 'type', $ns.dev)
        $writer.WriteElementString('maml', 'name', $ns.maml, $outputType.Name)
        $writer.WriteEndElement()
        $typeDoc = if ($outputType.Type) { $docMembers["T:$(Get-DocTypeName $outputType.Type)"] }
        Write-Paragraphs $writer @($(if ($typeDoc) { Get-DocText $typeDoc.SelectSingleNode('summary') } else { '' }))
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()

    $notes = Get-Paragraphs ([string] $source['Notes'])
    if ($notes) {
        $writer.WriteStartElement('maml', 'alertSet', $ns.maml)
        $writer.WriteStartElement('maml', 'alert', $ns.maml)
        foreach ($paragraph in $notes) { $writer.WriteElementString('maml', 'para', $ns.maml, $paragraph) }
        $writer.WriteEndElement()
        $writer.WriteEndElement()
    }

    $writer.WriteStartElement('command', 'examples', $ns.command)
    $number = 0
    foreach ($example in $examples) {
        $number++
        $writer.WriteStartElement('command', 'example', $ns.command)
        $writer.WriteElementString('maml', 'title', $ns.maml, "--------- Example ${number}: $($example['Title']) ---------")
        $writer.WriteElementString('dev', 'code', $ns.dev, ([string] $example['Code']).Trim())
        $writer.WriteStartElement('dev', 'remarks', $ns.dev)
        foreach ($paragraph in @(Get-Paragraphs ([string] $example['Remarks']))) { $writer.WriteElementString('maml', 'para', $ns.maml, $paragraph) }
        $writer.WriteEndElement()
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()

    $writer.WriteStartElement('command', 'relatedLinks', $ns.command)
    foreach ($link in @($source['RelatedLinks'] | Where-Object { $_ })) {
        $writer.WriteStartElement('maml', 'navigationLink', $ns.maml)
        if ($link -match '^https?://') {
            $writer.WriteElementString('maml', 'linkText', $ns.maml, $link)
            $writer.WriteElementString('maml', 'uri', $ns.maml, $link)
        }
        else {
            if (-not $known.ContainsKey($link)) { $problems.Add("${name}: related link '$link' is neither a URL nor a GradientMsp command.") }
            $writer.WriteElementString('maml', 'linkText', $ns.maml, $link)
            $writer.WriteElementString('maml', 'uri', $ns.maml, '')
        }
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()

    $writer.WriteEndElement() # command:command
}

$writer.WriteEndElement()
$writer.WriteEndDocument()
$writer.Flush()
$writer.Dispose()

foreach ($extra in Get-ChildItem $HelpSourcePath -Filter '*.psd1' | Where-Object { $_.BaseName -notin $names }) {
    Write-Warning "Help source $($extra.Name) is for a command that GradientMsp.psd1 does not export; it was not used."
}

if ($problems.Count) {
    throw "New-MamlHelp: $($problems.Count) problem(s):`n  - $($problems -join "`n  - ")"
}

[System.IO.File]::WriteAllBytes($helpPath, $buffer.ToArray())

# Read it back the way users will: Get-Help must find the file and show our synopsis.
foreach ($name in $names) {
    $help = Get-Help $name -Full
    if ($help.Synopsis -ne $synopses[$name]) {
        throw "New-MamlHelp: Get-Help $name does not show the generated help (synopsis '$($help.Synopsis)'); is $helpPath where PowerShell looks?"
    }
}

Write-Host "Wrote help for $($names.Count) cmdlets to $helpPath" -ForegroundColor Green
