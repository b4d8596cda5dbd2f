using System;
using System.Threading.Tasks;
using Xunit;

namespace GradientMsp.Emulator.Tests
{
    public class RateLimitTests
    {
        [Fact]
        public async Task Default_limit_is_100_per_rolling_second_per_token_with_documented_body()
        {
            await using var emu = await Emu.StartAsync();
            for (int i = 0; i < 100; i++) Assert.Equal(200, (await emu.Api("GET", "/organization")).Status);
            Reply r = await emu.Api("GET", "/organization");
            Assert.Equal(429, r.Status);
            Assert.Equal(429, (int)r.Json!["statusCode"]!);
            Assert.Equal("Request limit reached (100 requests a second)", r.Message);
            Assert.Null(r.RetryAfter);

            // another token has its own window
            await emu.Control("POST", "/partners", new { partnerKey = "pk2" });
            Assert.Equal(200, (await emu.Api("GET", "/organization", token: Emu.TokenFor(Emu.VendorKey, "pk2"))).Status);

            emu.Time.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal(200, (await emu.Api("GET", "/organization")).Status);
        }

        [Fact]
        public async Task Rejected_requests_do_not_count_toward_the_window()
        {
            await using var emu = await Emu.StartAsync("--rate-limit", "2");
            Assert.Equal(200, (await emu.Api("GET", "/organization")).Status); // t=0
            Assert.Equal(200, (await emu.Api("GET", "/organization")).Status); // t=0
            emu.Time.Advance(TimeSpan.FromMilliseconds(900));
            for (int i = 0; i < 5; i++) Assert.Equal(429, (await emu.Api("GET", "/organization")).Status); // t=0.9, rejected
            emu.Time.Advance(TimeSpan.FromMilliseconds(100));
            // t=1.0: both accepted requests are a full second old; the rejected ones at 0.9 must not block
            Assert.Equal(200, (await emu.Api("GET", "/organization")).Status);
            Assert.Equal(200, (await emu.Api("GET", "/organization")).Status);
            Assert.Equal(429, (await emu.Api("GET", "/organization")).Status);
        }

        [Fact]
        public async Task Window_is_rolling_not_fixed()
        {
            await using var emu = await Emu.StartAsync("--rate-limit", "2");
            Assert.Equal(200, (await emu.Api("GET", "/organization")).Status); // t=0
            emu.Time.Advance(TimeSpan.FromMilliseconds(600));
            Assert.Equal(200, (await emu.Api("GET", "/organization")).Status); // t=0.6
            emu.Time.Advance(TimeSpan.FromMilliseconds(500));
            Assert.Equal(200, (await emu.Api("GET", "/organization")).Status); // t=1.1: the t=0 one left the window
            Assert.Equal(429, (await emu.Api("GET", "/organization")).Status); // 0.6 and 1.1 are within a second
            Reply r = await emu.Api("GET", "/organization");
            Assert.Equal("Request limit reached (2 requests a second)", r.Message);
            emu.Time.Advance(TimeSpan.FromMilliseconds(500)); // t=1.6: 0.6 left
            Assert.Equal(200, (await emu.Api("GET", "/organization")).Status);
        }

        [Fact]
        public async Task Zero_turns_the_limit_off()
        {
            await using var emu = await Emu.StartAsync("--rate-limit", "0");
            for (int i = 0; i < 300; i++) Assert.Equal(200, (await emu.Api("GET", "/organization")).Status);
        }

        [Fact]
        public async Task Unauthenticated_floods_are_limited_by_their_own_header_value()
        {
            await using var emu = await Emu.StartAsync("--rate-limit", "3");
            for (int i = 0; i < 3; i++) Assert.Equal(401, (await emu.Api("GET", "/organization", token: "bad")).Status);
            Assert.Equal(429, (await emu.Api("GET", "/organization", token: "bad")).Status);
            Assert.Equal(200, (await emu.Api("GET", "/organization")).Status);
        }
    }
}
