using System.Collections.Generic;
using System;
using System.Linq;
using System.Threading.Tasks;
using GradientMsp.Client.Models;
using Newtonsoft.Json.Linq;

namespace GradientMsp.Client.Tests
{
    /// <summary>The exact request each endpoint puts on the wire, and how each documented answer is read.</summary>
    public class EndpointTests : IDisposable
    {
        private readonly TestRig _rig = new TestRig();

        public void Dispose() => _rig.Dispose();

        private const string VendorJson = "{\"_id\":\"64v\",\"name\":\"API\",\"description\":\"API is a custom made vendor\",\"integrationType\":\"custom\",\"isDistributor\":false,\"externalIntegrationStatus\":\"notIntegrated\",\"skus\":[{\"_id\":\"s1\",\"id\":\"s1\",\"name\":\"Backup\",\"category\":\"backup\",\"subcategory\":\"cloud backup\"}],\"createdAt\":\"2023-06-06T13:55:04.681Z\",\"__v\":0,\"id\":\"64v\"}";
        private const string IntegrationJson = "{\"organizationId\":\"64o\",\"name\":\"AJ AT\",\"vendorId\":\"64v\",\"vendorName\":\"API\",\"integrationId\":\"64i\",\"status\":\"pending\",\"lastSyncedAt\":\"1900-06-18T17:11:28.553Z\"}";

        private CapturedRequest Sent(string method, string pathAndQuery)
        {
            var r = _rig.Handler.Single();
            Assert.Equal(method, r.Method);
            Assert.Equal(pathAndQuery, r.PathAndQuery);
            Assert.Equal("gradient.example", r.Uri.Host);
            Assert.Equal(TestRig.Token, r.Header("GRADIENT-TOKEN"));
            Assert.Equal("application/json", r.Header("Accept"));
            Assert.Equal("GradientMsp/9.9.9", r.Header("User-Agent"));
            if (r.Body != null) Assert.Equal("application/json", r.ContentType);
            return r;
        }

        private static JToken Body(CapturedRequest r) => JToken.Parse(r.Body!);

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public async Task GetVendor(bool enveloped)
        {
            _rig.Handler.Answer(200, enveloped ? "{\"status\":200,\"data\":" + VendorJson + ",\"message\":\"Success - Retrieved Vendor\"}" : VendorJson);
            var vendor = await _rig.Client.GetVendorAsync();
            var r = Sent("GET", "/api/vendor-api");
            Assert.Null(r.Body);
            Assert.Equal("64v", vendor.Id);
            Assert.Equal("API", vendor.Name);
            Assert.Equal("notIntegrated", vendor.ExternalIntegrationStatus);
            var sku = Assert.Single(vendor.Services);
            Assert.Equal("s1", sku.Id);
            Assert.Equal("Backup", sku.Name);
        }

        [Fact]
        public async Task UpdateVendor_sends_only_given_fields()
        {
            _rig.Handler.Answer(200, "{\"status\":200,\"data\":" + VendorJson + ",\"message\":\"ok\"}");
            var vendor = await _rig.Client.UpdateVendorAsync(new VendorUpdate { IntegrationPortalUrl = "https://portal.example/gradient" });
            var body = Body(Sent("PATCH", "/api/vendor-api"));
            Assert.Equal(new JObject { ["integrationPortalUrl"] = "https://portal.example/gradient" }, body);
            Assert.Equal("64v", vendor.Id);
            await Assert.ThrowsAsync<ArgumentException>(() => _rig.Client.UpdateVendorAsync(new VendorUpdate()));
        }

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public async Task CreateService(bool enveloped)
        {
            _rig.Handler.Answer(201, enveloped ? "{\"status\":201,\"data\":" + VendorJson + ",\"message\":\"ok\"}" : VendorJson);
            var vendor = await _rig.Client.CreateServiceAsync(new NewService
            {
                Name = "Backup", Description = "Cloud backup", Category = "backup", Subcategory = "cloud backup", SupportContact = "help@vendor.example",
            });
            var body = (JObject)Body(Sent("POST", "/api/vendor-api/service"));
            Assert.Equal(JTokenType.String, body["name"]!.Type);
            Assert.Equal("Backup", (string?)body["name"]);
            Assert.Equal("Cloud backup", (string?)body["description"]);
            Assert.Equal("backup", (string?)body["category"]);
            Assert.Equal("cloud backup", (string?)body["subcategory"]);
            Assert.Equal("help@vendor.example", (string?)body["supportContact"]);
            Assert.False(body.ContainsKey("supportArticle"));
            Assert.Equal("s1", vendor.Services.Single().Id);
        }

