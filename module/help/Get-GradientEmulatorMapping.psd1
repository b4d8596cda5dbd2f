@{
    Description  = @'
Gets the partner's mapping screens: each account the vendor created with the PSA client it is mapped to, and each service (vendor-wide skus and organization services) with its PSA service, including whether the mapping was made automatically because the names match exactly.
'@
    Examples     = @(
        @{
            Title   = 'Unmapped accounts'
            Code    = 'Get-GradientEmulatorMapping -Account | Where-Object { -not $_.PsaClientId }'
            Remarks = ''
        }
        @{
            Title   = 'All service mappings'
            Code    = 'Get-GradientEmulatorMapping -Service | Format-Table ServiceName, Kind, PsaServiceName'
            Remarks = ''
        }
    )
    RelatedLinks = @('Set-GradientEmulatorMapping', 'Get-GradientEmulatorPsa')
}
