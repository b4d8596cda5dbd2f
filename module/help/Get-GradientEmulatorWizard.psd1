@{
    Description  = @'
Gets the partner's setup wizard as Synthesize shows it: whether Next is lit (only while the integration is connected and its status is pending or active, QA step "Confirm Next lights up"), whether setup is finished, how many accounts and services have arrived, how many are mapped, and the ids still unmapped.
'@
    Examples     = @(
        @{
            Title   = 'Did the integration set pending and send accounts?'
            Code    = 'Get-GradientEmulatorWizard | Select-Object Status, NextEnabled, AccountsReceived, ServicesReceived'
            Remarks = ''
        }
    )
    RelatedLinks = @('Set-GradientEmulatorMapping', 'Complete-GradientEmulatorSetup')
}