        [Fact]
        public async Task GetService_reads_the_vendor_filtered_by_service()
        {
            _rig.Handler.Answer(200, "{\"status\":200,\"data\":" + VendorJson + ",\"message\":\"ok\"}");
            var service = await _rig.Client.GetServiceAsync("s1");
            Sent("GET", "/api/vendor-api/service/s1");
            Assert.Equal("Backup", service.Name);
        }

        [Fact]
        public async Task GetService_reads_a_bare_sku()
        {
            _rig.Handler.Answer(200, "{\"id\":\"s 2\",\"name\":\"Mail\"}");
            var service = await _rig.Client.GetServiceAsync("s 2");
            Sent("GET", "/api/vendor-api/service/s%202");
            Assert.Equal("Mail", service.Name);
        }

        [Fact]
        public async Task UpdateService()
        {
            _rig.Handler.Answer(200, "");
            await _rig.Client.UpdateServiceAsync("s1", new ServiceUpdate { Name = "New" });
            Assert.Equal(new JObject { ["name"] = "New" }, Body(Sent("PATCH", "/api/vendor-api/service/s1")));
        }

        [Theory]
        [InlineData(false, "/api/vendor-api/service/svc1/count")]
        [InlineData(true, "/api/vendor-api/service/svc1/count?no_build=true")]
        public async Task SetUnitCount(bool noBuild, string expectedPath)
        {
            _rig.Handler.Answer(201, "{\"status\":201,\"message\":\"Success - Created service unit count\"}");
            var response = await _rig.Client.SetUnitCountAsync("svc1", "acct-1", 12m, noBuild);
            var body = (JObject)Body(Sent("POST", expectedPath));
            Assert.Equal(2, body.Count);
            Assert.Equal(JTokenType.String, body["accountId"]!.Type);
            Assert.Equal("acct-1", (string?)body["accountId"]);
            Assert.Equal(JTokenType.Integer, body["unitCount"]!.Type);
            Assert.Equal(12, (int)body["unitCount"]!);
            Assert.Contains("\"unitCount\":12", _rig.Handler.Single().Body);
            Assert.Equal(201, response.Status);
            Assert.Equal("Success - Created service unit count", response.Message);
        }

        [Fact]
        public async Task SetUnitCount_sends_fractions_and_zero_as_numbers_and_tolerates_an_empty_answer()
        {
            _rig.Handler.Answer(_ => Http.Empty(201));
            var response = await _rig.Client.SetUnitCountAsync("svc1", "a", 2.5m, false);
            await _rig.Client.SetUnitCountAsync("svc1", "a", 0m, false);
            var bodies = _rig.Handler.Requests.Select(r => (JObject)JToken.Parse(r.Body!)).ToList();
            Assert.Equal(JTokenType.Float, bodies[0]["unitCount"]!.Type);
            Assert.Equal(2.5m, (decimal)bodies[0]["unitCount"]!);
            Assert.Equal(JTokenType.Integer, bodies[1]["unitCount"]!.Type);
            Assert.Equal(0, (int)bodies[1]["unitCount"]!);
            Assert.Equal(201, response.Status);
        }

        [Theory]
        [InlineData("a.b", "/api/vendor-api/service/a.b/count")]
        [InlineData("v1.", "/api/vendor-api/service/v1./count")]
        [InlineData("a/b", "/api/vendor-api/service/a%2Fb/count")]
        [InlineData("a b?c#d", "/api/vendor-api/service/a%20b%3Fc%23d/count")]
        [InlineData("x%y", "/api/vendor-api/service/x%25y/count")]
        public async Task Path_segments_are_escaped(string serviceId, string expectedPath)
        {
            _rig.Handler.Answer(201, "{}");
            await _rig.Client.SetUnitCountAsync(serviceId, "acct", 1m, false);
            Sent("POST", expectedPath);
        }

