@{
    Description  = @'
Starts the local Synthesize emulator that ships with the module (the emulator folder beside lib) as a child process listening on 127.0.0.1 and a free port, waits until it reports ready and returns it. It serves the vendor API under /api/vendor-api exactly as the client expects, and the partner's side of Synthesize (connect, generate a key, map, finish, billing page, disconnect) under /_emulator, which the GradientEmulator* cmdlets drive.

The emulator becomes the default of this session: the other emulator cmdlets use it without -Emulator, and Connect-GradientIntegration without keys connects to it. Its vendor and partner keys are random test keys, exposed as VendorKey and PartnerKey but not shown in the default view. The process exits when Stop-GradientEmulator is called, when the module is removed, or when this PowerShell process ends.
'@
    Examples     = @(
        @{
            Title   = 'Start an emulator and connect to it'
            Code    = @'
$emulator = Start-GradientEmulator -Connect
Get-GradientIntegration
Stop-GradientEmulator
'@
            Remarks = '-Connect runs Connect-GradientIntegration against the emulator as its seeded partner (status becomes pending), so the API cmdlets work at once.'
        }
        @{
            Title   = 'A fast emulator with no rate limit that keeps its state between runs'
            Code    = 'Start-GradientEmulator -RateLimit 0 -StateFile ./emulator-state.json'
            Remarks = 'The state is saved when the emulator stops and loaded on the next start with the same file.'
        }
        @{
            Title   = 'Use the keys in another tool'
            Code    = @'
$emulator = Start-GradientEmulator
$emulator | Select-Object BaseUri, ApiBaseUri, VendorKey, PartnerKey
'@
            Remarks = 'Any client can use BaseUri with the two keys (GRADIENT-TOKEN = Base64 of vendorKey:partnerKey).'
        }
    )
    Notes        = 'Needs the .NET 8 runtime (dotnet on PATH, or DOTNET_ROOT). $env:GRADIENT_EMULATOR_DLL points at another GradientMsp.Emulator.dll.'
    RelatedLinks = @('Stop-GradientEmulator', 'Get-GradientEmulator', 'Connect-GradientIntegration', 'Invoke-GradientQA')
}
