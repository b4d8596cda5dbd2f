using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.Playwright;
using Xunit;

namespace GradientMsp.Browser.Tests
{
    /// <summary>What a real browser does with the pages: cross-site posts are refused, the keyboard reaches every
    /// control, and several partners get a picker.</summary>
    [Collection(BrowserCollection.Name)]
    public sealed class PageSafetyTests
    {
        private readonly BrowserHost _host;

        public PageSafetyTests(BrowserHost host) => _host = host;

        private async Task<bool> Connected() =>
            (bool)(await BrowserHost.Json(await _host.Control(HttpMethod.Get, "/partners/default")))["connected"]!;

        [BrowserFact]
        public async Task A_form_from_another_origin_cannot_disconnect_the_partner()
        {
            IPage page = await _host.NewPage();
            // A page that is not the emulator's (here an opaque data: origin) posting to it, as a hostile site would,
            // even with a form token it somehow knew.
            await page.GotoAsync(_host.BaseUri + "/synthesize/default/integrations");
            string token = await page.Locator("input[name=_form]").First.InputValueAsync();
            string html = $"<form method=post action='{_host.BaseUri}/synthesize/default/disconnect'><input name=_form value='{token}'><button>go</button></form>";
            await page.GotoAsync("data:text/html," + System.Uri.EscapeDataString(html));
            await page.GetByRole(AriaRole.Button, new() { Name = "go" }).ClickAsync();
            await Assertions.Expect(page.Locator("#error")).ToContainTextAsync("refused");
            Assert.True(await Connected());
        }

        [BrowserFact]
        public async Task The_keyboard_alone_connects_and_generates_a_key()
        {
            IPage page = await _host.NewPage();
            (await _host.Control(HttpMethod.Post, "/partners/default/disconnect")).EnsureSuccessStatusCode();
            await page.GotoAsync(_host.BaseUri + "/synthesize/default/integrations");
            await TabTo(page, "Connect");
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Set up");
            await TabTo(page, "Generate API Token");
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(page.Locator("#new-key")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^[0-9a-f]{32}$"));
            Assert.True(await Connected());
        }

        [BrowserFact]
        public async Task Several_partners_get_a_picker()
        {
            IPage page = await _host.NewPage();
            (await _host.Control(HttpMethod.Post, "/partners", new JsonObject { ["name"] = "Second MSP", ["organizationId"] = "org-second", ["seedPsa"] = true }))
                .EnsureSuccessStatusCode();
            await page.GotoAsync(_host.BaseUri + "/synthesize/default/billing");
            ILocator picker = page.GetByRole(AriaRole.Navigation, new() { Name = "Partner organizations" });
            await Assertions.Expect(picker.GetByRole(AriaRole.Link, new() { Name = "Seeded MSP" })).ToHaveAttributeAsync("aria-current", "page");
            await picker.GetByRole(AriaRole.Link, new() { Name = "Second MSP" }).ClickAsync();
            Assert.EndsWith("/synthesize/org-second/billing", page.Url);
            await Assertions.Expect(picker.GetByRole(AriaRole.Link, new() { Name = "Second MSP" })).ToHaveAttributeAsync("aria-current", "page");
            await BrowserHost.Shot(page, "10-partner-picker");
        }

        /// <summary>Presses Tab until the focused element is the one named <paramref name="name"/> (a real, focusable control).</summary>
        private static async Task TabTo(IPage page, string name)
        {
            for (int i = 0; i < 40; i++)
            {
                await page.Keyboard.PressAsync("Tab");
                string text = await page.EvaluateAsync<string>("() => document.activeElement ? document.activeElement.textContent.trim() : ''");
                if (text == name) return;
            }
            Assert.Fail($"Tab never reached '{name}'");
        }
    }
}
