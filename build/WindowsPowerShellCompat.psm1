# Finds PowerShell 7-only language and cmdlet parameters in scripts that must also run on Windows
# PowerShell 5.1 (everything the module ships). It parses with the running (7.x) parser, which accepts
# both dialects, and walks the syntax tree: a text search would trip on comments and strings.
#
# What it knows is a list, not a proof: the language features added after 5.1 that a script can use,
# the 7-only parameters of the cmdlets this codebase is likely to call, and cmdlets and automatic
# variables that 5.1 lacks. tests/pester/WindowsPowerShellCompat.Tests.ps1 holds a negative case for
# every entry, so an entry that stops matching fails there.

Set-StrictMode -Version Latest

# Cmdlet -> parameters that Windows PowerShell 5.1's version of it does not have.
$script:Ps7OnlyParameters = @{
    'ConvertFrom-Json'  = @('AsHashtable', 'Depth', 'NoEnumerate', 'DateKind')
    'ConvertTo-Json'    = @('AsArray', 'EnumsAsStrings', 'EscapeHandling')
    'Join-Path'         = @('AdditionalChildPath')
    'Get-Content'       = @('AsByteStream')
    'Set-Content'       = @('AsByteStream')
    'Add-Content'       = @('AsByteStream')
    'Split-Path'        = @('LeafBase', 'Extension')
    'Get-Date'          = @('AsUTC', 'UnixTimeSeconds')
    'Sort-Object'       = @('Top', 'Bottom', 'Stable')
    'ForEach-Object'    = @('Parallel', 'ThrottleLimit', 'AsJob', 'TimeoutSeconds', 'UseNewRunspace')
    'Select-String'     = @('Raw', 'NoEmphasis', 'Culture')
    'Export-Csv'        = @('UseQuotes', 'QuoteFields')
    'ConvertTo-Csv'     = @('UseQuotes', 'QuoteFields')
    'Start-Process'     = @('Environment')
    'Test-Connection'   = @('TargetName', 'Ping', 'TcpPort', 'Traceroute', 'MtuSize')
    'Invoke-RestMethod' = @('SkipCertificateCheck', 'Authentication', 'Token', 'StatusCodeVariable',
        'ResponseHeadersVariable', 'SkipHttpErrorCheck', 'MaximumRetryCount', 'RetryIntervalSec', 'Form',
        'SslProtocol', 'NoProxy', 'AllowUnencryptedAuthentication', 'HttpVersion', 'Resume',
        'SkipHeaderValidation', 'PreserveAuthorizationOnRedirect', 'ConnectionTimeoutSeconds',
        'OperationTimeoutSeconds', 'FollowRelLink', 'MaximumFollowRelLink', 'CustomMethod', 'PreserveHttpMethodOnRedirect')
    'Invoke-WebRequest' = @('SkipCertificateCheck', 'Authentication', 'Token', 'SkipHttpErrorCheck',
        'MaximumRetryCount', 'RetryIntervalSec', 'Form', 'SslProtocol', 'NoProxy', 'AllowUnencryptedAuthentication',
        'HttpVersion', 'Resume', 'SkipHeaderValidation', 'PreserveAuthorizationOnRedirect',
        'ConnectionTimeoutSeconds', 'OperationTimeoutSeconds', 'CustomMethod', 'PreserveHttpMethodOnRedirect')
}

# Aliases a 5.1 script might use for the cmdlets above.
$script:Aliases = @{ '%' = 'ForEach-Object'; 'foreach' = 'ForEach-Object'; 'irm' = 'Invoke-RestMethod'; 'iwr' = 'Invoke-WebRequest'; 'gc' = 'Get-Content'; 'sc' = 'Set-Content'; 'ac' = 'Add-Content'; 'sort' = 'Sort-Object'; 'sls' = 'Select-String'; 'epcsv' = 'Export-Csv'; 'saps' = 'Start-Process'; 'start' = 'Start-Process' }

# Commands that do not exist in Windows PowerShell 5.1.
$script:Ps7OnlyCommands = @('Join-String', 'Get-Error', 'Test-Json', 'Get-Uptime', 'Start-ThreadJob',
    'ConvertFrom-Markdown', 'Show-Markdown', 'Remove-Alias', 'Remove-Service', 'Get-PSSubsystem',
    'Get-ExperimentalFeature', 'Enable-ExperimentalFeature', 'Disable-ExperimentalFeature', 'Clear-RecycleBin')

# Automatic variables 5.1 does not define (under Set-StrictMode they are errors there).
$script:Ps7OnlyVariables = @('IsWindows', 'IsLinux', 'IsMacOS', 'IsCoreCLR', 'PSStyle')

# -Encoding values 5.1 does not accept.
$script:Ps7OnlyEncodings = @('utf8NoBOM', 'utf8BOM', 'ansi')

function New-Finding {
    param([string] $File, $Extent, [string] $Rule, [string] $Message)
    [pscustomobject]@{
        PSTypeName = 'GradientMsp.Build.CompatFinding'
        File       = $File
        Line       = $Extent.StartLineNumber
        Rule       = $Rule
        Message    = $Message
        Text       = $Extent.Text
    }
}

