@{
    Description  = @'
Opens a connection to Synthesize for one partner: the vendor API key plus the partner's API key (which the partner generates in Synthesize) make the GRADIENT-TOKEN. The keys are checked with GET /organization, the preferred credential check, and the integration status is then set to pending, which is what lights up "Next" in the partner's setup wizard. An integration that is already active is never moved back to pending.

Keys can be given as SecureString or plain string; when they are not given, $env:GRADIENT_VENDOR_API_KEY and $env:GRADIENT_PARTNER_API_KEY are used, which suits RMM and scheduled runs. The connection becomes the default for every other command in this session (runspace); -PassThru returns it, for scripts that work with several partners at once through -Connection.

-BaseUri points the connection at another host root, for example a local emulator; plain http is only accepted for 127.0.0.1/localhost. With no keys anywhere it connects to the emulator started in this session (or, typed at the prompt, starts one); with -Emulator, to that emulator. In a script, missing keys with no emulator started is a MissingApiKey error, so an unattended run never syncs to a local emulator by mistake.

On success it prints one line saying what it connected to: organization, vendor, host, the partner key's last four characters (****abcd) and the integration status. The line is written the way Write-Host writes (the information stream, tagged PSHOST): it is not output, so $c = Connect-GradientIntegration -PassThru stays clean, and -NoWelcome, -InformationAction Ignore or 6>$null silence it; -InformationVariable captures it.
'@
    Examples     = @(
        @{
            Title   = 'Connect interactively with SecureString keys'
            Code    = @'
$vendorKey = Read-Host -AsSecureString -Prompt 'Vendor API key'
$partnerKey = Read-Host -AsSecureString -Prompt 'Partner API key'
Connect-GradientIntegration -VendorApiKey $vendorKey -PartnerApiKey $partnerKey
'@
            Remarks = 'Verifies the keys and sets the integration status to pending. The keys are not echoed and are never shown in output, verbose messages or errors.'
            NotRunnable = 'Read-Host waits for a person to type the keys.'
        }
        @{
            Title   = 'Unattended run from an RMM tool'
            Code    = @'
$env:GRADIENT_VENDOR_API_KEY = $VendorKeyFromRmm
$env:GRADIENT_PARTNER_API_KEY = $PartnerKeyFromRmm
Connect-GradientIntegration -SkipStatusUpdate -ErrorAction Stop
Import-Csv ./usage.csv | Sync-GradientUsage -Summary
'@
            Remarks = 'With no key parameters the environment variables are used. -SkipStatusUpdate only checks the keys, for scheduled runs after setup; -ErrorAction Stop ends the script at once if the keys are refused.'
            Setup   = '$VendorKeyFromRmm = $vendorKey; $PartnerKeyFromRmm = $partnerKey; $env:GRADIENT_BASE_URI = $emulator.BaseUri; Initialize-ExampleData'
        }
        @{
            Title   = 'Connect to a local emulator'
            Code    = @'
$emulator = Start-GradientEmulator
$connection = Connect-GradientIntegration -VendorApiKey $emulator.VendorKey -PartnerApiKey $emulator.PartnerKey -BaseUri $emulator.BaseUri -PassThru
Get-GradientIntegration -Connection $connection
'@
            Remarks = 'Start-GradientEmulator runs the Synthesize emulator on a free loopback port; -BaseUri sends every request there instead of app.usegradient.com.'
        }
    )
    RelatedLinks = @('Disconnect-GradientIntegration', 'Get-GradientConnection', 'Get-GradientIntegration', 'Set-GradientStatus', 'Start-GradientEmulator')
}