        [Fact]
        public async Task Blank_ids_are_refused_before_sending()
        {
            await Assert.ThrowsAsync<ArgumentException>(() => _rig.Client.SetUnitCountAsync(" ", "acct", 1m, false));
            await Assert.ThrowsAsync<ArgumentException>(() => _rig.Client.SetUnitCountAsync("svc", "", 1m, false));
            await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _rig.Client.SetUnitCountAsync("svc", "a", -1m, false));
            await Assert.ThrowsAsync<ArgumentException>(() => _rig.Client.GetAlertTicketAsync(""));
            // Dot-only ids would be resolved away by System.Uri and hit another route.
            // A typed ArgumentException, so a cmdlet gives that item its own InvalidId error.
            await Assert.ThrowsAsync<GradientInvalidIdException>(() => _rig.Client.SetUnitCountAsync("..", "acct", 1m, false));
            await Assert.ThrowsAsync<GradientInvalidIdException>(() => _rig.Client.UpdateAccountAsync(".", new Models.MappingPropertyUpdate { Name = "x" }));
            Assert.Equal(0, _rig.Handler.Count);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task GetIntegration_bare_or_wrapped(bool wrapped)
        {
            _rig.Handler.Answer(200, wrapped ? "{\"data\":" + IntegrationJson + "}" : IntegrationJson);
            var integration = await _rig.Client.GetIntegrationAsync();
            Sent("GET", "/api/vendor-api/organization");
            Assert.Equal("pending", integration.Status);
            Assert.Equal("AJ AT", integration.Name);
            Assert.Equal("64i", integration.IntegrationId);
            // The documented sample's 1900 date is Gradient's never-synced placeholder (issue 13): read as null.
            Assert.Null(integration.LastSyncedAt);
        }

        [Theory]
        [InlineData("1900-01-01T00:00:00.000Z", null)]
        [InlineData("0001-01-01T00:00:00Z", null)]
        [InlineData("2026-03-04T05:06:07.000Z", "2026-03-04T05:06:07.0000000+00:00")]
        public async Task GetIntegration_reads_the_never_synced_placeholder_as_null(string wire, string? expected)
        {
            _rig.Handler.Answer(200, "{\"status\":\"active\",\"lastSyncedAt\":\"" + wire + "\"}");
            var integration = await _rig.Client.GetIntegrationAsync();
            Assert.Equal(expected, integration.LastSyncedAt?.ToString("o", System.Globalization.CultureInfo.InvariantCulture));
        }

        [Theory]
        [InlineData(IntegrationStatus.Pending, "pending")]
        [InlineData(IntegrationStatus.Active, "active")]
        [InlineData(IntegrationStatus.Inactive, "inactive")]
        public async Task SetIntegrationStatus(IntegrationStatus status, string wire)
        {
            _rig.Handler.Answer(200, "{\"data\":" + IntegrationJson.Replace("pending", wire) + ",\"status\":200,\"message\":\"Success - Updated Integration Status\"}");
            var integration = await _rig.Client.SetIntegrationStatusAsync(status);
            var r = Sent("PATCH", "/api/vendor-api/organization/status/" + wire);
            Assert.Equal("{}", r.Body);
            Assert.Equal(wire, integration.Status);
            Assert.Equal("64o", integration.OrganizationId);
        }

        [Fact]
        public async Task SetIntegrationStatus_tolerates_a_string_data()
        {
            _rig.Handler.Answer(200, "{\"data\":\"ok\",\"status\":200,\"message\":\"Success\"}");
            var integration = await _rig.Client.SetIntegrationStatusAsync(IntegrationStatus.Pending);
            Assert.Equal("pending", integration.Status);
        }

        [Fact]
        public async Task GetClients_with_search_and_cursor()
        {
            _rig.Handler.Answer(200, "{\"meta\":{\"total\":1},\"clients\":[{\"id\":\"c1\",\"name\":\"Contoso & Co\"}]}");
            var page = await _rig.Client.GetPsaClientsAsync("Contoso & Co", "prev-1");
            Sent("GET", "/api/vendor-api/organization/clients?search=Contoso%20%26%20Co&previousId=prev-1");
            var client = Assert.Single(page.Clients);
            Assert.Equal("c1", client["id"]?.ToString());
        }

        [Fact]
        public async Task GetClients_hands_out_plain_values_only()
        {
            // The cmdlets live outside the client's load context: no Newtonsoft type may leave it.
            _rig.Handler.Answer(200, "{\"meta\":{\"total\":2},\"clients\":[{\"id\":\"c1\",\"seats\":12,\"active\":true,\"tags\":[\"a\",{\"k\":1.5}],\"owner\":{\"name\":\"Ann\"},\"note\":null}]}");
            var page = await _rig.Client.GetPsaClientsAsync();
            var client = Assert.Single(page.Clients);
            Assert.Equal("c1", client["id"]);
            Assert.Equal(12L, client["seats"]);
            Assert.Equal(true, client["active"]);
            Assert.Null(client["note"]);
            var tags = Assert.IsType<object?[]>(client["tags"]);
            Assert.Equal("a", tags[0]);
            Assert.Equal(1.5m, Assert.IsType<Dictionary<string, object?>>(tags[1])["k"]);
            Assert.Equal("Ann", Assert.IsType<Dictionary<string, object?>>(client["owner"])["name"]);
            Assert.Equal(2L, page.Meta!["total"]);
        }

