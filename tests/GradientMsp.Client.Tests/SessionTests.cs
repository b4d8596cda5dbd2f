using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using GradientMsp.Client.Models;
using GradientMsp.Client.Session;

namespace GradientMsp.Client.Tests
{
    /// <summary>The session: connect (verify, pending unless active), observe, status, partner children, close.</summary>
    public class SessionTests
    {
        private static string Integration(string status) => "{\"organizationId\":\"64o\",\"name\":\"AJ AT\",\"vendorName\":\"API\",\"integrationId\":\"64i\",\"status\":\"" + status + "\"}";

        private static GradientClientOptions Options(FakeHandler handler) => new GradientClientOptions
        {
            BaseUri = new Uri("https://gradient.example"),
            PrimaryHandler = handler,
            RequestsPerSecond = 0,
            MaxRetries = 0,
        };

        private static FakeHandler Partner(string initialStatus)
        {
            string status = initialStatus;
            var handler = new FakeHandler();
            handler.Answer(r =>
            {
                if (r.Method == "PATCH") status = r.Path.Substring(r.Path.LastIndexOf('/') + 1);
                return Http.Json(200, Integration(status));
            });
            return handler;
        }

        [Fact]
        public async Task Connect_verifies_then_sets_pending_and_observes_the_answer()
        {
            using FakeHandler handler = Partner("inactive");
            using GradientSession session = await GradientSession.ConnectAsync(new GradientCredential("v", "p-1234"), Options(handler), isEmulator: false, setPending: true);

            Assert.Equal(new[] { "GET /api/vendor-api/organization", "PATCH /api/vendor-api/organization/status/pending" },
                handler.Requests.Select(r => r.Method + " " + r.Path));
            Assert.Equal("pending", session.Status);
            Assert.Equal("64o", session.OrganizationId);
            Assert.Equal("AJ AT", session.OrganizationName);
            Assert.Equal("API", session.VendorName);
            Assert.Equal("64i", session.IntegrationId);
            Assert.Equal("****1234", session.PartnerKeyHint);
        }

        [Fact]
        public async Task Connect_never_moves_an_active_integration_back_to_pending()
        {
            using FakeHandler handler = Partner("active");
            using GradientSession session = await GradientSession.ConnectAsync(new GradientCredential("v", "p"), Options(handler), false, setPending: true);

            Assert.Equal("GET", handler.Single().Method);
            Assert.Equal("active", session.Status);
            Assert.True(session.IsActive);
        }

        [Fact]
        public async Task Connect_without_pending_only_verifies()
        {
            using FakeHandler handler = Partner("inactive");
            using GradientSession session = await GradientSession.ConnectAsync(new GradientCredential("v", "p"), Options(handler), false, setPending: false);

            Assert.Equal("GET", handler.Single().Method);
            Assert.Equal("inactive", session.Status);
        }

        [Fact]
        public async Task Connect_with_refused_keys_throws_and_leaves_nothing_open()
        {
            using var handler = new FakeHandler();
            handler.Answer(401, "{\"message\":\"bad token\"}");
            var error = await Assert.ThrowsAsync<GradientApiException>(() =>
                GradientSession.ConnectAsync(new GradientCredential("v", "p"), Options(handler), false, true));
            Assert.Equal(GradientErrorKind.Authentication, error.Kind);
            Assert.Single(handler.Requests);
        }

        [Fact]
        public void Open_refuses_plain_http_to_another_host()
        {
            var options = new GradientClientOptions { BaseUri = new Uri("http://gradient.example") };
            Assert.Throws<ArgumentException>(() => GradientSession.Open(new GradientCredential("v", "p"), options));
        }

        [Fact]
        public async Task Set_status_uses_the_status_sent_when_the_answer_has_none_and_observe_keeps_missing_fields()
        {
            using var handler = new FakeHandler();
            handler.Answer(r => r.Method == "GET" ? Http.Json(200, Integration("active")) : Http.Json(200, "{\"data\":\"ok\"}"));
            using GradientSession session = GradientSession.Open(new GradientCredential("v", "p"), Options(handler));
            await session.VerifyAsync();
            await session.SetStatusAsync(IntegrationStatus.Inactive);

            Assert.Equal("inactive", session.Status);
            Assert.Equal("64o", session.OrganizationId);
            session.Observe(new GradientIntegration { Status = "pending" });
            Assert.Equal("AJ AT", session.OrganizationName);
            Assert.Equal("pending", session.Status);
        }

        [Fact]
        public void A_vendor_answer_renames_the_vendor_only_when_it_has_a_name()
        {
            using var handler = new FakeHandler();
            using GradientSession session = GradientSession.Open(new GradientCredential("v", "p"), Options(handler));
            session.ObserveVendor(new GradientVendor { Name = "Contoso EDR" });
            session.ObserveVendor(new GradientVendor());
            Assert.Equal("Contoso EDR", session.VendorName);
        }

        [Fact]
        public async Task Partner_children_are_one_per_key_with_their_own_token_and_close_with_the_root()
        {
            using FakeHandler handler = Partner("active");
            GradientSession root = GradientSession.Open(new GradientCredential("v", "p-root"), Options(handler));
            GradientSession child = root.ForPartner(" p-two ");

            Assert.Same(root, root.ForPartner("p-root"));
            Assert.Same(root, child.ForPartner("p-root"));
            Assert.Same(child, root.ForPartner("p-two"));
            Assert.Same(child, child.ForPartner("p-two"));
            Assert.Same(root, child.Parent);
            Assert.Null(child.Status);
            Assert.NotSame(root.Client, child.Client);

            await child.Client.GetIntegrationAsync();
            Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes("v:p-two")), handler.Single().Header("GRADIENT-TOKEN"));

