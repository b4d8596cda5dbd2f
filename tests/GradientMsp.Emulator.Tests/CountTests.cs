using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace GradientMsp.Emulator.Tests
{
    public class CountTests
    {
        [Fact]
        public async Task Count_on_mapped_pair_is_201_response_dto_and_flips_status_active()
        {
            await using var emu = await Emu.StartAsync();
            string sku = await emu.MappedPair();
            Assert.Equal("pending", (await emu.Api("GET", "/organization")).Str("status"));
            emu.Time.Advance(TimeSpan.FromMinutes(5));
            Reply r = await emu.Count(sku, "acc-1", 25);
            Assert.Equal(201, r.Status);
            Assert.Equal(201, (int)r.Json!["status"]!);
            Assert.Equal("Success - Created service unit count", r.Message);
            Assert.Equal(2, r.Json.AsObject().Count);
            Reply org = await emu.Api("GET", "/organization");
            Assert.Equal("active", org.Str("status"));
            Assert.Equal("2026-01-15T12:05:00.000Z", org.Str("lastSyncedAt"));
        }

        [Fact]
        public async Task Count_for_unknown_or_unmapped_account_or_service_is_404_no_account_map()
        {
            await using var emu = await Emu.StartAsync();
            string mappedSku = await emu.MappedPair("acc-1");
            string unmappedSku = await emu.CreateSku("Something Else"); // no PSA service of that name
            await emu.CreateAccount("acc-2", "Unknown Customer"); // no PSA client of that name

            Reply unmappedAccount = await emu.Count(mappedSku, "acc-2", 1);
            Assert.Equal(404, unmappedAccount.Status);
            Assert.Equal(404, (int)unmappedAccount.Json!["statusCode"]!);
            Assert.Equal("No account map found with id: acc-2", unmappedAccount.Message);

            Reply unknownAccount = await emu.Count(mappedSku, "nope", 1);
            Assert.Equal("No account map found with id: nope", unknownAccount.Message);
            Assert.Equal(404, unknownAccount.Status);

            Reply unmappedService = await emu.Count(unmappedSku, "acc-1", 1);
            Assert.Equal(404, unmappedService.Status);
            Assert.Equal("No account map found with id: acc-1", unmappedService.Message);

            Reply unknownService = await emu.Count("000000000000000000000000", "acc-1", 1);
            Assert.Equal(404, unknownService.Status);

            Assert.Equal("pending", (await emu.Api("GET", "/organization")).Str("status")); // no usage accepted yet
            Assert.Empty((await emu.Control("GET", "/state")).Json!["partners"]![0]!["counts"]!.AsArray());
        }

        [Theory]
        [InlineData("{\"unitCount\":5}", "You have provided an invalid Id type")]
        [InlineData("{\"accountId\":\"\",\"unitCount\":5}", "You have provided an invalid Id type")]
        [InlineData("{\"accountId\":12,\"unitCount\":5}", "You have provided an invalid Id type")]
        [InlineData("{\"accountId\":\"acc-1\"}", "unitCount should not be empty")]
        [InlineData("{\"accountId\":\"acc-1\",\"unitCount\":\"5\"}", "unitCount must be a number conforming to the specified constraints")]
        [InlineData("{\"accountId\":\"acc-1\",\"unitCount\":true}", "unitCount must be a number conforming to the specified constraints")]
        [InlineData("{\"accountId\":\"acc-1\",\"unitCount\":-1}", "unitCount must not be less than 0")]
        public async Task Count_body_validation_is_400(string body, string message)
        {
            await using var emu = await Emu.StartAsync();
            string sku = await emu.MappedPair();
            Reply r = await emu.Api("POST", $"/service/{sku}/count", rawBody: body);
            Assert.Equal(400, r.Status);
            Assert.Equal(message, r.Message);
            Assert.Equal("Bad Request", r.Str("error"));
        }

        [Fact]
        public async Task Count_accepts_decimals_and_zero_and_sets_absolute_value()
        {
            await using var emu = await Emu.StartAsync();
            string sku = await emu.MappedPair();
            Assert.Equal(201, (await emu.Count(sku, "acc-1", 2.5m)).Status);
            Assert.Equal(201, (await emu.Count(sku, "acc-1", 0)).Status);
            JsonNode c = (await emu.Control("GET", "/state")).Json!["partners"]![0]!["counts"]![0]!;
            Assert.Equal(0m, (decimal)c["unitCount"]!);
            Assert.Equal(2, (int)c["pushes"]!);
        }

        [Fact]
        public async Task Deprecated_clientOId_targets_the_account_mapped_to_that_psa_client()
        {
            await using var emu = await Emu.StartAsync();
            string sku = await emu.MappedPair("acc-1"); // acc-1 → psa-client-1
            Reply r = await emu.Api("POST", $"/service/{sku}/count", new { clientOId = "psa-client-1", unitCount = 7 });
            Assert.Equal(201, r.Status);
            JsonNode c = (await emu.Control("GET", "/state")).Json!["partners"]![0]!["counts"]![0]!;
            Assert.Equal("acc-1", (string?)c["accountId"]);
            Reply none = await emu.Api("POST", $"/service/{sku}/count", new { clientOid = "psa-client-3", unitCount = 7 });
            Assert.Equal(404, none.Status);
        }

        [Fact]
        public async Task No_build_is_recorded_and_only_pushes_without_it_rebuild_billing()
        {
            await using var emu = await Emu.StartAsync();
            string sku = await emu.MappedPair();
            await emu.Control("POST", "/partners/default/finish");
            await emu.Count(sku, "acc-1", 3, noBuild: true);
            await emu.Count(sku, "acc-1", 4, noBuild: true);
            JsonNode p = (await emu.Control("GET", "/state")).Json!["partners"]![0]!;
            Assert.Equal(0, (int)p["billingRebuilds"]!);
            Assert.True((bool)p["counts"]![0]!["lastNoBuild"]!);
            Assert.Null(p["counts"]![0]!["builtUnitCount"]);
            JsonNode billing = (await emu.Control("GET", "/partners/default/billing")).Json!;
            Assert.True((bool)billing["pendingBuild"]!);
            Assert.Equal("-", (string?)billing["cards"]![0]!["state"]); // page not rebuilt yet: nothing imported shows

            await emu.Count(sku, "acc-1", 25, noBuild: false);
            await emu.Api("POST", $"/service/{sku}/count?no_build=TRUE", new { accountId = "acc-1", unitCount = 26 });
            await emu.Api("POST", $"/service/{sku}/count", new { accountId = "acc-1", unitCount = 25 });
            p = (await emu.Control("GET", "/state")).Json!["partners"]![0]!;
            Assert.Equal(2, (int)p["billingRebuilds"]!);
            Assert.Equal(5, (int)p["countPushes"]!);
            Assert.False((bool)p["counts"]![0]!["lastNoBuild"]!);
            Assert.Equal(25m, (decimal)p["counts"]![0]!["builtUnitCount"]!);
        }

        [Fact]
        public async Task Count_against_a_mapped_organization_service_id()
        {
            await using var emu = await Emu.StartAsync();
            await emu.SetPending();
            await emu.CreateAccount("acc-1", "Contoso Ltd");
            await emu.Api("POST", "/organization/services", new[] { new { id = "my-svc", name = "Cloud Backup", description = "" } }); // auto-maps to psa-service-2
            Reply r = await emu.Count("my-svc", "acc-1", 10);
            Assert.Equal(201, r.Status);
            JsonNode card = (await emu.Control("GET", "/partners/default/billing")).Json!["cards"]!.AsArray()
                .Single(c => (string?)c!["serviceId"] == "my-svc")!;
            Assert.Equal("NoChange", (string?)card["state"]); // Contoso has 10 Cloud Backup in the PSA
            Assert.Equal("organization", (string?)card["serviceKind"]);
        }
    }
}
