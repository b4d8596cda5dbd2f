using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using GradientMsp.Client.Http;
using Microsoft.Extensions.Time.Testing;

namespace GradientMsp.Client.Tests
{
    public class TokenHandlerTests
    {
        [Fact]
        public async Task Sets_token_accept_and_user_agent_once_even_when_the_request_passes_twice()
        {
            var inner = new FakeHandler();
            using var invoker = new HttpMessageInvoker(new TokenHandler(() => TestRig.Token, "GradientMsp/1.2.3") { InnerHandler = inner });
            using var request = new HttpRequestMessage(HttpMethod.Get, "https://x.example/api/vendor-api");
            request.Headers.TryAddWithoutValidation("Accept", "text/html");

            (await invoker.SendAsync(request, CancellationToken.None)).Dispose();
            (await invoker.SendAsync(request, CancellationToken.None)).Dispose();

            Assert.Equal(2, inner.Count);
            foreach (var sent in inner.Requests)
            {
                Assert.Equal("YWJjMTIzOmRlZjQ1Ng==", sent.Header("GRADIENT-TOKEN"));
                Assert.Equal("application/json", sent.Header("Accept"));
                Assert.Equal("GradientMsp/1.2.3", sent.Header("User-Agent"));
            }
            Assert.Single(request.Headers.GetValues("GRADIENT-TOKEN"));
        }
    }

    public class TracingHandlerTests
    {
        [Fact]
        public async Task Logs_method_path_query_status_elapsed_and_attempt_but_no_headers()
        {
            var time = new FakeTimeProvider();
            var log = new RecordingLog();
            int counted = 0;
            var inner = new FakeHandler(time, async (r, ct) =>
            {
                await Task.Yield();
                time.Advance(TimeSpan.FromMilliseconds(250));
                return Http.Json(201, "{}");
            });
            using var invoker = new HttpMessageInvoker(new TracingHandler(log, time, () => counted++)
            {
                InnerHandler = new TokenHandler(() => TestRig.Token, "ua") { InnerHandler = inner },
            });
            using var request = new HttpRequestMessage(HttpMethod.Post, "https://x.example/api/vendor-api/service/s1/count?no_build=true");
            RequestProperties.SetAttempt(request, 3);

            (await invoker.SendAsync(request, CancellationToken.None)).Dispose();

            var entry = Assert.Single(log.Requests);
            Assert.Equal("POST", entry.Method);
            Assert.Equal("/api/vendor-api/service/s1/count?no_build=true", entry.Path);
            Assert.Equal(201, entry.Status);
            Assert.Equal(TimeSpan.FromMilliseconds(250), entry.Elapsed);
            Assert.Equal(3, entry.Attempt);
            Assert.Equal(1, counted);
            Assert.DoesNotContain(TestRig.Token, log.AllText());
        }

        [Fact]
        public async Task Logs_a_null_status_when_no_response_came()
        {
            var time = new FakeTimeProvider();
            var log = new RecordingLog();
            var inner = new FakeHandler(time, (r, ct) => throw new HttpRequestException("refused"));
            using var invoker = new HttpMessageInvoker(new TracingHandler(log, time) { InnerHandler = inner });
            using var request = new HttpRequestMessage(HttpMethod.Get, "https://x.example/api/vendor-api/organization");

            await Assert.ThrowsAsync<HttpRequestException>(() => invoker.SendAsync(request, CancellationToken.None));

            var entry = Assert.Single(log.Requests);
            Assert.Null(entry.Status);
            Assert.Equal("/api/vendor-api/organization", entry.Path);
        }

