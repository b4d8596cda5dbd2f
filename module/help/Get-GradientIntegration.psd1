@{
    Description  = @'
Gets the partner's integration settings (GET /vendor-api/organization): the partner organization, the vendor, the integration id, the status (inactive, pending or active) and when Gradient last synced. Gradient calls this the preferred way to check that a GRADIENT-TOKEN works. It also refreshes the status shown on the connection.
'@
    Examples     = @(
        @{
            Title   = 'Check the keys and the status'
            Code    = 'Get-GradientIntegration'
            Remarks = 'An AuthenticationFailed error means the keys are wrong, or the partner regenerated the key or disconnected.'
        }
        @{
            Title   = 'Set pending only when not yet active'
            Code    = @'
if ((Get-GradientIntegration).Status -ne 'active') {
    Set-GradientStatus -Status pending
}
'@
            Remarks = 'Set-GradientStatus does this check itself too; it refuses to move an active integration back to pending without -Force.'
        }
    )
    RelatedLinks = @('Set-GradientStatus', 'Connect-GradientIntegration')
}
