@{
    Description  = @'
Attaches this session to a Synthesize emulator that another session started with Start-GradientEmulator, for example a second terminal that plays the partner while the first runs the integration or Invoke-GradientQA. It reads the emulator's own description from its control API (/_emulator/info) and returns the same kind of emulator object Start-GradientEmulator returns, now this session's default emulator, so every emulator cmdlet (Get-GradientEmulatorPartner, Set-GradientEmulatorMapping, Complete-GradientEmulatorSetup, New-GradientEmulatorPartner...) drives it without -Emulator.

The attached emulator belongs to the session that started it: Stop-GradientEmulator here only detaches, and closing or removing the module in this session leaves the emulator running. The control API answers loopback callers only, so the emulator must run on this machine. Attaching to an emulator this session started itself returns that emulator.
'@
    Examples     = @(
        @{
            Title   = 'Play the partner from a second terminal'
            Code    = @'
# terminal 1
$e = Start-GradientEmulator
$e.BaseUri            # http://127.0.0.1:41234

# terminal 2
Connect-GradientEmulator -BaseUri http://127.0.0.1:41234
Connect-GradientEmulatorPartner
Get-GradientEmulatorWizard
'@
            Remarks = 'The second terminal generates the partner key and watches the setup wizard while the first runs the integration.'
            NotRunnable = 'Two terminals: it attaches to an emulator another session started (tests/pester/Connect-GradientEmulator.Tests.ps1 does this in a child pwsh).'
        }
        @{
            Title   = 'Detach again'
            Code    = '$e = Connect-GradientEmulator http://127.0.0.1:41234; $e | Stop-GradientEmulator -Verbose'
            Remarks = 'Only forgets the attached emulator; it keeps running in the session that started it.'
            NotRunnable = 'Two terminals: it attaches to an emulator another session started (tests/pester/Connect-GradientEmulator.Tests.ps1 does this in a child pwsh).'
        }
    )
    RelatedLinks = @('Start-GradientEmulator', 'Get-GradientEmulator', 'Stop-GradientEmulator', 'New-GradientEmulatorPartner')
}
