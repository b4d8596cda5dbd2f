using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using GradientMsp.Emulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;
using Xunit;

namespace GradientMsp.Browser.Tests
{
    /// <summary>
    /// A [Fact] that skips, with the reason in the test line, when Debian's Chromium is not installed
    /// (.ci/run installs it with apt-get; nothing downloads a browser). Never a silent pass.
    /// </summary>
    public sealed class BrowserFactAttribute : FactAttribute
    {
        public const string ChromiumPath = "/usr/bin/chromium";

        /// <param name="test">The test method (the compiler fills it in), so a skipped test's own line names the reason:
        /// the console logger prints a skip's display name but not its reason.</param>
        public BrowserFactAttribute([CallerMemberName] string test = "")
        {
            if (File.Exists(ChromiumPath)) return;
            Skip = $"no browser: {ChromiumPath} is missing (apt-get install -y chromium failed or was not run)";
            DisplayName = $"{test} [SKIPPED: {Skip}]";
        }
    }

    /// <summary>Every browser test class shares one <see cref="BrowserHost"/>: Chromium starts once per run.</summary>
    [CollectionDefinition(Name)]
    public sealed class BrowserCollection : ICollectionFixture<BrowserHost>
    {
        public const string Name = "browser";
    }

    /// <summary>
    /// One emulator on a real loopback port and one headless Chromium for all browser tests (both are slow to start;
    /// the tests reuse them; xunit runs one collection's tests one at a time). Each test gets a fresh emulator state through the control API's reset.
    /// </summary>
    public sealed class BrowserHost : IAsyncLifetime
    {
        public const string VendorKey = "browser-test-vendor-key";

        private WebApplication? _app;
        private IPlaywright? _playwright;
        private string? _profile;

        public string BaseUri { get; private set; } = "";
        public HttpClient Http { get; } = new HttpClient();
        public IBrowserContext Browser { get; private set; } = null!;

        /// <summary>JavaScript dialogs the pages opened since <see cref="NewPage"/>: must stay empty (a hostile name ran otherwise).</summary>
        public System.Collections.Generic.List<string> Dialogs { get; } = new System.Collections.Generic.List<string>();

        public async Task InitializeAsync()
        {
            _app = EmulatorApp.Build(new[] { "--urls", "http://127.0.0.1:0", "--vendor-key", VendorKey, "--rate-limit", "0", "--no-stdin-watch" });
            await _app.StartAsync();
            BaseUri = _app.Urls.First().TrimEnd('/');
            if (!File.Exists(BrowserFactAttribute.ChromiumPath)) return;
            _playwright = await Playwright.CreateAsync();
            _profile = Path.Combine(Path.GetTempPath(), "gradient-browser-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(_profile);
            // A persistent context is how Playwright takes a --user-data-dir: a new empty one per run.
            Browser = await _playwright.Chromium.LaunchPersistentContextAsync(_profile, new BrowserTypeLaunchPersistentContextOptions
            {
                ExecutablePath = BrowserFactAttribute.ChromiumPath,
                Headless = true,
                ViewportSize = new ViewportSize { Width = 1280, Height = 860 },
                Args = new[]
                {
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                },
            });
            Browser.SetDefaultTimeout(15000);
        }

        public async Task DisposeAsync()
        {
            if (Browser != null) await Browser.CloseAsync();
            _playwright?.Dispose();
            if (_app != null) await _app.DisposeAsync();
            Http.Dispose();
            if (_profile != null)
            {
                try { Directory.Delete(_profile, recursive: true); }
                catch (IOException) { /* Chromium may still hold a lock file for a moment; it is a temp folder. */ }
            }
        }

        /// <summary>Fresh seeded state, a fresh page, and any JavaScript dialog fails the test (hostile names must not run).</summary>
        public async Task<IPage> NewPage()
        {
            (await Control(HttpMethod.Post, "/reset", new JsonObject { ["seed"] = true })).EnsureSuccessStatusCode();
            foreach (IPage old in Browser.Pages.ToList()) await old.CloseAsync();
            await Browser.ClearCookiesAsync();
            IPage page = await Browser.NewPageAsync();
            Dialogs.Clear();
            page.Dialog += (_, d) =>
            {
                Dialogs.Add(d.Message);
                _ = d.DismissAsync();
            };
            return page;
        }

        public Task<HttpResponseMessage> Control(HttpMethod method, string path, JsonNode? body = null) =>
            Send(method, BaseUri + "/_emulator" + path, body, null);

        /// <summary>The integration's side: a vendor-API call with the token made from the key the page showed.</summary>
        public Task<HttpResponseMessage> Vendor(HttpMethod method, string path, string partnerKey, JsonNode? body = null) =>
            Send(method, BaseUri + "/api/vendor-api" + path, body, Convert.ToBase64String(Encoding.UTF8.GetBytes(VendorKey + ":" + partnerKey)));

        private async Task<HttpResponseMessage> Send(HttpMethod method, string url, JsonNode? body, string? token)
        {
            var req = new HttpRequestMessage(method, url);
            if (token != null) req.Headers.Add("GRADIENT-TOKEN", token);
            if (body != null) req.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
            return await Http.SendAsync(req);
        }

        public static async Task<JsonNode> Json(HttpResponseMessage res) => JsonNode.Parse(await res.Content.ReadAsStringAsync())!;

        /// <summary>A screenshot into output/TestResults/screenshots (the build's test-results folder).</summary>
        public static async Task Shot(IPage page, string name)
        {
            string dir = Path.Combine(RepoRoot(), "output", "TestResults", "screenshots");
            Directory.CreateDirectory(dir);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, name + ".png"), FullPage = true });
        }

        private static string RepoRoot()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "build.ps1"))) dir = dir.Parent;
            return dir?.FullName ?? AppContext.BaseDirectory;
        }
    }
}
