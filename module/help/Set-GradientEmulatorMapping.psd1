@{
    Description  = @'
Plays the partner mapping in the setup wizard: a vendor account to one of the partner's PSA clients, or a service (a vendor sku or an organization service) to a PSA service, by id or by name. -Unmap puts it back to Unmapped. Only mapped account and service pairs accept usage (others get 404) and get a card on the Billing page.
'@
    Examples     = @(
        @{
            Title   = 'Map an account and a service by name'
            Code    = @'
Set-GradientEmulatorMapping -AccountId tenant-1 -PsaClientName 'Contoso Ltd'
$sku = (Get-GradientEmulatorState).Vendor.Skus | Select-Object -First 1
Set-GradientEmulatorMapping -ServiceId $sku.Id -PsaServiceName 'Endpoint Protection'
'@
            Remarks = ''
        }
        @{
            Title   = 'Map every unmapped account to the first PSA client'
            Code    = @'
$client = (Get-GradientEmulatorPsa).Clients[0]
Get-GradientEmulatorMapping -Account | Where-Object { -not $_.PsaClientId } |
    Set-GradientEmulatorMapping -PsaClientId $client.Id
'@
            Remarks = 'AccountId binds from the piped mapping rows.'
        }
        @{
            Title   = 'Unmap a service'
            Code    = 'Set-GradientEmulatorMapping -ServiceId 64f0c0ffee0000000000beef -Unmap'
            Remarks = ''
        }
    )
    RelatedLinks = @('Get-GradientEmulatorMapping', 'Get-GradientEmulatorPsa', 'Get-GradientEmulatorBilling')
}
