using System;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace GradientMsp.Emulator.Tests
{
    public class VendorApiTests
    {
        [Fact]
        public async Task Get_vendor_is_enveloped_with_documented_fields()
        {
            await using var emu = await Emu.StartAsync();
            Reply r = await emu.Api("GET", "");
            Assert.Equal(200, r.Status);
            Assert.Equal(200, (int)r.Json!["status"]!);
            Assert.Equal("Success - Retrieved Vendor", r.Message);
            JsonObject data = r.Json["data"]!.AsObject();
            foreach (string f in new[] { "_id", "id", "name", "description", "integrationType", "isDistributor", "externalIntegrationStatus",
                         "mappingResponsibilities", "modules", "organizationId", "attributes", "skus", "createdAt", "updatedAt", "__v" })
                Assert.True(data.ContainsKey(f), "missing " + f);
            Assert.Equal((string?)data["_id"], (string?)data["id"]);
            Assert.Equal("custom", (string?)data["integrationType"]);
            Assert.Equal("notIntegrated", (string?)data["externalIntegrationStatus"]);
            Assert.Equal(new[] { "alerts", "billing" }, data["modules"]!.AsArray().Select(m => (string)m!["variation"]!).ToArray());
            Assert.Empty(data["skus"]!.AsArray());
            Assert.Matches("^[0-9a-f]{24}$", (string)data["id"]!);
        }

        [Fact]
        public async Task Patch_vendor_updates_fields_and_needs_at_least_one()
        {
            await using var emu = await Emu.StartAsync();
            Reply r = await emu.Api("PATCH", "", new { integrationPortalUrl = "https://vendor.example/gradient", name = "Acme Backup" });
            Assert.Equal(200, r.Status);
            Assert.Equal("Success - Updated Vendor", r.Message);
            Assert.Equal("https://vendor.example/gradient", (string?)r.Json!["data"]!["integrationPortalUrl"]);
            Assert.Equal("Acme Backup", (string?)(await emu.Api("GET", "")).Json!["data"]!["name"]);

            Reply empty = await emu.Api("PATCH", "", new { });
            Assert.Equal(400, empty.Status);
            Assert.Equal("Must provide at least one property value for updating", empty.Message);
            Assert.Equal(400, (await emu.Api("PATCH", "", new { name = 5 })).Status);
        }

        [Fact]
        public async Task Create_service_answers_bare_vendor_with_new_sku()
        {
            await using var emu = await Emu.StartAsync();
            Reply r = await emu.Api("POST", "/service", new
            {
                name = "Cloud Backup", description = "Backups", category = "backup", subcategory = "cloud backup",
                supportArticle = "https://kb.example", supportContact = "help@example.com",
            });
            Assert.Equal(201, r.Status);
            Assert.Null(r.Json!["data"]); // bare VendorData, not the {status,data,message} envelope
            JsonNode sku = r.Json["skus"]!.AsArray().Single()!;
            Assert.Equal((string?)sku["_id"], (string?)sku["id"]);
            Assert.Equal("Cloud Backup", (string?)sku["name"]);
            Assert.Equal("backup", (string?)sku["category"]);
            Assert.Equal("cloud backup", (string?)sku["subcategory"]);
            Assert.Equal("https://kb.example", (string?)sku["supportArticle"]);
            Assert.Equal("help@example.com", (string?)sku["supportContact"]);
            Reply v = await emu.Api("GET", "");
            Assert.Equal((string?)sku["id"], (string?)v.Json!["data"]!["skus"]![0]!["id"]);
        }

        [Theory]
        [InlineData("Security", "email security")] // category is case-sensitive
        [InlineData("security", "Email Security")] // subcategory is case-sensitive
        [InlineData("security", "privileged access and identity management (PAM/PIM)")] // correct spelling is not the enum
        [InlineData("storage", "cloud storage")]
        public async Task Create_service_rejects_values_outside_the_exact_enums(string category, string subcategory)
        {
            await using var emu = await Emu.StartAsync();
            Reply r = await emu.Api("POST", "/service", new { name = "X", description = "d", category, subcategory });
            Assert.Equal(400, r.Status);
            Assert.Equal("Bad Request", r.Str("error"));
            Assert.Empty((await emu.Api("GET", "")).Json!["data"]!["skus"]!.AsArray());
        }

        [Fact]
        public async Task Create_service_accepts_the_misspelled_pam_subcategory_verbatim_and_requires_fields()
        {
            await using var emu = await Emu.StartAsync();
            Reply ok = await emu.Api("POST", "/service", new
            {
                name = "PAM", description = "d", category = "security", subcategory = "priviledged access and identity management (PAM/PIM)",
            });
            Assert.Equal(201, ok.Status);
            Reply missing = await emu.Api("POST", "/service", new { description = "d", category = "security", subcategory = "email security" });
            Assert.Equal(400, missing.Status);
            Assert.Contains("name", missing.Message);
        }

        [Fact]
        public async Task Get_and_patch_vendor_service()
        {
            await using var emu = await Emu.StartAsync();
            string a = await emu.CreateSku("A");
            string b = await emu.CreateSku("B");
            Reply g = await emu.Api("GET", "/service/" + b);
            Assert.Equal(200, g.Status);
            Assert.Equal("Success - Retrieved Vendor Service", g.Message);
            Assert.Equal(b, (string?)g.Json!["data"]!["skus"]!.AsArray().Single()!["id"]);

            Reply noBody = await emu.Api("PATCH", "/service/" + a);
            Assert.Equal(200, noBody.Status); // the SDK sends no body
            Reply renamed = await emu.Api("PATCH", "/service/" + a, new { name = "A2", category = "other", subcategory = "other" });
            Assert.Equal(200, renamed.Status);
            Assert.Equal("A2", (string?)renamed.Json!["data"]!["skus"]![0]!["name"]);
            Assert.Equal(400, (await emu.Api("PATCH", "/service/" + a, new { category = "Other" })).Status);

            // the Python port sends form fields
            using var req = new HttpRequestMessage(new HttpMethod("PATCH"), "/api/vendor-api/service/" + a);
            req.Headers.TryAddWithoutValidation("GRADIENT-TOKEN", emu.Token);
            req.Content = new FormUrlEncodedContent(new[] { new System.Collections.Generic.KeyValuePair<string, string>("description", "from form") });
            using HttpResponseMessage res = await emu.Http.SendAsync(req);
            Assert.Equal(200, (int)res.StatusCode);
            Assert.Contains("from form", await res.Content.ReadAsStringAsync());

            Assert.Equal(404, (await emu.Api("GET", "/service/000000000000000000000000")).Status);
            Assert.Equal(404, (await emu.Api("PATCH", "/service/000000000000000000000000", new { name = "x" })).Status);
        }

        [Fact]
        public async Task Get_integration_is_bare_with_never_synced_sentinel()
        {
            await using var emu = await Emu.StartAsync();
            Reply r = await emu.Api("GET", "/organization");
            Assert.Equal(200, r.Status);
            Assert.Null(r.Json!["data"]);
            Assert.Equal(emu.OrgId, r.Str("organizationId"));
            Assert.Equal("Seeded MSP", r.Str("name"));
            Assert.Equal("Emulated Vendor", r.Str("vendorName"));
            Assert.Equal((string?)(await emu.Api("GET", "")).Json!["data"]!["id"], r.Str("vendorId"));
            Assert.NotNull(r.Str("integrationId"));
            Assert.Equal("inactive", r.Str("status"));
            Assert.Equal("1900-01-01T00:00:00.000Z", r.Str("lastSyncedAt"));
        }

        [Theory]
        [InlineData("pending")]
        [InlineData("active")]
        [InlineData("inactive")]
        [InlineData("disabled")]
        [InlineData("error")]
        public async Task Status_accepts_the_documented_union(string status)
        {
            await using var emu = await Emu.StartAsync();
            Reply r = await emu.Api("PATCH", "/organization/status/" + status);
            Assert.Equal(200, r.Status);
            Assert.Equal(200, (int)r.Json!["status"]!);
            Assert.Equal("Success - Updated Integration Status", r.Message);
            Assert.Equal(status, (string?)r.Json["data"]!["status"]);
            Assert.Equal(status, (await emu.Api("GET", "/organization")).Str("status"));
        }

        [Theory]
        [InlineData("Pending")]
        [InlineData("ACTIVE")]
        [InlineData("mapping")]
        public async Task Status_is_case_sensitive_and_unknown_values_are_400(string status)
        {
            await using var emu = await Emu.StartAsync();
            Reply r = await emu.Api("PATCH", "/organization/status/" + status);
            Assert.Equal(400, r.Status);
            Assert.Equal("inactive", (await emu.Api("GET", "/organization")).Str("status"));
        }

        [Fact]
        public async Task Legacy_status_is_noted_in_the_request_log()
        {
            await using var emu = await Emu.StartAsync();
            await emu.Api("PATCH", "/organization/status/disabled");
            Reply log = await emu.Control("GET", "/requests?path=/status/");
            Assert.Contains("legacy", (string?)log.Json!["entries"]![0]!["note"]);
        }

        [Fact]
        public async Task Clients_lists_psa_clients_with_search_and_cursor()
        {
            await using var emu = await Emu.StartAsync();
            Reply all = await emu.Api("GET", "/organization/clients");
            Assert.Equal(200, all.Status);
            Assert.Equal(4, all.Json!["clients"]!.AsArray().Count);
            Assert.Equal(4, (int)all.Json["meta"]!["total"]!);
            Assert.Equal("Contoso Ltd", (string?)all.Json["clients"]![0]!["name"]);

            Reply search = await emu.Api("GET", "/organization/clients?search=fab");
            Assert.Equal("Fabrikam Inc", (string?)search.Json!["clients"]!.AsArray().Single()!["name"]);

            Reply after = await emu.Api("GET", "/organization/clients?previousId=psa-client-2");
            Assert.Equal(new[] { "psa-client-3", "psa-client-4" }, after.Json!["clients"]!.AsArray().Select(c => (string)c!["id"]!).ToArray());
        }

        [Fact]
        public async Task No_seed_leaves_the_psa_empty()
        {
            await using var emu = await Emu.StartAsync("--no-seed");
            Assert.Empty((await emu.Api("GET", "/organization/clients")).Json!["clients"]!.AsArray());
        }
    }
}
