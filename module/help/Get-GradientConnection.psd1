@{
    Description  = @'
Lists the open connections made with Connect-GradientIntegration in this session (runspace). The last one listed is the default: the one every command uses without -Connection. Connections carry no keys, only the last characters of the partner key to tell partners apart.
'@
    Examples     = @(
        @{
            Title   = 'Which partner am I talking to?'
            Code    = 'Get-GradientConnection -Current'
            Remarks = 'Shows the default connection: partner organization, status, base URI and partner key hint.'
        }
        @{
            Title   = 'Work with two partners side by side'
            Code    = @'
$first = Connect-GradientIntegration -VendorApiKey $vendorKey -PartnerApiKey $partnerKeyA -PassThru
$second = Connect-GradientIntegration -VendorApiKey $vendorKey -PartnerApiKey $partnerKeyB -PassThru
Get-GradientConnection
Get-GradientAccount -Connection $first
'@
            Remarks = 'Both connections are listed; $second is the default because it was made last.'
            NotRunnable = 'Needs a second partner''s key: the emulator seeds one partner.'
        }
    )
    RelatedLinks = @('Connect-GradientIntegration', 'Disconnect-GradientIntegration')
}
