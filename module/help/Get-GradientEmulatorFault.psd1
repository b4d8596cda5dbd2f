@{
    Description  = @'
Gets the faults injected into the emulator with Add-GradientEmulatorFault, with how many requests each one has hit and how many uses remain.
'@
    Examples     = @(
        @{
            Title   = 'Which faults are active?'
            Code    = 'Get-GradientEmulatorFault'
            Remarks = ''
        }
    )
    RelatedLinks = @('Add-GradientEmulatorFault', 'Clear-GradientEmulatorFault')
}
