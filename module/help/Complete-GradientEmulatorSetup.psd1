@{
    Description  = @'
Plays the partner pressing Finish in the setup wizard. It is refused (409) while Next is not lit, that is, until the integration has set its status to pending. After Finish, automatic mapping by exact name stops; usage still has to be pushed before the Billing page shows anything.
'@
    Examples     = @(
        @{
            Title   = 'Finish and check'
            Code    = 'Complete-GradientEmulatorSetup -PassThru | Select-Object SetupFinished, MappedAccounts, MappedServices'
            Remarks = ''
        }
    )
    RelatedLinks = @('Get-GradientEmulatorWizard', 'Set-GradientEmulatorMapping')
}
