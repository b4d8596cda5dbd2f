using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading.Tasks;
using GradientMsp.Client.Models;

namespace GradientMsp.Client.Tests
{
    /// <summary>
    /// Creates whose answer is lost after the server acted (docs/retries.md): the fake server makes
    /// the object, then the connection drops before the answer. Nothing may be made twice.
    /// </summary>
    public class LostAnswerTests : IDisposable
    {
        private readonly TestRig _rig = new TestRig();
        private readonly List<string> _serviceNames = new List<string>();
        private readonly List<string> _accountIds = new List<string>();
        private readonly List<string> _orgServiceIds = new List<string>();
        private int _alerts;
        /// <summary>How many of the next creates act and then lose their answer.</summary>
        private int _dropAfterActing = 1;

        public LostAnswerTests()
        {
            _rig.Handler.Responder = (r, ct) => Task.FromResult(Answer(r));
        }

        public void Dispose() => _rig.Dispose();

        private HttpResponseMessage Answer(CapturedRequest r)
        {
            string route = r.Method + " " + r.Path;
            HttpResponseMessage answer;
            switch (route)
            {
                case "POST /api/vendor-api/service":
                    _serviceNames.Add((string)Newtonsoft.Json.Linq.JObject.Parse(r.Body!)["name"]!);
                    answer = Http.Json(201, VendorJson());
                    break;
                case "GET /api/vendor-api":
                    return Http.Json(200, VendorJson());
                case "POST /api/vendor-api/organization/accounts":
                    foreach (var a in Newtonsoft.Json.Linq.JArray.Parse(r.Body!)) _accountIds.Add((string)a["id"]!);
                    answer = Http.Json(201, r.Body!);
                    break;
                case "GET /api/vendor-api/organization/accounts":
                    return Http.Json(200, "[" + string.Join(",", _accountIds.Select(id => "{\"id\":\"" + id + "\",\"name\":\"n\"}")) + "]");
                case "POST /api/vendor-api/organization/services":
                    foreach (var s in Newtonsoft.Json.Linq.JArray.Parse(r.Body!))
                    {
                        string id = (string)s["id"]!;
                        if (_orgServiceIds.Contains(id)) return Http.Json(409, "{\"message\":\"A resource with this Id already exists.\"}");
                        _orgServiceIds.Add(id);
                    }
                    answer = Http.Json(201, "[]");
                    break;
                case "GET /api/vendor-api/organization/services":
                    return Http.Json(200, "[" + string.Join(",", _orgServiceIds.Select(id => "{\"id\":\"" + id + "\",\"name\":\"n\"}")) + "]");
                case "POST /api/vendor-api/alerting/acct-1":
                    _alerts++;
                    answer = Http.Json(201, "{\"messageId\":\"m1\",\"alertId\":\"a1\"}");
                    break;
                default:
                    return Http.Json(200, "{}");
            }
            if (_dropAfterActing > 0)
            {
                _dropAfterActing--;
                answer.Dispose();
                throw new IOException("The connection was reset after the request was processed.");
            }
            return answer;
        }

        private string VendorJson()
            => "{\"data\":{\"id\":\"v1\",\"skus\":[" + string.Join(",", _serviceNames.Select((n, i) => "{\"id\":\"s" + i + "\",\"name\":\"" + n + "\"}")) + "]}}";

        private int Sent(string method, string path) => _rig.Handler.Requests.Count(r => r.Method == method && r.Path == path);

        [Fact]
        public async Task A_service_whose_answer_was_lost_is_found_by_name_not_made_twice()
        {
            var vendor = await _rig.Client.CreateServiceAsync(new NewService { Name = "Backup", Category = "backup", Subcategory = "cloud backup" });

            Assert.Equal(new[] { "Backup" }, _serviceNames);
            Assert.Equal(1, Sent("POST", "/api/vendor-api/service"));
            Assert.Equal("Backup", Assert.Single(vendor.Services).Name);
        }

