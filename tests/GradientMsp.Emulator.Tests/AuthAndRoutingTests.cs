using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using Xunit;

namespace GradientMsp.Emulator.Tests
{
    public class AuthAndRoutingTests
    {
        [Fact]
        public async Task Token_is_base64_of_vendor_colon_partner_and_header_name_is_case_insensitive()
        {
            await using var emu = await Emu.StartAsync();
            Assert.Equal("dmVuZG9yLXRlc3Qta2V5OnBhcnRuZXItdGVzdC1rZXk=", emu.Token);
            using var req = new HttpRequestMessage(HttpMethod.Get, "/api/vendor-api/organization");
            req.Headers.TryAddWithoutValidation("gradient-token", emu.Token);
            using HttpResponseMessage res = await emu.Http.SendAsync(req);
            Assert.Equal(HttpStatusCode.OK, res.StatusCode);
            using var req2 = new HttpRequestMessage(HttpMethod.Get, "/api/vendor-api/organization");
            req2.Headers.TryAddWithoutValidation("Gradient-Token", emu.Token);
            using HttpResponseMessage res2 = await emu.Http.SendAsync(req2);
            Assert.Equal(HttpStatusCode.OK, res2.StatusCode);
        }

        [Theory]
        [InlineData("")] // no header
        [InlineData("garbage")]
        [InlineData("dmVuZG9yLXRlc3Qta2V5OnBhcnRuZXItdGVzdC1rZXk")] // padding stripped: not standard Base64
        [InlineData("Basic dmVuZG9yLXRlc3Qta2V5OnBhcnRuZXItdGVzdC1rZXk=")]
        public async Task Bad_or_missing_token_is_401_nest_style(string token)
        {
            await using var emu = await Emu.StartAsync();
            Reply r = await emu.Api("GET", "/organization/accounts", token: token);
            Assert.Equal(401, r.Status);
            Assert.Equal(401, (int)r.Json!["statusCode"]!);
            Assert.Equal("Unauthorized", r.Message);
        }

        [Fact]
        public async Task Wrong_key_order_vendor_only_and_wrong_keys_are_401()
        {
            await using var emu = await Emu.StartAsync();
            foreach (string t in new[]
            {
                Emu.TokenFor(Emu.PartnerKey, Emu.VendorKey),
                Emu.TokenFor(Emu.VendorKey, ""),
                Emu.TokenFor("other-vendor", Emu.PartnerKey),
                Emu.TokenFor(Emu.VendorKey, "other-partner"),
            })
            {
                Assert.Equal(401, (await emu.Api("GET", "", token: t)).Status);
            }
        }

        [Fact]
        public async Task Vendor_wide_routes_need_the_token_too()
        {
            await using var emu = await Emu.StartAsync();
            Assert.Equal(401, (await emu.Api("GET", "", token: "")).Status);
            Assert.Equal(401, (await emu.Api("POST", "/service", new { name = "x" }, token: "")).Status);
            Assert.Equal(401, (await emu.Api("POST", "/alerting/a1", new { }, token: "")).Status);
        }

        [Theory]
        [InlineData("GET", "/nope")]
        [InlineData("PUT", "/organization")]
        [InlineData("DELETE", "/organization/accounts/a1")]
        [InlineData("GET", "/service")]
        public async Task Unknown_route_or_method_is_nest_404(string method, string path)
        {
            await using var emu = await Emu.StartAsync();
            Reply r = await emu.Api(method, path);
            Assert.Equal(404, r.Status);
            Assert.Equal($"Cannot {method} /api/vendor-api{path}", r.Message);
            Assert.Equal("Not Found", r.Str("error"));
        }

        [Fact]
        public async Task Malformed_json_body_is_400()
        {
            await using var emu = await Emu.StartAsync();
            Reply r = await emu.Api("POST", "/organization/accounts", rawBody: "[{\"id\": ");
            Assert.Equal(400, r.Status);
            Assert.Equal(400, (int)r.Json!["statusCode"]!);
            Assert.Equal("application/json", r.ContentType);
        }

        [Fact]
        public async Task All_19_documented_routes_exist()
        {
            await using var emu = await Emu.StartAsync();
            string[] expected =
            {
                "GET /api/vendor-api", "PATCH /api/vendor-api", "POST /api/vendor-api/service",
                "GET /api/vendor-api/service/{serviceId}", "PATCH /api/vendor-api/service/{serviceId}",
                "POST /api/vendor-api/service/{serviceId}/count", "GET /api/vendor-api/organization",
                "PATCH /api/vendor-api/organization/status/{status}", "GET /api/vendor-api/organization/clients",
                "GET /api/vendor-api/organization/accounts", "POST /api/vendor-api/organization/accounts",
                "PATCH /api/vendor-api/organization/accounts/{accountId}", "PATCH /api/vendor-api/organization/accounts",
                "POST /api/vendor-api/organization/services", "GET /api/vendor-api/organization/services",
                "PATCH /api/vendor-api/organization/services/{serviceId}", "PATCH /api/vendor-api/organization/services",
                "POST /api/vendor-api/alerting/{accountId}", "GET /api/vendor-api/alerting/debug/{messageId}",
            };
            var actual = emu.Runtime.Vendor.Routes.Select(r => r.Method + " " + r.Template).ToHashSet();
            Assert.Equal(19, actual.Count);
            foreach (string e in expected) Assert.Contains(e, actual);
        }

        [Fact]
        public async Task Control_api_refuses_non_loopback_clients_and_needs_no_token()
        {
            await using var emu = await Emu.StartAsync();
            Assert.Equal(200, (await emu.Control("GET", "/health")).Status);
            var ctx = await emu.Server.SendAsync(c =>
            {
                c.Request.Method = "GET";
                c.Request.Path = "/_emulator/state";
                c.Connection.RemoteIpAddress = IPAddress.Parse("192.0.2.10");
            });
            Assert.Equal(403, ctx.Response.StatusCode);
        }

        [Fact]
        public async Task Control_api_is_not_under_the_vendor_prefix()
        {
            await using var emu = await Emu.StartAsync();
            Reply r = await emu.Api("GET", "/_emulator/state");
            Assert.Equal(404, r.Status);
        }
    }
}
