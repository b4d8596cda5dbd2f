using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace GradientMsp.Client.Tests
{
    /// <summary>One end-to-end check of the default primary handler against a loopback socket (no outside network).</summary>
    public class LoopbackTests
    {
        [Fact]
        public async Task The_default_handler_sends_the_token_over_a_real_socket()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            try
            {
                int port = ((IPEndPoint)listener.LocalEndpoint).Port;
                var server = Task.Run(async () =>
                {
                    using var socket = await listener.AcceptTcpClientAsync();
                    using var stream = socket.GetStream();
                    var buffer = new byte[8192];
                    var request = new StringBuilder();
                    while (!request.ToString().Contains("\r\n\r\n"))
                    {
                        int n = await stream.ReadAsync(buffer);
                        if (n == 0) break;
                        request.Append(Encoding.ASCII.GetString(buffer, 0, n));
                    }
                    var body = "{\"organizationId\":\"o\",\"status\":\"active\"}";
                    var answer = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.Length + "\r\nConnection: close\r\n\r\n" + body;
                    await stream.WriteAsync(Encoding.ASCII.GetBytes(answer));
                    return request.ToString();
                });

                using var client = new GradientClient(new GradientCredential("abc123", "def456"), new GradientClientOptions
                {
                    BaseUri = new Uri("http://127.0.0.1:" + port + "/api"),
                    RequestTimeout = TimeSpan.FromSeconds(20),
                    MaxRetries = 0,
                });
                var integration = await client.GetIntegrationAsync();
                var raw = await server;

                Assert.Equal("active", integration.Status);
                Assert.StartsWith("GET /api/vendor-api/organization HTTP/1.1\r\n", raw);
                Assert.Contains("GRADIENT-TOKEN: YWJjMTIzOmRlZjQ1Ng==\r\n", raw);
                Assert.Contains("Accept: application/json\r\n", raw);
                Assert.Equal(1, client.RequestCount);
            }
            finally
            {
                listener.Stop();
            }
        }
    }
}