function Find-WindowsPowerShellIncompatibility {
    <#
    .SYNOPSIS
        Lists PowerShell 7-only syntax, parameters, commands and variables in scripts.
    .PARAMETER Path
        Script files (.ps1, .psm1) to check.
    .PARAMETER ScriptText
        Script text to check instead of a file (used by the tests' negative cases).
    .OUTPUTS
        One finding per incompatibility: File, Line, Rule, Message, Text. None means compatible.
    #>
    [CmdletBinding(DefaultParameterSetName = 'Path')]
    param(
        [Parameter(Mandatory, ParameterSetName = 'Path', ValueFromPipeline, ValueFromPipelineByPropertyName)]
        [Alias('FullName')]
        [string[]] $Path,

        [Parameter(Mandatory, ParameterSetName = 'Text')]
        [string] $ScriptText
    )
    process {
        $inputs = [System.Collections.Generic.List[object[]]]::new()
        if ($PSCmdlet.ParameterSetName -eq 'Text') { $inputs.Add(@('<text>', $ScriptText)) }
        else { foreach ($p in $Path) { $inputs.Add(@($p, $null)) } }
        foreach ($item in $inputs) {
            $file = $item[0]; $text = $item[1]
            $tokens = $null; $errors = $null
            $ast = if ($null -ne $text) {
                [System.Management.Automation.Language.Parser]::ParseInput($text, [ref] $tokens, [ref] $errors)
            }
            else {
                [System.Management.Automation.Language.Parser]::ParseFile($file, [ref] $tokens, [ref] $errors)
            }
            foreach ($e in $errors) { New-Finding $file $e.Extent 'ParseError' $e.Message }

            foreach ($token in $tokens) {
                $rule = switch ($token.Kind) {
                    'AndAnd' { 'PipelineChain' } 'OrOr' { 'PipelineChain' }
                    'QuestionQuestion' { 'NullCoalescing' } 'QuestionQuestionEquals' { 'NullCoalescing' }
                    'QuestionDot' { 'NullConditional' } 'QuestionLBracket' { 'NullConditional' }
                    default { $null }
                }
                if ($rule) { New-Finding $file $token.Extent $rule "'$($token.Text)' needs PowerShell 7." }
            }

            $nodes = $ast.FindAll({ $true }, $true)
            foreach ($node in $nodes) {
                switch ($node.GetType().Name) {
                    'TernaryExpressionAst' { New-Finding $file $node.Extent 'Ternary' "The ternary operator '? :' needs PowerShell 7: use if/else." }
                    'ScriptBlockAst' {
                        if ($null -ne $node.PSObject.Properties['CleanBlock'] -and $null -ne $node.CleanBlock) {
                            New-Finding $file $node.CleanBlock.Extent 'CleanBlock' "A 'clean' block needs PowerShell 7.3: use try/finally in end."
                        }
                    }
                    'VariableExpressionAst' {
                        $name = $node.VariablePath.UserPath
                        if ($script:Ps7OnlyVariables -contains $name) {
                            New-Finding $file $node.Extent 'Variable' "`$$name is not defined in Windows PowerShell 5.1 (test `$PSVersionTable.PSEdition instead)."
                        }
                    }
                    'CommandAst' { Test-Command $file $node }
                }
            }
        }
    }
}

function Test-Command {
    param([string] $File, $Command)
    $name = $Command.GetCommandName()
    if (-not $name) { return }
    if ($script:Aliases.ContainsKey($name)) { $name = $script:Aliases[$name] }
    if ($script:Ps7OnlyCommands -contains $name) {
        New-Finding $File $Command.Extent 'Command' "$name does not exist in Windows PowerShell 5.1."
        return
    }
    $elements = $Command.CommandElements
    for ($i = 1; $i -lt $elements.Count; $i++) {
        $element = $elements[$i]
        if ($element -isnot [System.Management.Automation.Language.CommandParameterAst]) { continue }
        $parameter = $element.ParameterName
        $known = $script:Ps7OnlyParameters[$name]
        if ($known) {
            # A prefix of at least three letters names the parameter, as PowerShell's binder allows.
            $hit = $known | Where-Object { $_ -eq $parameter -or ($parameter.Length -ge 3 -and $_.StartsWith($parameter, [StringComparison]::OrdinalIgnoreCase) -and @($known | Where-Object { $_.StartsWith($parameter, [StringComparison]::OrdinalIgnoreCase) }).Count -eq 1) }
            if ($hit) {
                New-Finding $File $element.Extent 'Parameter' "$name -$(@($hit)[0]) needs PowerShell 7."
            }
        }
        if ($parameter -eq 'Encoding') {
            $value = if ($null -ne $element.Argument) { $element.Argument } elseif ($i + 1 -lt $elements.Count) { $elements[$i + 1] } else { $null }
            if ($value -is [System.Management.Automation.Language.StringConstantExpressionAst] -and
                ($script:Ps7OnlyEncodings -contains $value.Value)) {
                New-Finding $File $value.Extent 'Encoding' "-Encoding $($value.Value) is not known to Windows PowerShell 5.1 (use UTF8, or [IO.File] with a UTF8Encoding(`$false))."
            }
        }
    }
}

Export-ModuleMember -Function Find-WindowsPowerShellIncompatibility
