@{
    Description  = @'
Plays the partner generating a new Partner API Key without disconnecting. From then on the old GRADIENT-TOKEN is answered with 401 Unauthorized, while the vendor's accounts, mappings and counts stay. Use it to check that an integration notices the 401 and asks for the new key instead of failing silently.
'@
    Examples     = @(
        @{
            Title   = 'The old token stops working'
            Code    = @'
New-GradientEmulatorPartnerKey -Confirm:$false
Get-GradientIntegration -ErrorAction SilentlyContinue -ErrorVariable failure
$failure[0].FullyQualifiedErrorId
'@
            Remarks = 'The connection made with the old key now fails with AuthenticationFailed.'
        }
    )
    RelatedLinks = @('Connect-GradientEmulatorPartner', 'Connect-GradientIntegration')
}