        [Fact]
        public async Task GetClients_without_parameters_has_no_query()
        {
            _rig.Handler.Answer(200, "{\"meta\":{},\"clients\":[]}");
            var page = await _rig.Client.GetPsaClientsAsync();
            Sent("GET", "/api/vendor-api/organization/clients");
            Assert.Empty(page.Clients);
        }

        [Fact]
        public async Task GetAccounts_bare_array()
        {
            _rig.Handler.Answer(200, "[{\"id\":\"1\",\"name\":\"Sample Account\",\"description\":\"\"},{\"id\":\"2\",\"name\":\"B\",\"isMapped\":true,\"mappingId\":\"m2\"}]");
            var accounts = await _rig.Client.GetAccountsAsync();
            Sent("GET", "/api/vendor-api/organization/accounts");
            Assert.Equal(new[] { "1", "2" }, accounts.Select(a => a.Id));
            Assert.Null(accounts[0].IsMapped);
            Assert.True(accounts[1].IsMapped);
            Assert.Equal("m2", accounts[1].MappingId);
        }

        [Fact]
        public async Task GetAccounts_filtered_and_enveloped()
        {
            _rig.Handler.Answer(200, "{\"status\":200,\"data\":[{\"id\":\"a b\",\"name\":\"X\"}],\"message\":\"ok\"}");
            var accounts = await _rig.Client.GetAccountsAsync(new[] { "a b", "c" });
            Sent("GET", "/api/vendor-api/organization/accounts?accountIds=a%20b&accountIds=c");
            Assert.Equal("a b", Assert.Single(accounts).Id);
        }

        [Fact]
        public async Task CreateAccounts_sends_one_array()
        {
            _rig.Handler.Answer(201, "[{\"id\":\"1\",\"name\":\"Sample Account\",\"description\":\"\"},{\"id\":\"2\",\"name\":\"Two\",\"description\":\"d\"}]");
            var created = await _rig.Client.CreateAccountsAsync(new[]
            {
                new NewAccount { Id = "1", Name = "Sample Account" },
                new NewAccount { Id = "2", Name = "Two", Description = "d", IsArrears = true },
            });
            var body = Body(Sent("POST", "/api/vendor-api/organization/accounts"));
            var array = Assert.IsType<JArray>(body);
            Assert.Equal(2, array.Count);
            Assert.Equal(new JObject { ["id"] = "1", ["name"] = "Sample Account", ["description"] = "" }, array[0]);
            Assert.Equal(JTokenType.Boolean, array[1]["isArrears"]!.Type);
            Assert.Equal(2, created.Count);
        }

        [Fact]
        public async Task CreateAccounts_of_one_is_still_an_array_and_a_single_object_answer_is_a_list_of_one()
        {
            _rig.Handler.Answer(201, "{\"id\":\"1\",\"name\":\"One\",\"description\":\"\"}");
            var created = await _rig.Client.CreateAccountsAsync(new[] { new NewAccount { Id = "1", Name = "One" } });
            Assert.IsType<JArray>(Body(Sent("POST", "/api/vendor-api/organization/accounts")));
            Assert.Equal("One", Assert.Single(created).Name);
        }

        [Fact]
        public async Task CreateAccounts_of_none_sends_nothing()
        {
            Assert.Empty(await _rig.Client.CreateAccountsAsync(Array.Empty<NewAccount>()));
            Assert.Equal(0, _rig.Handler.Count);
        }

        [Fact]
        public async Task UpdateAccount()
        {
            _rig.Handler.Answer(200, "{\"id\":\"1\",\"name\":\"Sample Account - New Name\",\"description\":\"\"}");
            var account = await _rig.Client.UpdateAccountAsync("1", new MappingPropertyUpdate { Name = "Sample Account - New Name", IsActive = false });
            var body = Body(Sent("PATCH", "/api/vendor-api/organization/accounts/1"));
            Assert.Equal(new JObject { ["name"] = "Sample Account - New Name", ["isActive"] = false }, body);
            Assert.Equal("Sample Account - New Name", account.Name);
        }

