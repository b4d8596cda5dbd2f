using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace GradientMsp.Emulator.Tests
{
    /// <summary>A clock the tests move by hand.</summary>
    public sealed class ManualTime : TimeProvider
    {
        private DateTimeOffset _now = new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);
        private readonly object _gate = new object();

        public override DateTimeOffset GetUtcNow()
        {
            lock (_gate) return _now;
        }

        public override long GetTimestamp()
        {
            lock (_gate) return _now.UtcTicks;
        }

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public void Advance(TimeSpan by)
        {
            lock (_gate) _now += by;
        }
    }

    /// <summary>One in-memory emulator with a manual clock; HTTP helpers speak to it.</summary>
    public sealed class Emu : IAsyncDisposable
    {
        public const string VendorKey = "vendor-test-key";
        public const string PartnerKey = "partner-test-key";

        private Emu(WebApplication app, ManualTime time)
        {
            App = app;
            Time = time;
            Server = app.GetTestServer();
            Http = Server.CreateClient();
            Token = Convert.ToBase64String(Encoding.UTF8.GetBytes(VendorKey + ":" + PartnerKey));
        }

        public WebApplication App { get; }
        public ManualTime Time { get; }
        public TestServer Server { get; }
        public HttpClient Http { get; }
        public string Token { get; set; }

        internal EmulatorRuntime Runtime => App.Services.GetRequiredService<EmulatorRuntime>();
        internal EmulatorState State => Runtime.State;
        public string OrgId => State.DefaultOrganizationId;

        public static async Task<Emu> StartAsync(params string[] args)
        {
            var all = new System.Collections.Generic.List<string> { "--vendor-key", VendorKey, "--partner-key", PartnerKey };
            all.AddRange(args);
            var time = new ManualTime();
            WebApplication app = EmulatorApp.Build(all.ToArray(), time, b => b.WebHost.UseTestServer());
            await app.StartAsync();
            return new Emu(app, time);
        }

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            await App.StopAsync();
            await App.DisposeAsync();
        }

        public static string TokenFor(string vendorKey, string partnerKey) =>
            Convert.ToBase64String(Encoding.UTF8.GetBytes(vendorKey + ":" + partnerKey));

        /// <summary>Calls the vendor API with the current token (or the given one; "" = no header).</summary>
        public async Task<Reply> Api(string method, string path, object? body = null, string? token = null, string? rawBody = null)
        {
            using var req = new HttpRequestMessage(new HttpMethod(method), "/api/vendor-api" + path);
            string t = token ?? Token;
            if (t.Length > 0) req.Headers.TryAddWithoutValidation("GRADIENT-TOKEN", t);
            req.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            if (rawBody != null) req.Content = new StringContent(rawBody, Encoding.UTF8, "application/json");
            else if (body != null) req.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
            using HttpResponseMessage res = await Http.SendAsync(req);
            return await Reply.From(res);
        }

        public async Task<Reply> Control(string method, string path, object? body = null)
        {
            using var req = new HttpRequestMessage(new HttpMethod(method), "/_emulator" + path);
            if (body != null) req.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
            using HttpResponseMessage res = await Http.SendAsync(req);
            return await Reply.From(res);
        }

        // ---- common steps ----

        public async Task<string> CreateSku(string name, string category = "backup", string subcategory = "cloud backup")
        {
            Reply r = await Api("POST", "/service", new { name, description = name + " service", category, subcategory });
            Assert.Equal(201, r.Status);
            foreach (JsonNode? sku in r.Json!["skus"]!.AsArray())
                if ((string?)sku!["name"] == name) return (string)sku["id"]!;
            throw new InvalidOperationException("sku not returned");
        }

        public async Task CreateAccount(string id, string name)
        {
            Reply r = await Api("POST", "/organization/accounts", new[] { new { id, name, description = "" } });
            Assert.Equal(201, r.Status);
        }

        public async Task SetPending()
        {
            Reply r = await Api("PATCH", "/organization/status/pending");
            Assert.Equal(200, r.Status);
        }

        public Task<Reply> Count(string serviceId, string accountId, decimal unitCount, bool? noBuild = null) =>
            Api("POST", $"/service/{serviceId}/count" + (noBuild.HasValue ? "?no_build=" + (noBuild.Value ? "true" : "false") : ""),
                new { accountId, unitCount });

        /// <summary>Vendor creates "Contoso Ltd" (auto-maps to psa-client-1) and a sku "Endpoint Protection" (→ psa-service-1).</summary>
        public async Task<string> MappedPair(string accountId = "acc-1")
        {
            await SetPending();
            string sku = await CreateSku("Endpoint Protection", "security", "endpoint detection and response (EDR)");
            await CreateAccount(accountId, "Contoso Ltd");
            return sku;
        }
    }

    public sealed class Reply
    {
        public int Status { get; private set; }
        public string Text { get; private set; } = "";
        public JsonNode? Json { get; private set; }
        public HttpResponseMessage? Raw { get; private set; }
        public string? RetryAfter { get; private set; }
        public string? ContentType { get; private set; }

        public static async Task<Reply> From(HttpResponseMessage res)
        {
            var r = new Reply { Status = (int)res.StatusCode };
            r.Text = await res.Content.ReadAsStringAsync();
            r.ContentType = res.Content.Headers.ContentType?.MediaType;
            r.RetryAfter = res.Headers.TryGetValues("Retry-After", out var v) ? string.Join(",", v) : null;
            if (r.Text.Length > 0) r.Json = JsonNode.Parse(r.Text);
            return r;
        }

        public string? Str(string name) => (string?)Json![name];
        public string Message => (string)Json!["message"]!;
    }
}
