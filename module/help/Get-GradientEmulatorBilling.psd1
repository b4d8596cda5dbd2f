@{
    Description  = @'
Gets the partner's Billing page: a service card for each mapped account and mapped service that has a PSA contract line or imported usage, with the PSA quantity beside the vendor's imported quantity and the card state (Reconcile, NoChange, NewRevenueFound, or '-' when nothing was imported). Counts pushed with no_build=true appear only after a later push without it rebuilds the page; -Page shows whether such counts are waiting.
'@
    Examples     = @(
        @{
            Title   = 'Refresh the Billing page'
            Code    = 'Get-GradientEmulatorBilling | Format-Table AccountName, ServiceName, PsaQuantity, ImportedQuantity, State'
            Remarks = ''
        }
        @{
            Title   = 'Is a rebuild pending?'
            Code    = '(Get-GradientEmulatorBilling -Page).PendingBuild'
            Remarks = ''
        }
    )
    RelatedLinks = @('Sync-GradientUsage', 'Set-GradientEmulatorMapping')
}
