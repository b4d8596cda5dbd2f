@{
    Description  = @'
Puts the emulator back to the state it had when it started: the vendor's services, portal URL and every partner's accounts, counts, mappings and alerts are gone, faults and the request log are cleared. The vendor key and the seeded partner's key are kept, so existing connections keep working. Faster than stopping and starting a new emulator between tests.
'@
    Examples     = @(
        @{
            Title   = 'A clean emulator between two tests'
            Code    = 'Reset-GradientEmulator -Confirm:$false'
            Remarks = ''
        }
        @{
            Title   = 'Start again without PSA data'
            Code    = 'Reset-GradientEmulator -NoSeed -Confirm:$false'
            Remarks = 'The seeded partner then has no PSA clients, services or contract lines.'
        }
    )
    RelatedLinks = @('Start-GradientEmulator', 'Get-GradientEmulatorState')
}