        [Fact]
        public async Task GetOrganizationServices()
        {
            _rig.Handler.Answer(200, "[{\"id\":\"o1\",\"name\":\"Org svc\",\"description\":\"\",\"isMapped\":false,\"mappingId\":null}]");
            var services = await _rig.Client.GetOrganizationServicesAsync(new[] { "o1" });
            Sent("GET", "/api/vendor-api/organization/services?serviceIds=o1");
            Assert.False(Assert.Single(services).IsMapped);
        }

        [Fact]
        public async Task CreateOrganizationServices_sends_an_array()
        {
            _rig.Handler.Answer(201, "[{\"id\":\"o1\",\"name\":\"Org svc\",\"description\":\"x\"}]");
            var created = await _rig.Client.CreateOrganizationServicesAsync(new[] { new NewOrganizationService { Id = "o1", Name = "Org svc", Description = "x" } });
            var array = Assert.IsType<JArray>(Body(Sent("POST", "/api/vendor-api/organization/services")));
            Assert.Equal(new JObject { ["id"] = "o1", ["name"] = "Org svc", ["description"] = "x" }, array.Single());
            Assert.Equal("o1", created.Single().Id);
        }

        [Fact]
        public async Task UpdateOrganizationService()
        {
            _rig.Handler.Answer(200, "{\"id\":\"o1\",\"name\":\"Renamed\"}");
            var service = await _rig.Client.UpdateOrganizationServiceAsync("o1", new MappingPropertyUpdate { Name = "Renamed" });
            Assert.Equal(new JObject { ["name"] = "Renamed" }, Body(Sent("PATCH", "/api/vendor-api/organization/services/o1")));
            Assert.Equal("Renamed", service.Name);
        }

        [Fact]
        public async Task SendAlert()
        {
            _rig.Handler.Answer(201, "{\"messageId\":\"ff-1\",\"alertId\":\"1\",\"correlationID\":\"64c\"}");
            var receipt = await _rig.Client.SendAlertAsync("contoso.com", new NewAlert { Title = "Disk", Description = "Full", AlertId = "1", Priority = 3, Status = 1 });
            var body = (JObject)Body(Sent("POST", "/api/vendor-api/alerting/contoso.com"));
            Assert.Equal(JTokenType.Integer, body["priority"]!.Type);
            Assert.Equal(3, (int)body["priority"]!);
            Assert.Equal(JTokenType.Integer, body["status"]!.Type);
            Assert.Equal("1", (string?)body["alertId"]);
            Assert.Equal("Disk", (string?)body["title"]);
            Assert.False(body.ContainsKey("dueDateTime"));
            Assert.Equal("ff-1", receipt.MessageId);
            Assert.Equal("64c", receipt.CorrelationId);
        }

        [Fact]
        public async Task GetAlertTicket()
        {
            _rig.Handler.Answer(200, "{\"status\":\"failed\",\"statusCode\":500,\"errors\":[\"board not mapped\"],\"messageId\":\"ff-1\"}");
            var ticket = await _rig.Client.GetAlertTicketAsync("ff-1");
            Sent("GET", "/api/vendor-api/alerting/debug/ff-1");
            Assert.Equal("failed", ticket.Status);
            Assert.Equal(500, ticket.StatusCode);
            Assert.Equal("board not mapped", Assert.Single(ticket.Errors!));
        }

        [Fact]
        public async Task A_base_uri_with_api_suffix_still_hits_the_right_path()
        {
            using var rig = new TestRig(o => o.BaseUri = new Uri("https://gradient.example/api/vendor-api/"));
            rig.Handler.Answer(200, IntegrationJson);
            await rig.Client.GetIntegrationAsync();
            Assert.Equal("https://gradient.example/api/vendor-api/organization", rig.Handler.Single().Uri.AbsoluteUri);
        }

        [Fact]
        public async Task Counters_count_requests_and_retries()
        {
            using var rig = new TestRig(o => o.MaxRetries = 2);
            int n = 0;
            rig.Handler.Answer(_ => ++n == 1 ? Http.Json(502, "{}") : Http.Json(200, IntegrationJson));
            await rig.Client.GetIntegrationAsync();
            await rig.Client.GetIntegrationAsync();
            Assert.Equal(3, rig.Client.RequestCount);
            Assert.Equal(1, rig.Client.RetryCount);
        }
    }
}
