using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace GradientMsp.Client.Tests
{
    /// <summary>A request as it reached the wire (the innermost handler).</summary>
    internal sealed class CapturedRequest
    {
        public CapturedRequest(string method, Uri uri, Dictionary<string, string> headers, string? body, string? contentType, DateTimeOffset at, int attempt)
        {
            Method = method; Uri = uri; Headers = headers; Body = body; ContentType = contentType; At = at; Attempt = attempt;
        }

        public string Method { get; }
        public Uri Uri { get; }
        /// <summary>The path as sent, still escaped.</summary>
        public string Path => Uri.AbsolutePath;
        public string Query => Uri.Query;
        public string PathAndQuery => Uri.PathAndQuery;
        public Dictionary<string, string> Headers { get; }
        public string? Body { get; }
        public string? ContentType { get; }
        public DateTimeOffset At { get; }
        public int Attempt { get; }
        public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;
    }

    /// <summary>The innermost handler: records every request and answers with <see cref="Responder"/>.</summary>
    internal sealed class FakeHandler : HttpMessageHandler
    {
        private readonly TimeProvider _time;

        public FakeHandler(TimeProvider? time = null, Func<CapturedRequest, CancellationToken, Task<HttpResponseMessage>>? responder = null)
        {
            _time = time ?? TimeProvider.System;
            Responder = responder ?? ((r, ct) => Task.FromResult(Http.Json(200, "{}")));
        }

        public Func<CapturedRequest, CancellationToken, Task<HttpResponseMessage>> Responder { get; set; }
        public ConcurrentQueue<CapturedRequest> Requests { get; } = new ConcurrentQueue<CapturedRequest>();
        public int Count => Requests.Count;
        public CapturedRequest Single() => Assert.Single(Requests);
        public Action<CapturedRequest>? OnArrival { get; set; }

        public FakeHandler Answer(Func<CapturedRequest, HttpResponseMessage> answer)
        {
            Responder = (r, ct) => Task.FromResult(answer(r));
            return this;
        }

        public FakeHandler Answer(int status, string json) => Answer(_ => Http.Json(status, json));

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
#if NETFRAMEWORK
            // build/net472/ClientTests runs these tests on Mono: .NET Framework's HttpClient has neither overload.
            string? body = request.Content == null ? null : await request.Content.ReadAsStringAsync();
            int attempt = request.Properties.TryGetValue("GradientMsp.Attempt", out var a) && a is int n ? n : 0;
#else
            string? body = request.Content == null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
            int attempt = request.Options.TryGetValue(new HttpRequestOptionsKey<int>("GradientMsp.Attempt"), out var a) ? a : 0;
#endif
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var h in request.Headers) headers[h.Key] = string.Join(",", h.Value);
            var captured = new CapturedRequest(request.Method.Method, request.RequestUri!, headers, body,
                request.Content?.Headers.ContentType?.ToString(), _time.GetUtcNow(), attempt);
            Requests.Enqueue(captured);
            OnArrival?.Invoke(captured);
            var response = await Responder(captured, cancellationToken);
            response.RequestMessage ??= request;
            return response;
        }
    }

    internal static class Http
    {
        public static HttpResponseMessage Json(int status, string json)
            => new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

        public static HttpResponseMessage Empty(int status) => new HttpResponseMessage((HttpStatusCode)status) { Content = new ByteArrayContent(Array.Empty<byte>()) };

        public static HttpResponseMessage WithRetryAfter(this HttpResponseMessage response, string value)
        {
            response.Headers.TryAddWithoutValidation("Retry-After", value);
            return response;
        }
    }

    /// <summary>Collects what the client logs.</summary>
    internal sealed class RecordingLog : IGradientLog
    {
        public ConcurrentQueue<(string Method, string Path, int? Status, TimeSpan Elapsed, int Attempt)> Requests { get; } = new();
        public ConcurrentQueue<(string Method, string Path, string Reason, TimeSpan Delay, int Attempt)> Retries { get; } = new();

        public void Request(string method, string pathAndQuery, int? statusCode, TimeSpan elapsed, int attempt)
            => Requests.Enqueue((method, pathAndQuery, statusCode, elapsed, attempt));

        public void Retrying(string method, string pathAndQuery, string reason, TimeSpan delay, int attempt)
            => Retries.Enqueue((method, pathAndQuery, reason, delay, attempt));

        public string AllText() => string.Join("\n", Requests.Select(r => r.ToString()).Concat(Retries.Select(r => r.ToString())));
    }

    internal sealed class TestRig : IDisposable
    {
        public const string VendorKey = "abc123";
        public const string PartnerKey = "def456";
        public const string Token = "YWJjMTIzOmRlZjQ1Ng==";

        public TestRig(Action<GradientClientOptions>? configure = null)
        {
            Time = new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
            Handler = new FakeHandler(Time);
            Log = new RecordingLog();
            Options = new GradientClientOptions
            {
                BaseUri = new Uri("https://gradient.example"),
                PrimaryHandler = Handler,
                TimeProvider = Time,
                Log = Log,
                RequestsPerSecond = 0,
                MaxRetries = 2,
                RetryBaseDelay = TimeSpan.Zero,
                MaxRetryDelay = TimeSpan.Zero,
                RequestTimeout = Timeout.InfiniteTimeSpan,
                UserAgent = "GradientMsp/9.9.9",
            };
            configure?.Invoke(Options);
            Client = new GradientClient(new GradientCredential(VendorKey, PartnerKey), Options);
        }

        public FakeTimeProvider Time { get; }
        public FakeHandler Handler { get; }
        public RecordingLog Log { get; }
        public GradientClientOptions Options { get; }
        public GradientClient Client { get; }

        public void Dispose()
        {
            Client.Dispose();
            Handler.Dispose();
        }
    }

    /// <summary>
    /// A FakeTimeProvider that counts timers that fired, so a test can wait until the work each one
    /// released has reached the fake handler before it moves the clock again.
    /// </summary>
    internal sealed class CountingTime : TimeProvider
    {
        private readonly FakeTimeProvider _inner;
        private int _fired;

        public CountingTime(FakeTimeProvider inner) { _inner = inner; }
        public int Fired => Volatile.Read(ref _fired);
        public override DateTimeOffset GetUtcNow() => _inner.GetUtcNow();
        public override long GetTimestamp() => _inner.GetTimestamp();
        public override long TimestampFrequency => _inner.TimestampFrequency;
        public override TimeZoneInfo LocalTimeZone => _inner.LocalTimeZone;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
            => _inner.CreateTimer(s =>
            {
                Interlocked.Increment(ref _fired);
                callback(s);
            }, state, dueTime, period);
    }

    internal static class Drive
    {
        /// <summary>
        /// Advances fake time in steps until the task finishes, yielding briefly (1 ms of real time at most)
        /// between steps so thread-pool continuations can run.
        /// </summary>
        public static async Task<T> UntilDone<T>(FakeTimeProvider time, Task<T> task, TimeSpan step, int maxSteps = 10_000)
        {
            await UntilDone(time, (Task)task, step, maxSteps);
            return await task;
        }

        public static async Task UntilDone(FakeTimeProvider time, Task task, TimeSpan step, int maxSteps = 10_000)
        {
            for (int i = 0; i < maxSteps && !task.IsCompleted; i++)
            {
                if (await Settled(task)) break;
                time.Advance(step);
            }
            await Settled(task);
            Assert.True(task.IsCompleted, "the task did not finish within the fake-time budget");
        }

        /// <summary>Gives continuations a moment (a few ms of real time at most) to run.</summary>
        public static async Task<bool> Settled(Task task)
        {
            for (int i = 0; i < 20 && !task.IsCompleted; i++) await Task.Yield();
            if (!task.IsCompleted) await Task.WhenAny(task, Task.Delay(1));
            return task.IsCompleted;
        }

        /// <summary>Spins (real time, bounded) until the condition holds.</summary>
        public static async Task Until(Func<bool> condition, int maxMs = 5000)
        {
            var deadline = DateTime.UtcNow.AddMilliseconds(maxMs);
            while (!condition())
            {
                Assert.True(DateTime.UtcNow < deadline, "condition not reached in time");
                await Task.Delay(1);
            }
        }
    }
}
