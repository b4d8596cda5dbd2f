@{
    Description  = @'
Removes injected faults from the emulator: the one with the given id, or all of them. Faults can be piped in from Get-GradientEmulatorFault.
'@
    Examples     = @(
        @{
            Title   = 'Remove every fault'
            Code    = 'Clear-GradientEmulatorFault'
            Remarks = ''
        }
        @{
            Title   = 'Remove the faults that never hit'
            Code    = 'Get-GradientEmulatorFault | Where-Object Hits -EQ 0 | Clear-GradientEmulatorFault'
            Remarks = ''
        }
    )
    RelatedLinks = @('Add-GradientEmulatorFault', 'Get-GradientEmulatorFault')
}