        [Fact]
        public async Task Organization_services_whose_answer_was_lost_are_reported_created_not_AlreadyExists()
        {
            var made = await _rig.Client.CreateOrganizationServicesAsync(new[] { new NewOrganizationService { Id = "os-1", Name = "Backup" } });

            Assert.Equal("os-1", Assert.Single(made).Id);
            Assert.Equal(new[] { "os-1" }, _orgServiceIds);
            Assert.Equal(1, Sent("POST", "/api/vendor-api/organization/services"));
        }

        [Fact]
        public async Task Accounts_the_lost_attempt_did_not_make_are_sent_again_and_only_those()
        {
            // The first attempt acted on "1" only (as if the server failed half-way), then lost its answer.
            _accountIds.Add("1");
            _dropAfterActing = 0;
            _rig.Handler.Responder = (r, ct) =>
            {
                if (r.Method == "POST" && _rig.Handler.Requests.Count(x => x.Method == "POST") == 1)
                    throw new IOException("reset");
                return Task.FromResult(Answer(r));
            };

            var made = await _rig.Client.CreateAccountsAsync(new[] { new NewAccount { Id = "1", Name = "One" }, new NewAccount { Id = "2", Name = "Two" } });

            Assert.Equal(new[] { "1", "2" }, _accountIds);
            var posts = _rig.Handler.Requests.Where(r => r.Method == "POST").ToList();
            Assert.Equal(2, posts.Count);
            Assert.DoesNotContain("\"1\"", posts[1].Body);
            Assert.Equal(new[] { "1", "2" }, made.Select(a => a.Id).OrderBy(i => i).ToArray());
        }

        [Fact]
        public async Task An_alert_whose_answer_was_lost_is_not_sent_again_and_says_so()
        {
            var ex = await Assert.ThrowsAsync<GradientApiException>(() =>
                _rig.Client.SendAlertAsync("acct-1", new NewAlert { AlertId = "a1", Title = "t", Description = "d", Priority = 1, Status = 1 }));

            Assert.Equal(1, _alerts);
            Assert.True(ex.OutcomeUnknown);
            Assert.Contains("'a1' may have been delivered", ex.Message);
        }

        [Fact]
        public async Task A_create_that_never_reached_the_server_is_retried()
        {
            int calls = 0;
            _rig.Handler.Responder = (r, ct) =>
            {
                if (++calls == 1) throw new HttpRequestException("refused", new SocketException((int)SocketError.ConnectionRefused));
                return Task.FromResult(Answer(r));
            };
            _dropAfterActing = 0;

            await _rig.Client.SendAlertAsync("acct-1", new NewAlert { AlertId = "a1", Title = "t", Description = "d", Priority = 1, Status = 1 });

            Assert.Equal(1, _alerts);
            Assert.Equal(2, calls);
        }

        [Fact]
        public async Task A_create_answered_503_is_retried_and_a_500_is_looked_up()
        {
            int calls = 0;
            _dropAfterActing = 0;
            _rig.Handler.Responder = (r, ct) =>
            {
                calls++;
                if (calls == 1) return Task.FromResult(Http.Json(503, "{}"));
                if (calls == 2)
                {
                    Answer(r).Dispose(); // acted, then failed
                    return Task.FromResult(Http.Json(500, "{}"));
                }
                return Task.FromResult(Answer(r));
            };

            var vendor = await _rig.Client.CreateServiceAsync(new NewService { Name = "Backup", Category = "backup", Subcategory = "cloud backup" });

            Assert.Equal(new[] { "Backup" }, _serviceNames);
            Assert.Equal(2, Sent("POST", "/api/vendor-api/service"));
            Assert.Equal(1, Sent("GET", "/api/vendor-api"));
            Assert.Single(vendor.Services);
        }

        [Fact]
        public async Task A_count_is_absolute_so_it_is_still_retried_after_a_dropped_answer()
        {
            int calls = 0;
            _rig.Handler.Responder = (r, ct) =>
            {
                if (++calls == 1) throw new IOException("reset");
                return Task.FromResult(Http.Json(201, "{}"));
            };

            var result = await _rig.Client.SetUnitCountAsync("s1", "acct-1", 5, noBuild: true);

            Assert.Equal(201, result.Status);
            Assert.Equal(2, calls);
        }
    }
}
