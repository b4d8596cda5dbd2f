@{
    Description  = @'
Gets the emulator that the emulator cmdlets use by default: the last one started in this session and still running. With -All, every emulator started in this session and not yet stopped.
'@
    Examples     = @(
        @{
            Title   = 'Where is the emulator?'
            Code    = '(Get-GradientEmulator).BaseUri'
            Remarks = ''
        }
        @{
            Title   = 'Is it still running?'
            Code    = 'Get-GradientEmulator -All | Select-Object BaseUri, ProcessId, IsRunning'
            Remarks = ''
        }
    )
    RelatedLinks = @('Start-GradientEmulator', 'Stop-GradientEmulator')
}
