# Dot-sourced at the top of every *.Tests.ps1: imports the staged module once and holds shared helpers.
if (-not (Get-Module GradientMsp)) {
    Import-Module GradientMsp -ErrorAction Stop
}

function New-TestSecureString([string] $Text) {
    ConvertTo-SecureString -String $Text -AsPlainText -Force
}

. (Join-Path $PSScriptRoot '../../tools/FreshPwsh.ps1')
