using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using GradientMsp.Client.Http;
using Microsoft.Extensions.Time.Testing;

namespace GradientMsp.Client.Tests
{
    public class PacingTests
    {
        private static void AssertWindow(IReadOnlyList<DateTimeOffset> times, int limit)
        {
            var sorted = times.OrderBy(t => t).ToList();
            int worst = 0;
            for (int i = 0, j = 0; i < sorted.Count; i++)
            {
                while (sorted[i] - sorted[j] >= TimeSpan.FromSeconds(1)) j++;
                worst = Math.Max(worst, i - j + 1);
            }
            Assert.True(worst <= limit, $"{worst} requests in one rolling second; the limit is {limit}");
        }

        [Theory]
        [InlineData(100, 350)]
        [InlineData(50, 160)]
        [InlineData(10, 35)]
        [InlineData(1, 5)]
        public async Task Concurrent_requests_never_exceed_the_limit_in_any_rolling_second(double rps, int count)
        {
            var fake = new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
            var time = new CountingTime(fake);
            var inner = new FakeHandler(fake);
            using var limiter = new PacingRateLimiter(rps, time);
            using var invoker = new HttpMessageInvoker(new PacingHandler(limiter) { InnerHandler = inner });

            // Requests that leave at once arrive synchronously and start no timer, hence the reset below.
            var tasks = Enumerable.Range(0, count)
                .Select(_ => invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, "https://x.example/"), CancellationToken.None))
                .ToList();
            int immediate = inner.Count;
            var all = Task.WhenAll(tasks);
            var step = TimeSpan.FromMilliseconds(1);
            for (int i = 0; i < 200_000 && !all.IsCompleted; i++)
            {
                fake.Advance(step);
                // Move the clock again only once every released request has been recorded.
                await Drive.Until(() => inner.Count == immediate + time.Fired);
            }
            await all;

            Assert.Equal(count, inner.Count);
            AssertWindow(inner.Requests.Select(r => r.At).ToList(), (int)rps);
            // And it is not needlessly slow: the spacing is the 2 % margin, not more.
            var span = inner.Requests.Max(r => r.At) - inner.Requests.Min(r => r.At);
            var expected = TimeSpan.FromTicks(limiter.Interval.Ticks * (count - 1));
            Assert.InRange(span, expected, expected + TimeSpan.FromMilliseconds(2 * count));
        }

        [Theory]
        [InlineData(100, 98)]
        [InlineData(10, 9.8)]
        [InlineData(2.5, 1.96)]
        [InlineData(0.5, 0.49)]
        public void The_interval_keeps_a_two_percent_margin(double rps, double effective)
        {
            var interval = PacingRateLimiter.IntervalFor(rps);
            Assert.InRange(interval.TotalSeconds, 1 / effective, 1 / effective + 1e-6);
        }

        [Fact]
        public async Task Retries_are_paced_too()
        {
            var fake = new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
            var time = new CountingTime(fake);
            var handler = new FakeHandler(fake).Answer(503, "{\"message\":\"busy\"}");
            using var client = new GradientClient(new GradientCredential("a", "b"), new GradientClientOptions
            {
                BaseUri = new Uri("https://gradient.example"), PrimaryHandler = handler, TimeProvider = time,
                RequestsPerSecond = 100, MaxRetries = 3, RetryBaseDelay = TimeSpan.Zero, MaxRetryDelay = TimeSpan.Zero,
                RequestTimeout = Timeout.InfiniteTimeSpan,
            });
            var task = client.GetVendorAsync();
            for (int i = 0; i < 1000 && !task.IsCompleted; i++)
            {
                await Drive.Until(() => handler.Count == 1 + time.Fired);
                fake.Advance(TimeSpan.FromMilliseconds(1));
            }
            await Assert.ThrowsAsync<GradientApiException>(() => task);
            var times = handler.Requests.Select(r => r.At).ToList();
            Assert.Equal(4, times.Count);
            // Permits are scheduled on an exact grid; timers fire on whole milliseconds (rounded up), so an
            // individual gap may be up to 1 ms under the interval while the grid itself never drifts early.
            var interval = client.PacingInterval!.Value;
            for (int i = 1; i < times.Count; i++)
                Assert.True(times[i] - times[i - 1] >= interval - TimeSpan.FromMilliseconds(1), "attempts " + (i - 1) + " and " + i + " too close");
            Assert.True(times[3] - times[0] >= TimeSpan.FromTicks(interval.Ticks * 3), "the retries were not paced");
        }

        [Fact]
        public async Task Pacing_is_per_client()
        {
            using var a = new TestRig(o => o.RequestsPerSecond = 1);
            using var b = new TestRig(o => o.RequestsPerSecond = 1);
            await a.Client.GetIntegrationAsync();
            // b has its own pacer: its first request leaves immediately although a just sent one.
            await b.Client.GetIntegrationAsync();
            var second = a.Client.GetIntegrationAsync();
            Assert.False(await Drive.Settled(second));
            await Drive.UntilDone(a.Time, second, TimeSpan.FromMilliseconds(100));
        }

        [Fact]
        public async Task Zero_requests_per_second_turns_pacing_off()
        {
            using var rig = new TestRig(o => o.RequestsPerSecond = 0);
            Assert.Null(rig.Client.PacingInterval);
            for (int i = 0; i < 500; i++) await rig.Client.GetIntegrationAsync();
            Assert.Equal(500, rig.Handler.Count);
            Assert.All(rig.Handler.Requests, r => Assert.Equal(rig.Handler.Requests.First().At, r.At));
        }

        [Fact]
        public async Task Cancelling_a_paced_wait_surfaces_promptly()
        {
            var fake = new FakeTimeProvider();
            using var limiter = new PacingRateLimiter(1, fake);
            using (await limiter.AcquireAsync(1)) { }
            using var cts = new CancellationTokenSource();
            var waiting = limiter.AcquireAsync(1, cts.Token).AsTask();
            Assert.False(waiting.IsCompleted);
            cts.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
            // The slot was handed back: after one interval a new permit is immediate.
            fake.Advance(limiter.Interval);
            using var lease = limiter.AttemptAcquire(1);
            Assert.True(lease.IsAcquired);
        }
    }
}
