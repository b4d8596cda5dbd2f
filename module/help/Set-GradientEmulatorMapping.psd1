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
            Setup   = 'New-GradientAccount -Id tenant-1 -Name ''Tenant One'' | Out-Null; New-GradientService -Name ''Managed EDR'' -Description ''EDR per endpoint'' -Category security -Subcategory ''endpoint detection and response (EDR)'' | Out-Null'
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
            Code    = 'Set-GradientEmulatorMapping -ServiceId $serviceId -Unmap'
            Remarks = ''
            Setup   = '$serviceId = (New-GradientService -Name ''Managed EDR'' -Description ''EDR per endpoint'' -Category security -Subcategory ''endpoint detection and response (EDR)'').Id; Set-GradientEmulatorMapping -ServiceId $serviceId -PsaServiceName ''Endpoint Protection'' | Out-Null'
        }
    )
    RelatedLinks = @('Get-GradientEmulatorMapping', 'Get-GradientEmulatorPsa', 'Get-GradientEmulatorBilling')
}
