using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace GradientMsp.Emulator.Tests
{
    public class PartnerFlowTests
    {
        [Fact]
        public async Task Next_lights_up_only_while_pending_or_active_and_wizard_counts_what_arrived()
        {
            await using var emu = await Emu.StartAsync();
            JsonNode w = (await emu.Control("GET", "/partners/default/wizard")).Json!;
            Assert.False((bool)w["nextEnabled"]!);
            Assert.Equal("inactive", (string?)w["status"]);

            await emu.SetPending();
            await emu.CreateAccount("a1", "Contoso Ltd");
            await emu.CreateAccount("a2", "Someone");
            await emu.CreateSku("Cloud Backup");
            await emu.Api("POST", "/organization/services", new[] { new { id = "o1", name = "Other", description = "" } });
            w = (await emu.Control("GET", "/partners/default/wizard")).Json!;
            Assert.True((bool)w["nextEnabled"]!);
            Assert.Equal(2, (int)w["accountsReceived"]!);
            Assert.Equal(2, (int)w["servicesReceived"]!);
            Assert.Equal(1, (int)w["vendorServicesReceived"]!);
            Assert.Equal(1, (int)w["organizationServicesReceived"]!);
            Assert.Equal(1, (int)w["mappedAccounts"]!);
            Assert.Equal(1, (int)w["mappedServices"]!);
            Assert.Equal(new[] { "a2" }, w["unmappedAccounts"]!.AsArray().Select(x => (string)x!).ToArray());

            foreach (string s in new[] { "disabled", "error", "inactive" })
            {
                await emu.Api("PATCH", "/organization/status/" + s);
                Assert.False((bool)(await emu.Control("GET", "/partners/default/wizard")).Json!["nextEnabled"]!);
            }
            await emu.Api("PATCH", "/organization/status/active");
            Assert.True((bool)(await emu.Control("GET", "/partners/default/wizard")).Json!["nextEnabled"]!);
        }

        [Fact]
        public async Task Auto_mapping_is_exact_and_case_sensitive_and_only_during_first_setup()
        {
            await using var emu = await Emu.StartAsync();
            await emu.SetPending();
            await emu.CreateAccount("exact", "Fabrikam Inc");
            await emu.CreateAccount("lower", "fabrikam inc");
            await emu.CreateAccount("space", "Fabrikam Inc ");
            JsonNode m = (await emu.Control("GET", "/partners/default/mappings")).Json!;
            JsonNode exact = m["accounts"]!.AsArray().Single(a => (string?)a!["accountId"] == "exact")!;
            Assert.Equal("psa-client-2", (string?)exact["psaClientId"]);
            Assert.True((bool)exact["autoMapped"]!);
            Assert.Null(m["accounts"]!.AsArray().Single(a => (string?)a!["accountId"] == "lower")!["psaClientId"]);
            Assert.Null(m["accounts"]!.AsArray().Single(a => (string?)a!["accountId"] == "space")!["psaClientId"]);

            Assert.Equal(200, (await emu.Control("POST", "/partners/default/finish")).Status);
            await emu.CreateAccount("late", "Northwind Traders");
            string lateSku = await emu.CreateSku("Email Security", "security", "email security");
            m = (await emu.Control("GET", "/partners/default/mappings")).Json!;
            Assert.Null(m["accounts"]!.AsArray().Single(a => (string?)a!["accountId"] == "late")!["psaClientId"]);
            Assert.Null(m["services"]!.AsArray().Single(s => (string?)s!["serviceId"] == lateSku)!["psaServiceId"]);
        }

        [Fact]
        public async Task Manual_mapping_by_id_or_name_and_unmapping_sticks()
        {
            await using var emu = await Emu.StartAsync();
            await emu.SetPending();
            await emu.CreateAccount("a1", "Contoso Ltd");
            string sku = await emu.CreateSku("Backup Plus");

            Reply unmap = await emu.Control("PUT", "/partners/default/mappings/accounts/a1", new { psaClientId = (string?)null });
            Assert.Equal(200, unmap.Status);
            Assert.Null(unmap.Json!["accounts"]![0]!["psaClientId"]);
            await emu.Control("POST", "/partners/default/psa", new { clients = new[] { new { name = "Contoso Ltd" } } }); // triggers an auto-map pass
            Assert.False((bool)(await emu.Api("GET", "/organization/accounts")).Json![0]!["isMapped"]!); // a manual unmap is not undone

            Reply byName = await emu.Control("PUT", "/partners/default/mappings/accounts/a1", new { psaClientName = "Tailspin Toys" });
            Assert.Equal("psa-client-4", (string?)byName.Json!["accounts"]![0]!["psaClientId"]);
            Assert.False((bool)byName.Json["accounts"]![0]!["autoMapped"]!);
            Reply svc = await emu.Control("PUT", $"/partners/default/mappings/services/{sku}", new { psaServiceId = "psa-service-4" });
            Assert.Equal("Managed Workstation", (string?)svc.Json!["services"]![0]!["psaServiceName"]);
            Assert.Equal(201, (await emu.Count(sku, "a1", 12)).Status);

            Assert.Equal(400, (await emu.Control("PUT", "/partners/default/mappings/accounts/a1", new { psaClientId = "nope" })).Status);
            Assert.Equal(404, (await emu.Control("PUT", "/partners/default/mappings/accounts/nope", new { psaClientId = "psa-client-1" })).Status);
            Assert.Equal(404, (await emu.Control("PUT", "/partners/default/mappings/services/nope", new { psaServiceId = "psa-service-1" })).Status);
        }

        [Fact]
        public async Task Finish_needs_next_enabled()
        {
            await using var emu = await Emu.StartAsync();
            Reply r = await emu.Control("POST", "/partners/default/finish");
            Assert.Equal(409, r.Status);
            Assert.Contains("pending", r.Message);
            await emu.SetPending();
            Reply ok = await emu.Control("POST", "/partners/default/finish");
            Assert.Equal(200, ok.Status);
            Assert.True((bool)ok.Json!["setupFinished"]!);
        }

        [Fact]
        public async Task Billing_cards_follow_the_service_card_rules()
        {
            await using var emu = await Emu.StartAsync();
            await emu.SetPending();
            // PSA: Contoso has Endpoint Protection 25 and Cloud Backup 10; Fabrikam has Endpoint Protection 40 and Email Security 40.
            string edr = await emu.CreateSku("Endpoint Protection", "security", "endpoint detection and response (EDR)");
            string backup = await emu.CreateSku("Cloud Backup");
            string email = await emu.CreateSku("Email Security", "security", "email security");
            string unmapped = await emu.CreateSku("Not Mapped");
            await emu.CreateAccount("contoso", "Contoso Ltd");
            await emu.CreateAccount("fabrikam", "Fabrikam Inc");
            await emu.CreateAccount("stranger", "Stranger Co");

            Reply before = await emu.Control("GET", "/partners/default/billing");
            Assert.All(before.Json!["cards"]!.AsArray(), c => Assert.Equal("-", (string?)c!["state"])); // only PSA quantities
            Assert.Equal(4, before.Json["cards"]!.AsArray().Count);

            Assert.Equal(201, (await emu.Count(edr, "contoso", 25)).Status); // equal → NoChange
            Assert.Equal(201, (await emu.Count(backup, "contoso", 12)).Status); // differs → Reconcile
            Assert.Equal(201, (await emu.Count(email, "contoso", 3)).Status); // no PSA line → NewRevenueFound
            Assert.Equal(404, (await emu.Count(unmapped, "contoso", 3)).Status);
            Assert.Equal(404, (await emu.Count(edr, "stranger", 3)).Status);

            JsonArray cards = (await emu.Control("GET", "/partners/default/billing")).Json!["cards"]!.AsArray();
            JsonNode Card(string account, string service) => cards.Single(c => (string?)c!["accountId"] == account && (string?)c["serviceId"] == service)!;
            Assert.Equal("NoChange", (string?)Card("contoso", edr)["state"]);
            Assert.Equal(25m, (decimal)Card("contoso", edr)["psaQuantity"]!);
            Assert.Equal(25m, (decimal)Card("contoso", edr)["importedQuantity"]!);
            Assert.Equal("Reconcile", (string?)Card("contoso", backup)["state"]);
            Assert.Equal(10m, (decimal)Card("contoso", backup)["psaQuantity"]!);
            Assert.Equal(12m, (decimal)Card("contoso", backup)["importedQuantity"]!);
            Assert.Equal("NewRevenueFound", (string?)Card("contoso", email)["state"]);
            Assert.Null(Card("contoso", email)["psaQuantity"]);
            Assert.Equal("-", (string?)Card("fabrikam", edr)["state"]);
            Assert.Null(Card("fabrikam", edr)["importedQuantity"]);
            Assert.Equal("-", (string?)Card("fabrikam", email)["state"]);
            Assert.DoesNotContain(cards, c => (string?)c!["accountId"] == "stranger");
            Assert.DoesNotContain(cards, c => (string?)c!["serviceId"] == unmapped);
            Assert.Equal(5, cards.Count);

            // unmapping the account removes its cards even though counts exist
            await emu.Control("PUT", "/partners/default/mappings/accounts/contoso", new { psaClientId = (string?)null });
            cards = (await emu.Control("GET", "/partners/default/billing")).Json!["cards"]!.AsArray();
            Assert.DoesNotContain(cards, c => (string?)c!["accountId"] == "contoso");
        }

        [Fact]
        public async Task Explicit_rebuild_shows_counts_pushed_with_no_build()
        {
            await using var emu = await Emu.StartAsync();
            string sku = await emu.MappedPair();
            await emu.Count(sku, "acc-1", 30, noBuild: true);
            Reply b = await emu.Control("POST", "/partners/default/billing/rebuild");
            Assert.Equal(1, (int)b.Json!["billingRebuilds"]!);
            Assert.False((bool)b.Json["pendingBuild"]!);
            Assert.Equal("Reconcile", (string?)b.Json["cards"]![0]!["state"]);
            Assert.Equal(30m, (decimal)b.Json["cards"]![0]!["importedQuantity"]!);
        }

        [Fact]
        public async Task Disconnect_deletes_accounts_kills_the_token_and_sets_inactive()
        {
            await using var emu = await Emu.StartAsync();
            string sku = await emu.MappedPair("acc-1");
            await emu.CreateAccount("acc-2", "Other");
            await emu.Api("POST", "/organization/services", new[] { new { id = "o1", name = "Org svc", description = "" } });
            await emu.Count(sku, "acc-1", 5);
            Assert.Equal("active", (await emu.Api("GET", "/organization")).Str("status"));

            Reply d = await emu.Control("POST", "/partners/default/disconnect");
            Assert.Equal(200, d.Status);
            Assert.Equal(2, (int)d.Json!["deletedAccounts"]!);
            Assert.Equal(1, (int)d.Json["deletedCounts"]!);
            Assert.Equal(401, (await emu.Api("GET", "/organization")).Status);

            JsonNode p = (await emu.Control("GET", "/partners/default")).Json!;
            Assert.False((bool)p["connected"]!);
            Assert.Equal("inactive", (string?)p["status"]);
            Assert.Null(p["token"]);
            Assert.Equal(0, (int)p["accounts"]!);
            Assert.Equal(1, (int)p["organizationServices"]!); // only accounts are deleted
            Assert.DoesNotContain((await emu.Control("GET", "/partners/default/billing")).Json!["cards"]!.AsArray(), c => c!["importedQuantity"] != null);

            // reconnect: a new key and token, no accounts, status inactive, a fresh setup
            Reply c = await emu.Control("POST", "/partners/default/connect");
            Assert.Equal(200, c.Status);
            string newToken = c.Str("token")!;
            Assert.NotEqual(emu.Token, newToken);
            Assert.Equal(401, (await emu.Api("GET", "/organization")).Status);
            emu.Token = newToken;
            Reply org = await emu.Api("GET", "/organization");
            Assert.Equal(200, org.Status);
            Assert.Equal("inactive", org.Str("status"));
            Assert.Empty((await emu.Api("GET", "/organization/accounts")).Json!.AsArray());
            Assert.False((bool)c.Json!["setupFinished"]!);
            Assert.Equal(409, (await emu.Control("POST", "/partners/default/connect")).Status);
        }

        [Fact]
        public async Task Regenerating_the_partner_key_invalidates_the_old_token_and_keeps_accounts()
        {
            await using var emu = await Emu.StartAsync();
            await emu.SetPending();
            await emu.CreateAccount("a1", "Kept");
            Reply r = await emu.Control("POST", "/partners/default/regenerate-key", new { partnerKey = "fresh-key" });
            Assert.Equal(200, r.Status);
            Assert.Equal("fresh-key", r.Str("partnerKey"));
            Assert.Equal(401, (await emu.Api("GET", "/organization/accounts")).Status);
            string t = Emu.TokenFor(Emu.VendorKey, "fresh-key");
            Assert.Equal(t, r.Str("token"));
            Reply list = await emu.Api("GET", "/organization/accounts", token: t);
            Assert.Equal("a1", (string?)list.Json!.AsArray().Single()!["id"]);
            Assert.Equal("pending", (await emu.Api("GET", "/organization", token: t)).Str("status"));

            Reply random = await emu.Control("POST", "/partners/default/regenerate-key");
            Assert.NotEqual("fresh-key", random.Str("partnerKey"));
            Assert.Equal(401, (await emu.Api("GET", "/organization", token: t)).Status);

            await emu.Control("POST", "/partners/default/disconnect");
            Assert.Equal(409, (await emu.Control("POST", "/partners/default/regenerate-key")).Status);
        }

        [Fact]
        public async Task Create_more_partners_with_their_own_psa()
        {
            await using var emu = await Emu.StartAsync();
            Reply p = await emu.Control("POST", "/partners", new
            {
                name = "Second MSP",
                organizationId = "org-two",
                psa = new
                {
                    clients = new[] { new { id = "c1", name = "Alpha" } },
                    services = new[] { new { id = "s1", name = "Backup" } },
                    contracts = new[] { new { clientId = "c1", serviceName = "Backup", quantity = 3 } },
                },
            });
            Assert.Equal(201, p.Status);
            Assert.Equal("org-two", p.Str("organizationId"));
            Assert.True((bool)p.Json!["connected"]!);
            Reply psa = await emu.Control("GET", "/partners/org-two/psa");
            Assert.Equal(3m, (decimal)psa.Json!["contracts"]![0]!["quantity"]!);
            Assert.Equal("Backup", (string?)psa.Json["contracts"]![0]!["serviceName"]);
            Assert.Equal(2, (await emu.Control("GET", "/partners")).Json!.AsArray().Count);
            Assert.Equal(409, (await emu.Control("POST", "/partners", new { organizationId = "org-two" })).Status);

            Reply notConnected = await emu.Control("POST", "/partners", new { name = "Later", connect = false, seedPsa = true });
            Assert.Null(notConnected.Str("partnerKey"));
            Assert.Equal(4, (int)notConnected.Json!["psaClients"]!);

            Reply removeLine = await emu.Control("POST", "/partners/org-two/psa", new { contracts = new[] { new { clientName = "Alpha", serviceId = "s1", quantity = (int?)null } } });
            Assert.Empty(removeLine.Json!["contracts"]!.AsArray());
            Assert.Equal(400, (await emu.Control("POST", "/partners/org-two/psa", new { contracts = new[] { new { clientId = "zz", serviceId = "s1", quantity = 1 } } })).Status);
            Assert.Equal(404, (await emu.Control("GET", "/partners/nope/wizard")).Status);
        }

        [Fact]
        public async Task Reset_clears_state_but_keeps_the_keys()
        {
            await using var emu = await Emu.StartAsync();
            await emu.CreateAccount("a1", "x");
            await emu.CreateSku("s");
            await emu.Control("POST", "/faults", new { kind = "status", statusCode = 500, path = "/nowhere" });
            Reply r = await emu.Control("POST", "/reset");
            Assert.Equal(200, r.Status);
            Assert.Equal(emu.Token, r.Str("token"));
            Assert.Empty((await emu.Api("GET", "/organization/accounts")).Json!.AsArray());
            Assert.Empty((await emu.Api("GET", "")).Json!["data"]!["skus"]!.AsArray());
            Assert.Empty((await emu.Control("GET", "/faults")).Json!.AsArray());
            Reply bare = await emu.Control("POST", "/reset", new { seed = false });
            Assert.Equal(0, (int)(await emu.Control("GET", "/partners/default")).Json!["psaClients"]!);
            Assert.Equal(emu.OrgId, bare.Str("organizationId"));
        }

        [Fact]
        public async Task Settings_change_the_rate_limit_and_alert_delay_at_run_time()
        {
            await using var emu = await Emu.StartAsync();
            Reply s = await emu.Control("PATCH", "/settings", new { rateLimit = 1, alertDelayMs = 250 });
            Assert.Equal(1, (int)s.Json!["rateLimit"]!);
            Assert.Equal(250, (int)s.Json["alertDelayMs"]!);
            Assert.Equal(200, (await emu.Api("GET", "/organization")).Status);
            Assert.Equal(429, (await emu.Api("GET", "/organization")).Status);
            Assert.Equal(400, (await emu.Control("PATCH", "/settings", new { rateLimit = -1 })).Status);
        }
    }
}
