using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.Playwright;
using Xunit;

namespace GradientMsp.Browser.Tests
{
    /// <summary>Gradient's QA checklist clicked through the pages while the test plays the integration over HTTP.</summary>
    [Collection(BrowserCollection.Name)]
    public sealed class ChecklistTests
    {
        private const string Hostile = "<img src=x onerror=alert(1)> Fabrikam & \"Co\"";
        private readonly BrowserHost _host;

        public ChecklistTests(BrowserHost host) => _host = host;

        private static async Task Expect(ILocator l, string text) => await Assertions.Expect(l).ToContainTextAsync(text);

        [BrowserFact]
        public async Task The_whole_checklist_walks_on_the_pages()
        {
            IPage page = await _host.NewPage();
            await page.GotoAsync(_host.BaseUri + "/synthesize/");
            await Expect(page.Locator("h1"), "This is a local Synthesize");
            await BrowserHost.Shot(page, "01-welcome");

            // The seeded partner starts connected: the checklist says disconnect first.
            await page.GetByRole(AriaRole.Link, new() { Name = "Open Seeded MSP" }).ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Disconnect" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Dialog), "Disconnect");
            await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Disconnect" }).ClickAsync();
            await Expect(page.Locator("#card-state"), "Ready to connect");
            await BrowserHost.Shot(page, "02-integrations-ready");

            // Connect → Generate API Token: the key is shown once.
            await page.GetByRole(AriaRole.Link, new() { Name = "Connect" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Next" })).ToBeDisabledAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Generate API Token" }).ClickAsync();
            string key = await page.Locator("#new-key").InputValueAsync();
            Assert.Matches("^[0-9a-f]{32}$", key);
            // The copy button exists only with script (the key stays selectable text without it) and answers a click.
            await page.GetByRole(AriaRole.Button, new() { Name = "Copy" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Copied" })).ToBeVisibleAsync();
            await Expect(page.Locator("#portal-missing"), "blank page");
            await BrowserHost.Shot(page, "03-setup-key");
            await page.ReloadAsync();
            Assert.Equal(0, await page.Locator("#new-key").CountAsync());

            // The integration authenticates with that key, sets its portal URL and the status, and syncs accounts and services.
            (await _host.Vendor(HttpMethod.Patch, "", key, new JsonObject { ["integrationPortalUrl"] = "https://portal.example.test/gradient" })).EnsureSuccessStatusCode();
            (await _host.Vendor(HttpMethod.Patch, "/organization/status/pending", key)).EnsureSuccessStatusCode();
            (await _host.Vendor(HttpMethod.Post, "/organization/accounts", key, new JsonArray(
                new JsonObject { ["id"] = "acc-contoso", ["name"] = "Contoso Ltd", ["description"] = "auto-maps by name" },
                new JsonObject { ["id"] = "acc-hostile", ["name"] = Hostile, ["description"] = "hostile input" },
                new JsonObject { ["id"] = "acc-northwind", ["name"] = "Northwind Traders", ["description"] = "auto-maps, never pushes usage" }))).EnsureSuccessStatusCode();
            (await _host.Vendor(HttpMethod.Post, "/organization/services", key, new JsonArray(
                new JsonObject { ["id"] = "svc-backup", ["name"] = "Cloud Backup", ["description"] = "auto-maps by name" }))).EnsureSuccessStatusCode();
            JsonNode vendor = await BrowserHost.Json(await _host.Vendor(HttpMethod.Post, "/service", key, new JsonObject
            {
                ["name"] = "Mail Shield", ["description"] = "vendor sku", ["category"] = "security", ["subcategory"] = "email security",
            }));
            string skuId = (string)vendor["skus"]![0]!["id"]!;

            await page.ReloadAsync();
            await Expect(page.Locator(".changes"), "/organization/status/pending");
            await Assertions.Expect(page.Locator("#portal")).ToHaveAttributeAsync("href", "https://portal.example.test/gradient");
            await BrowserHost.Shot(page, "04-setup-next-lit");
            await page.GetByRole(AriaRole.Link, new() { Name = "Next" }).ClickAsync();

            // Accounts: Contoso was auto-mapped; map the hostile one (its name is text, not markup) to Fabrikam.
            ILocator contoso = page.Locator("#accounts tr", new() { HasText = "acc-contoso" });
            await Expect(contoso, "auto-mapped");
            ILocator hostileRow = page.Locator("#accounts tr", new() { HasText = "acc-hostile" });
            await Expect(hostileRow, "<img src=x onerror=alert(1)>");
            await hostileRow.GetByLabel(Hostile).SelectOptionAsync(new SelectOptionValue { Label = "Fabrikam Inc" });
            await hostileRow.GetByRole(AriaRole.Button, new() { Name = "Map" }).ClickAsync();
            await Expect(page.Locator(".notice"), "Account mapped.");
            await Assertions.Expect(page.Locator("#accounts tr", new() { HasText = "acc-hostile" }).Locator("select")).ToHaveValueAsync("psa-client-2");
            await BrowserHost.Shot(page, "05-accounts");

            // Services: the org service was auto-mapped by name; map the vendor sku by hand.
            await page.GetByRole(AriaRole.Link, new() { Name = "Next" }).ClickAsync();
            await Expect(page.Locator("#services tr", new() { HasText = "svc-backup" }), "auto-mapped");
            ILocator sku = page.Locator("#services tr", new() { HasText = skuId });
            await Expect(sku, "vendor sku");
            await sku.GetByLabel("Mail Shield").SelectOptionAsync(new SelectOptionValue { Label = "Email Security" });
            await sku.GetByRole(AriaRole.Button, new() { Name = "Map" }).ClickAsync();
            await Expect(page.Locator(".notice"), "Service mapped.");
            await BrowserHost.Shot(page, "06-services");

            // Finish, with its modal.
            await page.GetByRole(AriaRole.Link, new() { Name = "Finish" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Dialog), "Finish the setup?");
            await BrowserHost.Shot(page, "07-finish-modal");
            await page.GetByRole(AriaRole.Button, new() { Name = "Finish setup" }).ClickAsync();
            await Expect(page.Locator("#card-state"), "Connected");

            // The vendor syncs usage; the Billing page shows the cards.
            (await _host.Vendor(HttpMethod.Post, "/service/svc-backup/count", key, new JsonObject { ["accountId"] = "acc-contoso", ["unitCount"] = 10 })).EnsureSuccessStatusCode();
            (await _host.Vendor(HttpMethod.Post, $"/service/{skuId}/count", key, new JsonObject { ["accountId"] = "acc-hostile", ["unitCount"] = 37 })).EnsureSuccessStatusCode();
            await page.GetByRole(AriaRole.Link, new() { Name = "Billing", Exact = true }).ClickAsync();
            ILocator backupCard = page.Locator(".billing-card", new() { HasText = "Contoso Ltd" }).Filter(new() { HasText = "Cloud Backup" });
            await Expect(backupCard.Locator(".state"), "NoChange");
            ILocator mailCard = page.Locator(".billing-card", new() { HasText = "Mail Shield" });
            await Expect(mailCard.Locator(".state"), "Reconcile");
            await Expect(mailCard, "40");
            await Expect(mailCard, "37");
            await Expect(page.Locator(".billing-card", new() { HasText = "Northwind Traders" }).Locator(".state"), "-");
            Assert.Equal(0, await page.Locator("#pending-build").CountAsync());
            await BrowserHost.Shot(page, "08-billing");

            // A count with no_build waits for a rebuild, and the page says so.
            (await _host.Vendor(HttpMethod.Post, "/service/svc-backup/count?no_build=true", key, new JsonObject { ["accountId"] = "acc-contoso", ["unitCount"] = 12 })).EnsureSuccessStatusCode();
            await page.ReloadAsync();
            await Expect(page.Locator("#pending-build"), "no_build=true");
            await Expect(backupCard.Locator(".state"), "NoChange");
            await page.GetByRole(AriaRole.Button, new() { Name = "Rebuild billing now" }).ClickAsync();
            await Expect(backupCard.Locator(".state"), "Reconcile");

            // An alert becomes a PSA ticket.
            (await _host.Vendor(HttpMethod.Post, "/alerting/acc-contoso", key, new JsonObject
            {
                ["title"] = "Backup failed", ["description"] = "Nightly job", ["alertId"] = "al-1", ["priority"] = 2, ["status"] = 1,
            })).EnsureSuccessStatusCode();
            await page.GetByRole(AriaRole.Link, new() { Name = "PSA tickets" }).ClickAsync();
            await Expect(page.Locator("#tickets"), "Backup failed");
            await Expect(page.Locator("#tickets"), "Contoso Ltd");
            await BrowserHost.Shot(page, "09-tickets");

            // Regenerate the key: the old one stops working, the new one works.
            await page.GetByRole(AriaRole.Link, new() { Name = "Integrations" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Regenerate key" }).ClickAsync();
            string key2 = await page.Locator("#new-key").InputValueAsync();
            Assert.NotEqual(key, key2);
            Assert.Equal(HttpStatusCode.Unauthorized, (await _host.Vendor(HttpMethod.Get, "/organization", key)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await _host.Vendor(HttpMethod.Get, "/organization", key2)).StatusCode);

            // Disconnect and connect again: the checklist's last step.
            await page.GetByRole(AriaRole.Link, new() { Name = "Disconnect" }).ClickAsync();
            await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Disconnect" }).ClickAsync();
            Assert.Equal(HttpStatusCode.Unauthorized, (await _host.Vendor(HttpMethod.Get, "/organization", key2)).StatusCode);
            await page.GetByRole(AriaRole.Link, new() { Name = "Connect" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Generate API Token" }).ClickAsync();
            string key3 = await page.Locator("#new-key").InputValueAsync();
            Assert.Equal(HttpStatusCode.OK, (await _host.Vendor(HttpMethod.Get, "/organization", key3)).StatusCode);
            Assert.Equal(0, (int)(await BrowserHost.Json(await _host.Vendor(HttpMethod.Get, "/organization/accounts", key3))).AsArray().Count);
            Assert.Empty(_host.Dialogs);
        }
    }
}
