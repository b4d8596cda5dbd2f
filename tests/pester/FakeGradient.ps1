# A tiny canned-answer HTTP server on 127.0.0.1 for the server-free cmdlet tests: it answers
# GET /organization (so Connect-GradientIntegration succeeds) and whatever routes a test adds,
# and records every request, so a test can assert that -WhatIf or a validation error sent nothing.
# The end-to-end suite uses the real emulator instead; this only needs System.Net.HttpListener.

function Start-FakeGradient {
    param(
        # 'METHOD /api/vendor-api/path' = @{ Status = 200; Body = '<json>' }
        [hashtable] $Routes = @{}
    )

    $routeTable = [hashtable]::Synchronized(@{})
    $routeTable['GET /api/vendor-api/organization'] = @{ Status = 200; Body = '{"organizationId":"org-1","name":"Fake Partner","vendorId":"v-1","vendorName":"Fake Vendor","integrationId":"i-1","status":"pending"}' }
    foreach ($key in $Routes.Keys) { $routeTable[$key] = $Routes[$key] }

    $probe = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $probe.Start()
    $port = $probe.LocalEndpoint.Port
    $probe.Stop()

    $prefix = "http://127.0.0.1:$port/"
    $listener = [System.Net.HttpListener]::new()
    $listener.Prefixes.Add($prefix)
    $listener.Start()
    $log = [System.Collections.Concurrent.ConcurrentQueue[object]]::new()

    $worker = [powershell]::Create()
    $null = $worker.AddScript({
            param($listener, $routes, $log)
            while ($listener.IsListening) {
                try { $context = $listener.GetContext() } catch { break }
                $request = $context.Request
                $reader = [System.IO.StreamReader]::new($request.InputStream)
                $body = $reader.ReadToEnd()
                $reader.Dispose()
                $log.Enqueue([pscustomobject]@{ Method = $request.HttpMethod; Path = $request.Url.PathAndQuery; Body = $body })
                $answer = $routes["$($request.HttpMethod) $($request.Url.AbsolutePath)"]
                if (-not $answer) { $answer = @{ Status = 404; Body = '{"statusCode":404,"message":"Not found in the fake"}' } }
                # Echo answers a create with what was sent, as the bulk create routes do.
                $text = if ($answer['Echo']) { $body } else { [string] $answer.Body }
                $bytes = [System.Text.Encoding]::UTF8.GetBytes($text)
                $context.Response.StatusCode = $answer.Status
                $context.Response.ContentType = 'application/json'
                $context.Response.OutputStream.Write($bytes, 0, $bytes.Length)
                $context.Response.Close()
            }
        }).AddArgument($listener).AddArgument($routeTable).AddArgument($log)
    $handle = $worker.BeginInvoke()

    [pscustomobject]@{
        BaseUri  = [uri] $prefix
        Routes   = $routeTable
        Log      = $log
        Listener = $listener
        Worker   = $worker
        Handle   = $handle
    }
}

function Stop-FakeGradient {
    param([Parameter(Mandatory)] $Fake)
    $Fake.Listener.Stop()
    $Fake.Listener.Close()
    $null = $Fake.Worker.Stop()
    $Fake.Worker.Dispose()
}

function Get-FakeRequest {
    # The requests the fake has seen since the last Clear-FakeRequest, oldest first.
    param([Parameter(Mandatory)] $Fake)
    @($Fake.Log.ToArray())
}

function Clear-FakeRequest {
    param([Parameter(Mandatory)] $Fake)
    $entry = $null
    while ($Fake.Log.TryDequeue([ref] $entry)) { }
}

function Get-StandardFakeRoutes {
    # A small vendor: two services, two accounts, one organization service, alert messages in
    # each ticket state. Tests change single routes through $fake.Routes.
    $vendor = '{"id":"v-1","name":"Fake Vendor","skus":[{"id":"s1","name":"Backup Pro","category":"backup","subcategory":"cloud backup"},{"id":"s2","name":"Managed EDR","category":"security","subcategory":"endpoint detection and response (EDR)"}]}'
    $vendorAfterCreate = '{"id":"v-1","name":"Fake Vendor","skus":[{"id":"s1","name":"Backup Pro","category":"backup","subcategory":"cloud backup"},{"id":"s2","name":"Managed EDR","category":"security","subcategory":"endpoint detection and response (EDR)"},{"id":"s3","name":"New Service","category":"other","subcategory":"other"}]}'
    @{
        'GET /api/vendor-api'                                = @{ Status = 200; Body = '{"status":200,"data":' + $vendor + ',"message":"Success - Retrieved Vendor"}' }
        'PATCH /api/vendor-api'                              = @{ Status = 200; Body = '{"status":200,"data":' + $vendor + ',"message":"Success"}' }
        'POST /api/vendor-api/service'                       = @{ Status = 201; Body = $vendorAfterCreate }
        'GET /api/vendor-api/service/s1'                     = @{ Status = 200; Body = '{"status":200,"data":{"id":"s1","name":"Backup Pro","category":"backup","subcategory":"cloud backup"},"message":"ok"}' }
        'PATCH /api/vendor-api/service/s1'                   = @{ Status = 200; Body = '' }
        'GET /api/vendor-api/organization/accounts'          = @{ Status = 200; Body = '[{"id":"a1","name":"Contoso","description":""},{"id":"a2","name":"Fabrikam","description":"","isMapped":true}]' }
        'POST /api/vendor-api/organization/accounts'         = @{ Status = 201; Echo = $true }
        'PATCH /api/vendor-api/organization/accounts/a1'     = @{ Status = 200; Body = '{"id":"a1","name":"Contoso Group","description":""}' }
        'GET /api/vendor-api/organization/services'          = @{ Status = 200; Body = '[{"id":"o1","name":"Org One","description":"","isMapped":false}]' }
        'POST /api/vendor-api/organization/services'         = @{ Status = 201; Echo = $true }
        'PATCH /api/vendor-api/organization/services/o1'     = @{ Status = 200; Body = '{"id":"o1","name":"Org Renamed","description":""}' }
        'GET /api/vendor-api/organization/clients'           = @{ Status = 200; Body = '{"meta":{},"clients":[{"id":"c1","name":"Client One","address":{"city":"Seattle"},"tags":["a","b"]}]}' }
        'POST /api/vendor-api/alerting/a1'                   = @{ Status = 201; Body = '{"messageId":"m-ok","alertId":"al-1","correlationID":"cor-1"}' }
        'GET /api/vendor-api/alerting/debug/m-ok'            = @{ Status = 200; Body = '{"messageId":"m-ok","status":"success","ticketId":"T-100"}' }
        'GET /api/vendor-api/alerting/debug/m-failed'        = @{ Status = 200; Body = '{"messageId":"m-failed","status":"failed","statusCode":400,"errors":["Service not mapped to a board"]}' }
        'GET /api/vendor-api/alerting/debug/m-pending'       = @{ Status = 200; Body = '{"messageId":"m-pending","status":"pending"}' }
    }
}

function Connect-FakeGradient {
    # Connects this runspace to the fake without touching the status, so the log starts clean.
    param([Parameter(Mandatory)] $Fake)
    Connect-GradientIntegration -VendorApiKey 'fake-vendor' -PartnerApiKey 'fake-partner' -BaseUri $Fake.BaseUri `
        -SkipStatusUpdate -MaxRetries 0 -RequestsPerSecond 0 -TimeoutSec 5 -PassThru
}
