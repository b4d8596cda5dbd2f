@{
    Description  = @'
Plays the partner disconnecting the integration in Synthesize: every account the vendor created for that partner is deleted with its counts and mappings, service mappings are cleared, the token stops working (401) and the status becomes inactive. The result says how many accounts and counts were deleted.
'@
    Examples     = @(
        @{
            Title   = 'Disconnect and see what was deleted'
            Code    = 'Disconnect-GradientEmulatorPartner -Confirm:$false | Select-Object DeletedAccounts, DeletedCounts, Status'
            Remarks = ''
        }
    )
    RelatedLinks = @('Connect-GradientEmulatorPartner', 'Disconnect-GradientIntegration')
}
