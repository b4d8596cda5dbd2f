@{
    Description  = @'
Stops an emulator started by Start-GradientEmulator: it closes the emulator's input so that it saves its state file and exits, kills the process tree if it is still there after five seconds, and waits for it, so no process is left behind. Connections made to that emulator are closed and forgotten. An emulator this session attached to with Connect-GradientEmulator is only detached from: it keeps running in the session that started it.
'@
    Examples     = @(
        @{
            Title   = 'Stop the session''s emulator'
            Code    = 'Stop-GradientEmulator'
            Remarks = 'Stops the last emulator started in this session.'
        }
        @{
            Title   = 'Stop every emulator of the session'
            Code    = 'Stop-GradientEmulator -All'
            Remarks = ''
        }
    )
    RelatedLinks = @('Start-GradientEmulator', 'Get-GradientEmulator')
}
