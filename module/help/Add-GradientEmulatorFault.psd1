@{
    Description  = @'
Makes the emulator misbehave on purpose for the vendor API requests that match a path glob and method: answer with an HTTP status (429 with Retry-After, 500, 503, 401...), add latency, or drop the connection. A fault can apply to the next N matching requests only, or with a probability. Use it to test retries, timeouts and error handling.
'@
    Examples     = @(
        @{
            Title   = 'The next two usage pushes are rate limited'
            Code    = 'Add-GradientEmulatorFault -Path /service/*/count -Method POST -StatusCode 429 -RetryAfterSeconds 1 -Count 2'
            Remarks = ''
        }
        @{
            Title   = 'A slow API'
            Code    = 'Add-GradientEmulatorFault -LatencyMs 2000 -Count 1'
            Remarks = ''
        }
        @{
            Title   = 'Drop the connection on account creation'
            Code    = 'Add-GradientEmulatorFault -Path /organization/accounts -Method POST -Abort -Count 1'
            Remarks = ''
        }
    )
    RelatedLinks = @('Get-GradientEmulatorFault', 'Clear-GradientEmulatorFault', 'Get-GradientEmulatorRequestLog')
}
