@{
    Description  = @'
Plays the partner's first two QA steps in Synthesize: "Click Connect on the Integration" and "Generate API Token". The partner gets a new Partner API Key, the integration status is inactive and a new setup begins (accounts and services whose names match PSA names exactly are mapped automatically until Finish). Refused (409) while the integration is already connected: disconnect first, or use New-GradientEmulatorPartnerKey.

The returned partner carries PartnerKey and Token, which the vendor's integration needs to authenticate.
'@
    Examples     = @(
        @{
            Title   = 'Reconnect after a disconnect and hand the key to the integration'
            Code    = @'
Disconnect-GradientEmulatorPartner -Confirm:$false
$partner = Connect-GradientEmulatorPartner
Connect-GradientIntegration -Emulator (Get-GradientEmulator)
'@
            Remarks = 'The emulator object follows the seeded partner''s key, so Connect-GradientIntegration -Emulator uses the new key.'
        }
        @{
            Title   = 'Choose the key'
            Code    = @'
Disconnect-GradientEmulatorPartner -Confirm:$false
Connect-GradientEmulatorPartner -PartnerKey test-partner-key-2
'@
            Remarks = 'A connected partner must be disconnected first: on a fresh emulator the seeded partner is connected, and connecting again answers 409.'
        }
    )
    RelatedLinks = @('Disconnect-GradientEmulatorPartner', 'New-GradientEmulatorPartnerKey', 'Connect-GradientIntegration')
}