            root.Close();
            Assert.True(child.IsClosed);
            Assert.True(root.IsClosed);
            Assert.Empty(root.Partners);
            Assert.Throws<ObjectDisposedException>(() => root.ForPartner("p-three"));
        }

        [Fact]
        public void Partner_children_share_the_primary_handler_the_root_made()
        {
            using GradientSession root = GradientSession.Open(new GradientCredential("v", "p-0"), new GradientClientOptions { BaseUri = new Uri("https://gradient.example") });
            HttpMessageHandler? primary = root.PrimaryHandler;
            Assert.NotNull(primary);
            for (int i = 1; i <= 5; i++)
            {
                Assert.Same(primary, root.ForPartner("p-" + i).PrimaryHandler);
            }

            Assert.Equal(5, root.Partners.Count);
        }

        [Fact]
        public async Task Closing_a_child_keeps_the_shared_sockets_and_closing_the_root_releases_them()
        {
            using var server = new LoopbackServer();
            GradientSession root = GradientSession.Open(new GradientCredential("v", "p-0"), server.Options());
            GradientSession child = root.ForPartner("p-1");
            await child.Client.GetIntegrationAsync();
            child.Close();

            await root.Client.GetIntegrationAsync();
            HttpMessageHandler primary = root.PrimaryHandler!;
            root.Close();
            using var invoker = new HttpMessageInvoker(primary, disposeHandler: false);
            await Assert.ThrowsAsync<ObjectDisposedException>(() =>
                invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, server.Uri), CancellationToken.None));
        }

        /// <summary>
        /// The measurement behind "one shared primary handler": N partners served one after another
        /// reach the server over one TCP connection; N separate sessions need N.
        /// </summary>
        [Fact]
        public async Task Partner_children_send_over_one_socket_pool()
        {
            const int partners = 6;
            using (var server = new LoopbackServer())
            {
                using GradientSession root = GradientSession.Open(new GradientCredential("v", "p-0"), server.Options());
                for (int i = 0; i < partners; i++)
                {
                    await root.ForPartner("p-" + i).Client.GetIntegrationAsync();
                }

                Assert.Equal(partners, server.Requests);
                Assert.Equal(1, server.Connections);
            }

            using (var server = new LoopbackServer())
            {
                for (int i = 0; i < partners; i++)
                {
                    using GradientSession separate = GradientSession.Open(new GradientCredential("v", "p-" + i), server.Options());
                    await separate.Client.GetIntegrationAsync();
                }

                Assert.Equal(partners, server.Connections);
            }
        }

        /// <summary>A keep-alive HTTP/1.1 server on loopback that counts connections and requests.</summary>
        private sealed class LoopbackServer : IDisposable
        {
            private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
            private readonly CancellationTokenSource _stop = new CancellationTokenSource();
            private readonly ConcurrentBag<TcpClient> _clients = new ConcurrentBag<TcpClient>();
            private int _connections;
            private int _requests;

            public LoopbackServer()
            {
                _listener.Start();
                Uri = new Uri("http://127.0.0.1:" + ((IPEndPoint)_listener.LocalEndpoint).Port + "/");
                _ = AcceptAsync();
            }

            public Uri Uri { get; }
            public int Connections => Volatile.Read(ref _connections);
            public int Requests => Volatile.Read(ref _requests);

            public GradientClientOptions Options() => new GradientClientOptions
            {
                BaseUri = Uri,
                RequestTimeout = TimeSpan.FromSeconds(20),
                MaxRetries = 0,
                RequestsPerSecond = 0,
            };

            private async Task AcceptAsync()
            {
                while (!_stop.IsCancellationRequested)
                {
                    TcpClient client;
                    try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
                    catch (Exception) { return; }
                    Interlocked.Increment(ref _connections);
                    _clients.Add(client);
                    _ = ServeAsync(client);
                }
            }

            private async Task ServeAsync(TcpClient client)
            {
                try
                {
                    NetworkStream stream = client.GetStream();
                    var buffer = new byte[8192];
                    var pending = new StringBuilder();
                    while (!_stop.IsCancellationRequested)
                    {
                        int n = await stream.ReadAsync(buffer, _stop.Token);
                        if (n == 0) return;
                        pending.Append(Encoding.ASCII.GetString(buffer, 0, n));
                        int end;
                        while ((end = pending.ToString().IndexOf("\r\n\r\n", StringComparison.Ordinal)) >= 0)
                        {
                            pending.Remove(0, end + 4); // GETs only: no request bodies to skip
                            Interlocked.Increment(ref _requests);
                            const string body = "{\"organizationId\":\"o\",\"status\":\"active\"}";
                            string answer = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.Length + "\r\n\r\n" + body;
                            await stream.WriteAsync(Encoding.ASCII.GetBytes(answer), _stop.Token);
                        }
                    }
                }
                catch (Exception)
                {
                    // The client or the test went away.
                }
            }

            public void Dispose()
            {
                _stop.Cancel();
                _listener.Stop();
                foreach (TcpClient client in _clients) client.Dispose();
            }
        }
    }
}