        [Fact]
        public async Task A_throwing_log_does_not_fail_the_request()
        {
            var inner = new FakeHandler();
            using var invoker = new HttpMessageInvoker(new TracingHandler(new ThrowingLog(), TimeProvider.System) { InnerHandler = inner });
            using var response = await invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, "https://x.example/"), CancellationToken.None);
            Assert.True(response.IsSuccessStatusCode);
        }

        private sealed class ThrowingLog : IGradientLog
        {
            public void Request(string method, string pathAndQuery, int? statusCode, TimeSpan elapsed, int attempt) => throw new InvalidOperationException();
            public void Retrying(string method, string pathAndQuery, string reason, TimeSpan delay, int attempt) => throw new InvalidOperationException();
        }
    }

    public class RetryHandlerTests
    {
        private static (HttpMessageInvoker Invoker, FakeHandler Inner, RecordingLog Log, FakeTimeProvider Time, Func<int> Retries) Build(
            int maxRetries, Func<CapturedRequest, HttpResponseMessage> answer, TimeSpan? baseDelay = null, TimeSpan? maxDelay = null)
        {
            var time = new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
            var log = new RecordingLog();
            int retries = 0;
            var inner = new FakeHandler(time).Answer(answer);
            var handler = new RetryHandler(maxRetries, baseDelay ?? TimeSpan.Zero, maxDelay ?? TimeSpan.FromSeconds(30), time, log, () => Interlocked.Increment(ref retries))
            {
                InnerHandler = new TracingHandler(log, time) { InnerHandler = inner },
            };
            return (new HttpMessageInvoker(handler), inner, log, time, () => Volatile.Read(ref retries));
        }

        private static HttpRequestMessage Get() => new HttpRequestMessage(HttpMethod.Get, "https://x.example/api/vendor-api");

        [Theory]
        [InlineData(500)]
        [InlineData(502)]
        [InlineData(503)]
        [InlineData(504)]
        [InlineData(408)]
        [InlineData(429)]
        public async Task Retries_transient_statuses_then_succeeds(int status)
        {
            var rig = Build(3, r => r.Attempt < 3 ? Http.Json(status, "{}") : Http.Json(200, "{}"));
            using var response = await rig.Invoker.SendAsync(Get(), CancellationToken.None);
            Assert.Equal(200, (int)response.StatusCode);
            Assert.Equal(3, rig.Inner.Count);
            Assert.Equal(new[] { 1, 2, 3 }, rig.Inner.Requests.Select(r => r.Attempt));
            Assert.Equal(2, rig.Retries());
            Assert.Equal(new[] { 2, 3 }, rig.Log.Retries.Select(r => r.Attempt));
            Assert.Equal(new[] { 1, 2, 3 }, rig.Log.Requests.Select(r => r.Attempt));
        }

        [Theory]
        [InlineData(400)]
        [InlineData(401)]
        [InlineData(403)]
        [InlineData(404)]
        [InlineData(409)]
        [InlineData(422)]
        public async Task Does_not_retry_client_errors(int status)
        {
            var rig = Build(3, r => Http.Json(status, "{}"));
            using var response = await rig.Invoker.SendAsync(Get(), CancellationToken.None);
            Assert.Equal(status, (int)response.StatusCode);
            Assert.Equal(1, rig.Inner.Count);
            Assert.Equal(0, rig.Retries());
        }

        [Fact]
        public async Task Retries_are_bounded_by_max_retries()
        {
            var rig = Build(2, r => Http.Json(503, "{}"));
            using var response = await rig.Invoker.SendAsync(Get(), CancellationToken.None);
            Assert.Equal(503, (int)response.StatusCode);
            Assert.Equal(3, rig.Inner.Count);
            Assert.Equal(2, rig.Retries());
        }

        [Fact]
        public async Task Zero_max_retries_sends_once()
        {
            var rig = Build(0, r => Http.Json(503, "{}"));
            using var response = await rig.Invoker.SendAsync(Get(), CancellationToken.None);
            Assert.Equal(1, rig.Inner.Count);
        }

        [Fact]
        public async Task Retries_connection_failures_and_attempt_timeouts_then_rethrows_the_last()
        {
            int n = 0;
            var rig = Build(2, r => ++n switch
            {
                1 => throw new HttpRequestException("refused"),
                2 => throw new IOException("reset"),
                _ => throw new AttemptTimeoutException(TimeSpan.FromSeconds(1), null),
            });
            await Assert.ThrowsAsync<AttemptTimeoutException>(() => rig.Invoker.SendAsync(Get(), CancellationToken.None));
            Assert.Equal(3, rig.Inner.Count);
            Assert.Equal(2, rig.Retries());
        }

        [Fact]
        public async Task Honours_retry_after_seconds()
        {
            var rig = Build(3, r => r.Attempt == 1 ? Http.Json(429, "{}").WithRetryAfter("7") : Http.Json(200, "{}"), baseDelay: TimeSpan.FromMilliseconds(100));
            var task = rig.Invoker.SendAsync(Get(), CancellationToken.None);
            await Drive.Until(() => rig.Log.Retries.Count == 1);
            Assert.Equal(TimeSpan.FromSeconds(7), rig.Log.Retries.Single().Delay);

            rig.Time.Advance(TimeSpan.FromSeconds(6.9));
            await Drive.Settled(task);
            Assert.Equal(1, rig.Inner.Count);

            rig.Time.Advance(TimeSpan.FromMilliseconds(200));
            using var response = await Drive.UntilDone(rig.Time, task, TimeSpan.FromMilliseconds(100));
            Assert.Equal(200, (int)response.StatusCode);
            Assert.Equal(2, rig.Inner.Count);
            var gap = rig.Inner.Requests.Last().At - rig.Inner.Requests.First().At;
            Assert.True(gap >= TimeSpan.FromSeconds(7), "waited " + gap);
        }

        [Fact]
        public async Task Honours_retry_after_http_date()
        {
            var rig = Build(3, r => r.Attempt == 1
                ? Http.Json(503, "{}").WithRetryAfter(new DateTimeOffset(2025, 1, 1, 0, 0, 5, TimeSpan.Zero).ToString("R"))
                : Http.Json(200, "{}"));
            var task = rig.Invoker.SendAsync(Get(), CancellationToken.None);
            await Drive.Until(() => rig.Log.Retries.Count == 1);
            Assert.Equal(TimeSpan.FromSeconds(5), rig.Log.Retries.Single().Delay);
            using var response = await Drive.UntilDone(rig.Time, task, TimeSpan.FromMilliseconds(250));
            Assert.True(rig.Inner.Requests.Last().At >= new DateTimeOffset(2025, 1, 1, 0, 0, 5, TimeSpan.Zero));
        }

        [Fact]
        public async Task A_retry_after_longer_than_the_max_delay_is_returned_not_waited()
        {
            var rig = Build(3, r => Http.Json(429, "{}").WithRetryAfter("3600"), maxDelay: TimeSpan.FromSeconds(30));
            using var response = await rig.Invoker.SendAsync(Get(), CancellationToken.None);
            Assert.Equal(429, (int)response.StatusCode);
            Assert.Equal(1, rig.Inner.Count);
        }

        [Fact]
        public async Task A_long_retry_after_on_a_503_is_returned_not_waited()
        {
            var rig = Build(3, r => Http.Json(503, "{}").WithRetryAfter("600"), maxDelay: TimeSpan.FromSeconds(30));
            using var response = await rig.Invoker.SendAsync(Get(), CancellationToken.None);
            Assert.Equal(503, (int)response.StatusCode);
            Assert.Equal(1, rig.Inner.Count);
        }

        [Fact]
        public async Task Backoff_grows_with_jitter_and_never_exceeds_the_max_delay()
        {
            var rig = Build(6, r => Http.Json(500, "{}"), baseDelay: TimeSpan.FromMilliseconds(500), maxDelay: TimeSpan.FromSeconds(2));
            var task = rig.Invoker.SendAsync(Get(), CancellationToken.None);
            using var response = await Drive.UntilDone(rig.Time, task, TimeSpan.FromMilliseconds(100));
            Assert.Equal(7, rig.Inner.Count);
            var delays = rig.Log.Retries.Select(r => r.Delay).ToList();
            Assert.Equal(6, delays.Count);
            Assert.All(delays, d => Assert.InRange(d, TimeSpan.Zero, TimeSpan.FromSeconds(2)));
            Assert.Contains(delays, d => d > TimeSpan.Zero);
            Assert.All(rig.Log.Retries, r => Assert.StartsWith("500", r.Reason));
        }

        [Fact]
        public async Task Caller_cancellation_during_backoff_surfaces_promptly_and_is_not_retried()
        {
            var rig = Build(5, r => Http.Json(503, "{}"), baseDelay: TimeSpan.FromSeconds(10), maxDelay: TimeSpan.FromSeconds(10));
            using var cts = new CancellationTokenSource();
            var task = rig.Invoker.SendAsync(Get(), cts.Token);
            await Drive.Until(() => rig.Log.Retries.Count == 1);
            cts.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);
            Assert.Equal(1, rig.Inner.Count);
        }

        [Fact]
        public void Parses_retry_after_forms()
        {
            var time = new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
            Assert.Equal(TimeSpan.FromSeconds(3), RetryHandler.RetryAfterOf(Http.Json(429, "{}").WithRetryAfter("3"), time));
            Assert.Equal(TimeSpan.FromSeconds(1.5), RetryHandler.RetryAfterOf(Http.Json(429, "{}").WithRetryAfter("1.5"), time));
            Assert.Equal(TimeSpan.FromSeconds(10), RetryHandler.RetryAfterOf(Http.Json(429, "{}").WithRetryAfter("Wed, 01 Jan 2025 00:00:10 GMT"), time));
            Assert.Equal(TimeSpan.Zero, RetryHandler.RetryAfterOf(Http.Json(429, "{}").WithRetryAfter("Tue, 31 Dec 2024 23:00:00 GMT"), time));
            Assert.Null(RetryHandler.RetryAfterOf(Http.Json(429, "{}"), time));
            Assert.Null(RetryHandler.RetryAfterOf(Http.Json(429, "{}").WithRetryAfter("soon"), time));
        }
    }

    public class TimeoutHandlerTests
    {
        [Fact]
        public async Task An_attempt_past_the_timeout_becomes_an_attempt_timeout()
        {
            var time = new FakeTimeProvider();
            var inner = new FakeHandler(time, async (r, ct) =>
            {
                await Task.Delay(Timeout.Infinite, ct);
                return Http.Json(200, "{}");
            });
            using var invoker = new HttpMessageInvoker(new TimeoutHandler(TimeSpan.FromSeconds(5), time) { InnerHandler = inner });
            var task = invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, "https://x.example/"), CancellationToken.None);
            await Drive.Until(() => inner.Count == 1);
            time.Advance(TimeSpan.FromSeconds(4.9));
            Assert.False(await Drive.Settled(task));
            time.Advance(TimeSpan.FromSeconds(0.2));
            var ex = await Assert.ThrowsAsync<AttemptTimeoutException>(() => task);
            Assert.Equal(TimeSpan.FromSeconds(5), ex.Timeout);
        }

        [Fact]
        public async Task Caller_cancellation_stays_an_operation_cancelled()
        {
            var time = new FakeTimeProvider();
            var inner = new FakeHandler(time, async (r, ct) =>
            {
                await Task.Delay(Timeout.Infinite, ct);
                return Http.Json(200, "{}");
            });
            using var invoker = new HttpMessageInvoker(new TimeoutHandler(TimeSpan.FromSeconds(5), time) { InnerHandler = inner });
            using var cts = new CancellationTokenSource();
            var task = invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, "https://x.example/"), cts.Token);
            await Drive.Until(() => inner.Count == 1);
            cts.Cancel();
            var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);
            Assert.IsNotType<AttemptTimeoutException>(ex);
        }

        [Fact]
        public async Task A_fast_answer_is_returned_with_its_body_buffered()
        {
            var time = new FakeTimeProvider();
            var inner = new FakeHandler(time).Answer(200, "{\"a\":1}");
            using var invoker = new HttpMessageInvoker(new TimeoutHandler(TimeSpan.FromSeconds(5), time) { InnerHandler = inner });
            using var response = await invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, "https://x.example/"), CancellationToken.None);
            Assert.Equal("{\"a\":1}", await response.Content.ReadAsStringAsync());
        }
    }
}
