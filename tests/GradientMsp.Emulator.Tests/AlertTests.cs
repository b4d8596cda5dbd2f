using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace GradientMsp.Emulator.Tests
{
    public class AlertTests
    {
        private static object Alert(string alertId = "al-1", int priority = 3, int status = 1, string? serviceId = null) =>
            serviceId == null
                ? new { title = "Disk full", description = "C: is at 99%", alertId, priority, status }
                : (object)new { title = "Disk full", description = "C: is at 99%", alertId, priority, status, serviceId };

        [Fact]
        public async Task Alert_on_mapped_account_becomes_a_ticket_visible_on_the_debug_route()
        {
            await using var emu = await Emu.StartAsync();
            string sku = await emu.MappedPair("acc-1");
            Reply r = await emu.Api("POST", "/alerting/acc-1", Alert(serviceId: sku));
            Assert.Equal(201, r.Status);
            Assert.Equal("al-1", r.Str("alertId"));
            Assert.Matches("^[0-9a-f-]{36}$", r.Str("messageId")!);
            Assert.NotNull(r.Str("correlationID")); // capital ID, as documented
            Assert.Null(r.Json!["correlationId"]);

            Reply d = await emu.Api("GET", "/alerting/debug/" + r.Str("messageId"));
            Assert.Equal(200, d.Status);
            Assert.Equal("success", d.Str("status"));
            Assert.Equal(r.Str("messageId"), d.Str("messageId"));
            Assert.False(string.IsNullOrEmpty(d.Str("ticketId")));
            Assert.Equal("2026-01-15T12:00:00.000Z", d.Str("createdAt"));

            JsonNode ticket = (await emu.Control("GET", "/partners/default/tickets")).Json!.AsArray().Single()!;
            Assert.Equal(d.Str("ticketId"), (string?)ticket["ticketId"]);
            Assert.Equal("psa-client-1", (string?)ticket["psaClientId"]);
            Assert.Equal("psa-service-1", (string?)ticket["psaServiceId"]);
            Assert.Equal("high", (string?)ticket["priority"]);
            Assert.Equal("active", (await emu.Api("GET", "/organization")).Str("status"));
        }

        [Fact]
        public async Task Alert_for_unmapped_or_unknown_account_fails_with_errors()
        {
            await using var emu = await Emu.StartAsync();
            await emu.CreateAccount("acc-u", "Not In PSA");
            string m1 = (await emu.Api("POST", "/alerting/acc-u", Alert())).Str("messageId")!;
            string m2 = (await emu.Api("POST", "/alerting/ghost", Alert("al-2"))).Str("messageId")!;

            Reply d1 = await emu.Api("GET", "/alerting/debug/" + m1);
            Assert.Equal("failed", d1.Str("status"));
            Assert.Equal(400, (int)d1.Json!["statusCode"]!);
            Assert.Contains("not mapped", (string?)d1.Json["errors"]![0]);
            Assert.Null(d1.Json["ticketId"]);

            Reply d2 = await emu.Api("GET", "/alerting/debug/" + m2);
            Assert.Equal("failed", d2.Str("status"));
            Assert.Equal(404, (int)d2.Json!["statusCode"]!);
            Assert.Empty((await emu.Control("GET", "/partners/default/tickets")).Json!.AsArray());
        }

        [Fact]
        public async Task Alerts_stay_pending_until_the_delay_passes_or_processing_is_forced()
        {
            await using var emu = await Emu.StartAsync("--alert-delay-ms", "5000");
            await emu.MappedPair("acc-1");
            string m = (await emu.Api("POST", "/alerting/acc-1", Alert())).Str("messageId")!;
            Assert.Equal("pending", (await emu.Api("GET", "/alerting/debug/" + m)).Str("status"));
            emu.Time.Advance(TimeSpan.FromSeconds(4));
            Assert.Equal("pending", (await emu.Api("GET", "/alerting/debug/" + m)).Str("status"));
            emu.Time.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal("success", (await emu.Api("GET", "/alerting/debug/" + m)).Str("status"));

            string m2 = (await emu.Api("POST", "/alerting/acc-1", Alert("al-2"))).Str("messageId")!;
            Reply processed = await emu.Control("POST", "/alerts/process");
            Assert.Equal(1, (int)processed.Json!["processed"]!);
            Assert.Equal("success", (await emu.Api("GET", "/alerting/debug/" + m2)).Str("status"));
        }

        [Theory]
        [InlineData("{\"description\":\"d\",\"alertId\":\"a\",\"priority\":1,\"status\":1}")]
        [InlineData("{\"title\":\"t\",\"description\":\"d\",\"priority\":1,\"status\":1}")]
        [InlineData("{\"title\":\"t\",\"description\":\"d\",\"alertId\":\"a\",\"priority\":5,\"status\":1}")]
        [InlineData("{\"title\":\"t\",\"description\":\"d\",\"alertId\":\"a\",\"priority\":0,\"status\":1}")]
        [InlineData("{\"title\":\"t\",\"description\":\"d\",\"alertId\":\"a\",\"priority\":1,\"status\":7}")]
        [InlineData("{\"title\":\"t\",\"description\":\"d\",\"alertId\":\"a\",\"priority\":1.5,\"status\":1}")]
        [InlineData("{\"title\":\"t\",\"description\":\"d\",\"alertId\":\"a\",\"priority\":1,\"status\":1,\"dueDateTime\":\"tomorrow\"}")]
        public async Task Alert_body_validation_is_400(string body)
        {
            await using var emu = await Emu.StartAsync();
            Reply r = await emu.Api("POST", "/alerting/acc-1", rawBody: body);
            Assert.Equal(400, r.Status);
            Assert.Equal("inactive", (await emu.Api("GET", "/organization")).Str("status"));
        }

        [Fact]
        public async Task Debug_route_is_404_for_unknown_or_other_partners_messages()
        {
            await using var emu = await Emu.StartAsync();
            await emu.MappedPair("acc-1");
            string m = (await emu.Api("POST", "/alerting/acc-1", Alert())).Str("messageId")!;
            Assert.Equal(404, (await emu.Api("GET", "/alerting/debug/does-not-exist")).Status);
            await emu.Control("POST", "/partners", new { name = "Other", partnerKey = "pk2" });
            Assert.Equal(404, (await emu.Api("GET", "/alerting/debug/" + m, token: Emu.TokenFor(Emu.VendorKey, "pk2"))).Status);
        }
    }
}
