using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace GradientMsp.Emulator.Tests
{
    public class OrganizationTests
    {
        [Fact]
        public async Task Create_accounts_accepts_array_or_single_object_and_answers_an_array()
        {
            await using var emu = await Emu.StartAsync();
            Reply arr = await emu.Api("POST", "/organization/accounts", new object[]
            {
                new { id = "a1", name = "One", description = "first" },
                new { id = "a2", name = "Two" },
            });
            Assert.Equal(201, arr.Status);
            Assert.Equal(new[] { "a1", "a2" }, arr.Json!.AsArray().Select(a => (string)a!["id"]!).ToArray());
            Assert.Equal("", (string?)arr.Json[1]!["description"]);

            Reply one = await emu.Api("POST", "/organization/accounts", new { id = "a3", name = "Three", description = "" });
            Assert.Equal(201, one.Status);
            Assert.Equal("a3", (string?)one.Json!.AsArray().Single()!["id"]);

            Reply list = await emu.Api("GET", "/organization/accounts");
            Assert.Equal(200, list.Status);
            Assert.Equal(new[] { "a1", "a2", "a3" }, list.Json!.AsArray().Select(a => (string)a!["id"]!).ToArray());
            JsonNode first = list.Json[0]!;
            Assert.Equal("One", (string?)first["name"]);
            Assert.Equal("first", (string?)first["description"]);
            Assert.False((bool)first["isMapped"]!);
            Assert.Null(first["mappingId"]);
        }

        [Fact]
        public async Task Duplicate_account_id_is_not_duplicated_and_the_existing_one_is_returned()
        {
            await using var emu = await Emu.StartAsync();
            await emu.CreateAccount("a1", "Original");
            Reply again = await emu.Api("POST", "/organization/accounts", new object[]
            {
                new { id = "a1", name = "Changed?" },
                new { id = "a2", name = "New" },
                new { id = "a2", name = "New twice in one body" },
            });
            Assert.Equal(201, again.Status);
            Assert.Equal(2, again.Json!.AsArray().Count);
            Assert.Equal("Original", (string?)again.Json[0]!["name"]);
            Assert.Equal("New", (string?)again.Json[1]!["name"]);
            Reply list = await emu.Api("GET", "/organization/accounts");
            Assert.Equal(2, list.Json!.AsArray().Count);
        }

        [Theory]
        [InlineData("[{\"name\":\"no id\"}]")]
        [InlineData("[{\"id\":\"x\"}]")]
        [InlineData("[{\"id\":5,\"name\":\"n\"}]")]
        [InlineData("[]")]
        [InlineData("\"text\"")]
        [InlineData("[1,2]")]
        public async Task Create_accounts_validates_its_body(string body)
        {
            await using var emu = await Emu.StartAsync();
            Reply r = await emu.Api("POST", "/organization/accounts", rawBody: body);
            Assert.Equal(400, r.Status);
            Assert.Empty((await emu.Api("GET", "/organization/accounts")).Json!.AsArray());
        }

        [Fact]
        public async Task Get_accounts_filters_by_ids_and_mapped_state()
        {
            await using var emu = await Emu.StartAsync();
            await emu.CreateAccount("a1", "Contoso Ltd"); // auto-maps (exact PSA client name)
            await emu.CreateAccount("a2", "Nobody");
            await emu.CreateAccount("a3", "Fabrikam Inc");
            Reply some = await emu.Api("GET", "/organization/accounts?accountIds=a1&accountIds=a2");
            Assert.Equal(new[] { "a1", "a2" }, some.Json!.AsArray().Select(a => (string)a!["id"]!).ToArray());
            Reply comma = await emu.Api("GET", "/organization/accounts?accountIds=a2,a3");
            Assert.Equal(new[] { "a2", "a3" }, comma.Json!.AsArray().Select(a => (string)a!["id"]!).ToArray());
            Reply mapped = await emu.Api("GET", "/organization/accounts?returnUnmapped=false");
            Assert.Equal(new[] { "a1", "a3" }, mapped.Json!.AsArray().Select(a => (string)a!["id"]!).ToArray());
            Assert.True((bool)mapped.Json[0]!["isMapped"]!);
            Assert.Matches("^[0-9a-f]{24}$", (string)mapped.Json[0]!["mappingId"]!);
        }

        [Fact]
        public async Task Update_account_one_and_bulk()
        {
            await using var emu = await Emu.StartAsync();
            await emu.CreateAccount("a1", "One");
            await emu.CreateAccount("a2", "Two");
            Reply one = await emu.Api("PATCH", "/organization/accounts/a1", new { name = "One - New Name", isActive = false, isArrears = true });
            Assert.Equal(200, one.Status);
            Assert.Equal("a1", one.Str("id"));
            Assert.Equal("One - New Name", one.Str("name"));

            Reply bulk = await emu.Api("PATCH", "/organization/accounts", new object[] { new { id = "a1", description = "d1" }, new { id = "a2", name = "Two!" } });
            Assert.Equal(200, bulk.Status);
            Assert.Equal("d1", (string?)bulk.Json![0]!["description"]);
            Assert.Equal("Two!", (string?)bulk.Json[1]!["name"]);

            Reply snap = await emu.Control("GET", "/state");
            JsonNode a1 = snap.Json!["partners"]![0]!["accounts"]![0]!;
            Assert.False((bool)a1["isActive"]!);
            Assert.True((bool)a1["isArrears"]!);

            Assert.Equal(404, (await emu.Api("PATCH", "/organization/accounts/nope", new { name = "x" })).Status);
            Reply bulk404 = await emu.Api("PATCH", "/organization/accounts", new object[] { new { id = "a1", name = "changed" }, new { id = "nope", name = "x" } });
            Assert.Equal(404, bulk404.Status);
            Assert.Equal("One - New Name", (string?)(await emu.Api("GET", "/organization/accounts?accountIds=a1")).Json![0]!["name"]); // all or nothing
            // Generated clients send "" for fields they leave unset: "" changes nothing (docs/emulator-fidelity.md).
            Reply blank = await emu.Api("PATCH", "/organization/accounts/a1", new { id = "", name = "", description = "" });
            Assert.Equal(200, blank.Status);
            Assert.Equal("a1", blank.Str("id"));
            Assert.Equal("One - New Name", blank.Str("name"));
            Assert.Equal(400, (await emu.Api("PATCH", "/organization/accounts/a1", new { name = 5 })).Status);
        }

        [Fact]
        public async Task Renaming_an_account_id_moves_it_and_refuses_a_taken_id()
        {
            await using var emu = await Emu.StartAsync();
            await emu.CreateAccount("a1", "One");
            await emu.CreateAccount("a2", "Two");
            Reply taken = await emu.Api("PATCH", "/organization/accounts/a1", new { id = "a2" });
            Assert.Equal(409, taken.Status);
            Assert.Equal("A resource with this Id already exists.", taken.Message);
            Reply moved = await emu.Api("PATCH", "/organization/accounts/a1", new { id = "a9" });
            Assert.Equal(200, moved.Status);
            Assert.Equal(new[] { "a9", "a2" }, (await emu.Api("GET", "/organization/accounts")).Json!.AsArray().Select(a => (string)a!["id"]!).ToArray());
        }

        [Fact]
        public async Task Organization_services_create_get_update_and_409_on_duplicate_id()
        {
            await using var emu = await Emu.StartAsync();
            Reply created = await emu.Api("POST", "/organization/services", new object[]
            {
                new { id = "svc-1", name = "Backup 1TB", description = "one" },
                new { id = "svc-2", name = "Backup 5TB", description = "five" },
            });
            Assert.Equal(201, created.Status);
            Assert.Equal(2, created.Json!.AsArray().Count);
            Assert.False((bool)created.Json[0]!["isMapped"]!);

            Reply single = await emu.Api("POST", "/organization/services", new { id = "svc-3", name = "Single", description = "" });
            Assert.Equal(201, single.Status);

            Reply dup = await emu.Api("POST", "/organization/services", new object[] { new { id = "svc-4", name = "ok", description = "" }, new { id = "svc-1", name = "dup", description = "" } });
            Assert.Equal(409, dup.Status);
            Assert.Equal(409, (int)dup.Json!["statusCode"]!);
            Assert.Equal("A resource with this Id already exists.", dup.Message);
            Reply within = await emu.Api("POST", "/organization/services", new object[] { new { id = "svc-5", name = "a", description = "" }, new { id = "svc-5", name = "b", description = "" } });
            Assert.Equal(409, within.Status);

            Reply list = await emu.Api("GET", "/organization/services");
            Assert.Equal(new[] { "svc-1", "svc-2", "svc-3" }, list.Json!.AsArray().Select(s => (string)s!["id"]!).ToArray()); // 409s created nothing
            Reply filtered = await emu.Api("GET", "/organization/services?serviceIds=svc-2");
            Assert.Equal("Backup 5TB", (string?)filtered.Json!.AsArray().Single()!["name"]);

            Reply upd = await emu.Api("PATCH", "/organization/services/svc-1", new { name = "Backup 2TB" });
            Assert.Equal(200, upd.Status);
            Assert.Equal("Backup 2TB", upd.Str("name"));
            Reply bulk = await emu.Api("PATCH", "/organization/services", new object[] { new { id = "svc-2", description = "5!" } });
            Assert.Equal("5!", (string?)bulk.Json![0]!["description"]);
            Assert.Equal(404, (await emu.Api("PATCH", "/organization/services/nope", new { name = "x" })).Status);
            Assert.Equal(400, (await emu.Api("POST", "/organization/services", new object[] { new { id = "svc-9", name = "no description" } })).Status);
        }

        [Fact]
        public async Task Partners_see_only_their_own_accounts()
        {
            await using var emu = await Emu.StartAsync();
            await emu.CreateAccount("a1", "Mine");
            Reply other = await emu.Control("POST", "/partners", new { name = "Other MSP", partnerKey = "other-key" });
            Assert.Equal(201, other.Status);
            string otherToken = Emu.TokenFor(Emu.VendorKey, "other-key");
            Assert.Equal(otherToken, other.Str("token"));
            Assert.Empty((await emu.Api("GET", "/organization/accounts", token: otherToken)).Json!.AsArray());
            Assert.Equal("Other MSP", (await emu.Api("GET", "/organization", token: otherToken)).Str("name"));
            // vendor-level services are shared
            string sku = await emu.CreateSku("Shared");
            Assert.Equal(sku, (string?)(await emu.Api("GET", "", token: otherToken)).Json!["data"]!["skus"]![0]!["id"]);
        }
    }
}
