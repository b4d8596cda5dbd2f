using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace GradientMsp.Client.Tests
{
    public class ErrorTests
    {
        [Theory]
        [InlineData(400, GradientErrorKind.BadRequest)]
        [InlineData(422, GradientErrorKind.BadRequest)]
        [InlineData(401, GradientErrorKind.Authentication)]
        [InlineData(403, GradientErrorKind.Forbidden)]
        [InlineData(404, GradientErrorKind.NotFound)]
        [InlineData(409, GradientErrorKind.Conflict)]
        [InlineData(429, GradientErrorKind.RateLimited)]
        [InlineData(500, GradientErrorKind.ServerError)]
        [InlineData(503, GradientErrorKind.ServerError)]
        [InlineData(501, GradientErrorKind.ServerError)]
        [InlineData(418, GradientErrorKind.Other)]
        public async Task Maps_status_to_kind(int status, GradientErrorKind kind)
        {
            using var rig = new TestRig(o => o.MaxRetries = 0);
            rig.Handler.Answer(status, "{\"statusCode\":" + status + ",\"message\":\"nope\"}");
            var ex = await Assert.ThrowsAsync<GradientApiException>(() => rig.Client.GetVendorAsync());
            Assert.Equal(kind, ex.Kind);
            Assert.Equal((HttpStatusCode)status, ex.StatusCode);
            Assert.Equal("nope", ex.ApiMessage);
            Assert.Equal("GET", ex.Method);
            Assert.Equal("/api/vendor-api", ex.Path);
            Assert.NotNull(ex.InnerException);
        }

        [Fact]
        public async Task The_message_names_the_request_the_status_and_the_api_message()
        {
            using var rig = new TestRig();
            rig.Handler.Answer(404, "{\"statusCode\":404,\"message\":\"No account map found with id: 1\"}");
            var ex = await Assert.ThrowsAsync<GradientApiException>(() => rig.Client.SetUnitCountAsync("abc", "1", 3m, false));
            Assert.Equal("POST /api/vendor-api/service/abc/count answered 404 Not Found: No account map found with id: 1", ex.Message);
            Assert.Equal(1, ex.Attempts);
            Assert.Equal(1, rig.Handler.Count); // 404 is not retried
        }

        [Fact]
        public async Task An_array_message_is_joined()
        {
            using var rig = new TestRig();
            rig.Handler.Answer(400, "{\"statusCode\":400,\"message\":[\"unitCount must be a number\",\"accountId should not be empty\"],\"error\":\"Bad Request\"}");
            var ex = await Assert.ThrowsAsync<GradientApiException>(() => rig.Client.SetUnitCountAsync("abc", "1", 3m, false));
            Assert.Equal("unitCount must be a number; accountId should not be empty", ex.ApiMessage);
            Assert.EndsWith("answered 400 Bad Request: unitCount must be a number; accountId should not be empty", ex.Message);
        }

        [Fact]
        public async Task A_non_json_error_page_still_maps()
        {
            using var rig = new TestRig(o => o.MaxRetries = 0);
            rig.Handler.Answer(_ => new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent("<html>bad gateway</html>") });
            var ex = await Assert.ThrowsAsync<GradientApiException>(() => rig.Client.GetIntegrationAsync());
            Assert.Equal(GradientErrorKind.ServerError, ex.Kind);
            Assert.Null(ex.ApiMessage);
            Assert.Equal("GET /api/vendor-api/organization answered 502 Bad Gateway", ex.Message);
        }

        [Fact]
        public async Task Server_errors_are_retried_then_reported_with_the_attempts()
        {
            using var rig = new TestRig(o => o.MaxRetries = 3);
            rig.Handler.Answer(503, "{\"message\":\"busy\"}");
            var ex = await Assert.ThrowsAsync<GradientApiException>(() => rig.Client.GetIntegrationAsync());
            Assert.Equal(GradientErrorKind.ServerError, ex.Kind);
            Assert.Equal(4, ex.Attempts);
            Assert.Equal(4, rig.Handler.Count);
            Assert.Equal(3, rig.Client.RetryCount);
        }

        [Fact]
        public async Task Rate_limited_carries_retry_after()
        {
            using var rig = new TestRig(o => { o.MaxRetries = 3; o.MaxRetryDelay = TimeSpan.FromSeconds(30); });
            rig.Handler.Answer(_ => Http.Json(429, "{\"statusCode\":429,\"message\":\"Request limit reached (100 requests a second)\"}").WithRetryAfter("120"));
            var ex = await Assert.ThrowsAsync<GradientApiException>(() => rig.Client.GetIntegrationAsync());
            Assert.Equal(GradientErrorKind.RateLimited, ex.Kind);
            Assert.Equal(TimeSpan.FromSeconds(120), ex.RetryAfter);
            Assert.Equal(1, rig.Handler.Count);
        }

        [Theory]
        [InlineData("{not json")]
        [InlineData("{}x")]
        [InlineData("[1,2]")]
        [InlineData("")]
        public async Task An_unreadable_success_is_invalid_response(string body)
        {
            using var rig = new TestRig();
            rig.Handler.Answer(200, body);
            var ex = await Assert.ThrowsAsync<GradientApiException>(() => rig.Client.GetIntegrationAsync());
            Assert.Equal(GradientErrorKind.InvalidResponse, ex.Kind);
            Assert.Equal(HttpStatusCode.OK, ex.StatusCode);
        }

        [Fact]
        public async Task A_wrong_shape_is_invalid_response_with_the_inner_exception()
        {
            using var rig = new TestRig();
            rig.Handler.Answer(200, "{\"status\":200,\"data\":{\"skus\":\"not-a-list\"}}");
            var ex = await Assert.ThrowsAsync<GradientApiException>(() => rig.Client.GetVendorAsync());
            Assert.Equal(GradientErrorKind.InvalidResponse, ex.Kind);
            Assert.NotNull(ex.InnerException);
        }

        [Fact]
        public async Task Connection_failures_are_retried_then_reported_as_connection()
        {
            using var rig = new TestRig(o => o.MaxRetries = 2);
            rig.Handler.Answer(_ => throw new HttpRequestException("Connection refused (gradient.example:443)"));
            var ex = await Assert.ThrowsAsync<GradientApiException>(() => rig.Client.GetIntegrationAsync());
            Assert.Equal(GradientErrorKind.Connection, ex.Kind);
            Assert.Null(ex.StatusCode);
            Assert.Equal(3, ex.Attempts);
            Assert.IsType<HttpRequestException>(ex.InnerException);
            Assert.Contains("Connection refused", ex.Message);
        }

        [Fact]
        public async Task Attempt_timeouts_are_retried_then_reported_as_timeout()
        {
            using var rig = new TestRig(o => { o.MaxRetries = 1; o.RequestTimeout = TimeSpan.FromSeconds(10); });
            rig.Handler.Responder = async (r, ct) =>
            {
                await Task.Delay(Timeout.Infinite, ct);
                return Http.Json(200, "{}");
            };
            var task = rig.Client.GetIntegrationAsync();
            var ex = await Assert.ThrowsAsync<GradientApiException>(() => Drive.UntilDone(rig.Time, task, TimeSpan.FromSeconds(1)));
            Assert.Equal(GradientErrorKind.Timeout, ex.Kind);
            Assert.Equal(2, ex.Attempts);
            Assert.Equal(2, rig.Handler.Count);
            Assert.NotNull(ex.InnerException);
            Assert.Contains("timed out after 10 s", ex.Message);
        }

        [Fact]
        public async Task Caller_cancellation_is_an_operation_cancelled_not_a_timeout()
        {
            using var rig = new TestRig(o => { o.MaxRetries = 5; o.RequestTimeout = TimeSpan.FromSeconds(10); });
            rig.Handler.Responder = async (r, ct) =>
            {
                await Task.Delay(Timeout.Infinite, ct);
                return Http.Json(200, "{}");
            };
            using var cts = new CancellationTokenSource();
            var task = rig.Client.GetIntegrationAsync(cts.Token);
            await Drive.Until(() => rig.Handler.Count == 1);
            cts.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);
            Assert.Equal(1, rig.Handler.Count);
        }

        [Fact]
        public async Task An_already_cancelled_token_sends_nothing()
        {
            using var rig = new TestRig();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => rig.Client.GetVendorAsync(new CancellationToken(true)));
            Assert.Equal(0, rig.Handler.Count);
        }

        [Fact]
        public async Task Secrets_never_appear_in_messages_paths_or_logs()
        {
            const string vendorKey = "VENDOR-SECRET-123";
            const string partnerKey = "PARTNER-SECRET-456";
            var credential = new GradientCredential(vendorKey, partnerKey);
            var token = credential.ToToken();
            var handler = new FakeHandler();
            var log = new RecordingLog();
            using var client = new GradientClient(credential, new GradientClientOptions
            {
                BaseUri = new Uri("https://gradient.example"), PrimaryHandler = handler, Log = log, RequestsPerSecond = 0,
                MaxRetries = 1, RetryBaseDelay = TimeSpan.Zero, MaxRetryDelay = TimeSpan.Zero,
            });

            var failures = new System.Collections.Generic.List<Exception>();
            foreach (var answer in new Func<CapturedRequest, HttpResponseMessage>[]
            {
                r => Http.Json(401, "{\"statusCode\":401,\"message\":\"Unauthorized\"}"),
                r => Http.Json(503, "{}"),
                r => Http.Json(200, "{bad"),
                r => throw new HttpRequestException("refused"),
            })
            {
                handler.Answer(answer);
                failures.Add(await Assert.ThrowsAsync<GradientApiException>(() => client.SetUnitCountAsync("svc", "acct", 1m, false)));
            }

            Assert.All(handler.Requests, r => Assert.Equal(token, r.Header("GRADIENT-TOKEN")));
            foreach (var secret in new[] { vendorKey, partnerKey, token })
            {
                foreach (var ex in failures.Cast<GradientApiException>())
                {
                    Assert.DoesNotContain(secret, ex.ToString());
                    Assert.DoesNotContain(secret, ex.Path ?? "");
                }
                Assert.DoesNotContain(secret, log.AllText());
                Assert.DoesNotContain(secret, credential.ToString());
            }
            Assert.Equal("GradientCredential(partner ****-456)", credential.ToString());
        }

        [Fact]
        public async Task A_disposed_client_refuses_calls()
        {
            var rig = new TestRig();
            rig.Dispose();
            rig.Dispose();
            await Assert.ThrowsAsync<ObjectDisposedException>(() => rig.Client.GetVendorAsync());
        }
    }
}
