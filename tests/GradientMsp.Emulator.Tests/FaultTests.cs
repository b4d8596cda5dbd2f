using System;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace GradientMsp.Emulator.Tests
{
    public class FaultTests
    {
        [Fact]
        public async Task Status_fault_for_next_n_requests_on_a_route_pattern()
        {
            await using var emu = await Emu.StartAsync();
            string sku = await emu.MappedPair();
            Reply f = await emu.Control("POST", "/faults", new { path = "/service/*/count", kind = "status", statusCode = 503, count = 2 });
            Assert.Equal(201, f.Status);
            Assert.Equal(2, (int)f.Json!["remaining"]!);

            Assert.Equal(200, (await emu.Api("GET", "/organization")).Status); // other routes untouched
            Reply first = await emu.Count(sku, "acc-1", 1);
            Assert.Equal(503, first.Status);
            Assert.Equal(503, (int)first.Json!["statusCode"]!);
            Assert.Equal(503, (await emu.Count(sku, "acc-1", 1)).Status);
            Assert.Equal(201, (await emu.Count(sku, "acc-1", 1)).Status);
            Assert.Empty((await emu.Control("GET", "/faults")).Json!.AsArray()); // used up
            Assert.Equal(1, (int)(await emu.Control("GET", "/state")).Json!["partners"]![0]!["counts"]![0]!["pushes"]!); // faulted pushes did nothing
        }

        [Fact]
        public async Task Rate_limit_fault_with_and_without_retry_after()
        {
            await using var emu = await Emu.StartAsync();
            await emu.Control("POST", "/faults", new { kind = "status", statusCode = 429, retryAfterSeconds = 7, count = 1 });
            Reply r = await emu.Api("GET", "/organization/accounts");
            Assert.Equal(429, r.Status);
            Assert.Equal("7", r.RetryAfter);
            Assert.Equal("Request limit reached (100 requests a second)", r.Message);
            await emu.Control("POST", "/faults", new { kind = "status", statusCode = 429, count = 1 });
            Reply r2 = await emu.Api("GET", "/organization/accounts");
            Assert.Equal(429, r2.Status);
            Assert.Null(r2.RetryAfter);
        }

        [Theory]
        [InlineData(500)]
        [InlineData(502)]
        [InlineData(503)]
        public async Task Server_error_faults(int code)
        {
            await using var emu = await Emu.StartAsync();
            await emu.Control("POST", "/faults", new { statusCode = code, path = "*" });
            Reply r = await emu.Api("GET", "");
            Assert.Equal(code, r.Status);
            Assert.Equal(code, (int)r.Json!["statusCode"]!);
            Assert.Equal(code, (await emu.Api("GET", "/organization")).Status); // no count: until cleared
            Reply cleared = await emu.Control("DELETE", "/faults");
            Assert.Equal(1, (int)cleared.Json!["removed"]!);
            Assert.Equal(200, (await emu.Api("GET", "")).Status);
        }

        [Fact]
        public async Task Probability_zero_never_one_always_half_about_half()
        {
            await using var emu = await Emu.StartAsync("--rate-limit", "0");
            Reply never = await emu.Control("POST", "/faults", new { statusCode = 500, probability = 0.0 });
            for (int i = 0; i < 50; i++) Assert.Equal(200, (await emu.Api("GET", "/organization")).Status);
            await emu.Control("DELETE", "/faults/" + never.Str("id"));

            await emu.Control("POST", "/faults", new { statusCode = 500, probability = 0.5 });
            int failed = 0;
            for (int i = 0; i < 400; i++) if ((await emu.Api("GET", "/organization")).Status == 500) failed++;
            Assert.InRange(failed, 120, 280);
            JsonNode listed = (await emu.Control("GET", "/faults")).Json![0]!;
            Assert.Equal(failed, (int)listed["hits"]!);
        }

        [Fact]
        public async Task Latency_fault_delays_then_answers_normally()
        {
            await using var emu = await Emu.StartAsync();
            await emu.Control("POST", "/faults", new { kind = "latency", latencyMs = 200, path = "/organization", count = 1 });
            var sw = Stopwatch.StartNew();
            Reply r = await emu.Api("GET", "/organization");
            sw.Stop();
            Assert.Equal(200, r.Status);
            Assert.True(sw.ElapsedMilliseconds >= 190, $"took {sw.ElapsedMilliseconds} ms");
            JsonNode e = (await emu.Control("GET", "/requests?path=/organization")).Json!["entries"]![0]!;
            Assert.True((double)e["elapsedMs"]! >= 190);
            Assert.Equal("f1", (string?)e["fault"]);
        }

        [Fact]
        public async Task Abort_fault_drops_the_connection()
        {
            await using var emu = await Emu.StartAsync();
            await emu.Control("POST", "/faults", new { kind = "abort", method = "POST", count = 1 });
            Assert.Equal(200, (await emu.Api("GET", "/organization")).Status); // method filter
            await Assert.ThrowsAnyAsync<Exception>(() => emu.Api("POST", "/organization/accounts", new[] { new { id = "a", name = "b" } }));
            JsonNode e = (await emu.Control("GET", "/requests?method=POST")).Json!["entries"]![0]!;
            Assert.Equal(0, (int)e["status"]!);
            Assert.NotNull((string?)e["fault"]);
            Assert.Empty((await emu.Api("GET", "/organization/accounts")).Json!.AsArray());
        }

        [Fact]
        public async Task Faults_never_touch_the_control_api_and_bad_specs_are_400()
        {
            await using var emu = await Emu.StartAsync();
            await emu.Control("POST", "/faults", new { kind = "abort" });
            Assert.Equal(200, (await emu.Control("GET", "/state")).Status);
            Assert.Equal(400, (await emu.Control("POST", "/faults", new { kind = "status" })).Status);
            Assert.Equal(400, (await emu.Control("POST", "/faults", new { kind = "status", statusCode = 418 })).Status);
            Assert.Equal(400, (await emu.Control("POST", "/faults", new { kind = "explode" })).Status);
            Assert.Equal(400, (await emu.Control("POST", "/faults", new { statusCode = 500, probability = 2 })).Status);
            Assert.Equal(400, (await emu.Control("POST", "/faults", new { statusCode = 500, count = 0 })).Status);
            Assert.Equal(404, (await emu.Control("DELETE", "/faults/f999")).Status);
        }
    }
}
