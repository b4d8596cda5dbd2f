using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace GradientMsp.Emulator.Tests
{
    public class OptionsAndLogTests
    {
        [Fact]
        public void Parses_every_option()
        {
            EmulatorOptions o = EmulatorOptions.Parse(new[]
            {
                "--urls", "http://127.0.0.1:5000", "--vendor-key", "v", "--partner-key=p", "--no-seed", "--rate-limit", "0",
                "--state-file", "/tmp/s.json", "--parent-pid", "42", "--alert-delay-ms", "10", "--request-log-capacity", "5",
                "--no-stdin-watch", "--save-debounce-ms", "1",
            });
            Assert.Equal("http://127.0.0.1:5000", o.Urls);
            Assert.Equal("v", o.VendorKey);
            Assert.Equal("p", o.PartnerKey);
            Assert.False(o.Seed);
            Assert.Equal(0, o.RateLimit);
            Assert.Equal("/tmp/s.json", o.StateFile);
            Assert.Equal(42, o.ParentPid);
            Assert.Equal(10, o.AlertDelayMs);
            Assert.Equal(5, o.RequestLogCapacity);
            Assert.False(o.WatchStdin);
            Assert.Equal(EmulatorOptions.DefaultRateLimit, EmulatorOptions.Parse(Array.Empty<string>()).RateLimit);
        }

        [Theory]
        [InlineData("--urls", "http://0.0.0.0:5000")]
        [InlineData("--urls", "http://192.168.1.5:0")]
        [InlineData("--urls", "http://127.0.0.1:0;http://example.com:80")]
        [InlineData("--rate-limit", "-1")]
        [InlineData("--rate-limit", "many")]
        [InlineData("--vendor-key", "a:b")]
        [InlineData("--bogus", "1")]
        public void Rejects_bad_options(string name, string value)
        {
            Assert.Throws<ArgumentException>(() => EmulatorOptions.Parse(new[] { name, value }));
        }

        [Theory]
        [InlineData("http://127.0.0.1:0")]
        [InlineData("http://localhost:5000")]
        [InlineData("http://[::1]:0")]
        public void Loopback_urls_are_allowed(string url)
        {
            Assert.Equal(url, EmulatorOptions.Parse(new[] { "--urls", url }).Urls);
        }

        [Fact]
        public void Remote_urls_need_allow_remote()
        {
            Assert.Equal("http://0.0.0.0:5000", EmulatorOptions.Parse(new[] { "--allow-remote", "--urls", "http://0.0.0.0:5000" }).Urls);
        }

        [Fact]
        public async Task Request_log_records_calls_without_tokens_and_filters_by_index_and_path()
        {
            await using var emu = await Emu.StartAsync();
            await emu.Api("GET", "/organization");
            await emu.Api("GET", "/organization/accounts?accountIds=a1&partnerKey=secret");
            await emu.Api("GET", "/organization", token: "wrong");
            emu.Time.Advance(TimeSpan.FromSeconds(1));
            Reply all = await emu.Control("GET", "/requests");
            Assert.DoesNotContain(emu.Token, all.Text);
            Assert.DoesNotContain("secret", all.Text);
            Assert.DoesNotContain(Emu.PartnerKey, all.Text);
            JsonArray entries = all.Json!["entries"]!.AsArray();
            Assert.Equal(3, entries.Count);
            Assert.Equal(3, (int)all.Json["nextIndex"]!);
            JsonNode e0 = entries[0]!;
            Assert.Equal(0, (int)e0["index"]!);
            Assert.Equal("GET", (string?)e0["method"]);
            Assert.Equal("/api/vendor-api/organization", (string?)e0["path"]);
            Assert.Equal(200, (int)e0["status"]!);
            Assert.Equal(emu.OrgId, (string?)e0["organizationId"]);
            Assert.Equal("Seeded MSP", (string?)e0["partner"]);
            Assert.Equal("2026-01-15T12:00:00.000Z", (string?)e0["time"]);
            Assert.True((double)e0["elapsedMs"]! >= 0);
            Assert.Equal("?accountIds=a1&partnerKey=REDACTED", (string?)entries[1]!["query"]);
            Assert.Equal(401, (int)entries[2]!["status"]!);
            Assert.Null(entries[2]!["organizationId"]);

            Reply since = await emu.Control("GET", "/requests?since=2");
            Assert.Single(since.Json!["entries"]!.AsArray());
            Reply path = await emu.Control("GET", "/requests?path=accounts");
            Assert.Equal(1, (int)path.Json!["entries"]![0]!["index"]!);
            Assert.Equal(400, (await emu.Control("GET", "/requests?since=x")).Status);

            await emu.Control("DELETE", "/requests");
            Assert.Empty((await emu.Control("GET", "/requests")).Json!["entries"]!.AsArray());
            Assert.Empty((await emu.Control("GET", "/requests?path=_emulator")).Json!["entries"]!.AsArray()); // control calls are not logged
        }

        [Fact]
        public async Task Request_log_is_a_bounded_ring()
        {
            await using var emu = await Emu.StartAsync("--request-log-capacity", "5", "--rate-limit", "0");
            for (int i = 0; i < 12; i++) await emu.Api("GET", "/organization?n=" + i);
            Reply r = await emu.Control("GET", "/requests");
            Assert.Equal(12, (int)r.Json!["nextIndex"]!);
            Assert.Equal(7, (int)r.Json["oldestIndex"]!);
            Assert.Equal(new[] { 7, 8, 9, 10, 11 }, r.Json["entries"]!.AsArray().Select(e => (int)e!["index"]!).ToArray());
            Assert.Equal("?n=11", (string?)r.Json["entries"]![4]!["query"]);
        }
    }
}
