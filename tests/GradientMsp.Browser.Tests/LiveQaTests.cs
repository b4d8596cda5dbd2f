using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Playwright;
using Xunit;

namespace GradientMsp.Browser.Tests
{
    /// <summary>
    /// Invoke-GradientQA's live target, end to end (issue 10, item 3): the suite is given only
    /// -BaseUri and the keys, as it would be for app.usegradient.com, and a browser plays the person
    /// in Synthesize, doing what each printed instruction asks and answering each prompt on stdin.
    /// The emulator behind the base URI is never named to the suite.
    /// </summary>
    [Collection(BrowserCollection.Name)]
    public sealed class LiveQaTests
    {
        private readonly BrowserHost _host;

        public LiveQaTests(BrowserHost host) => _host = host;

        [BrowserFact]
        public async Task The_live_checklist_passes_with_a_browser_doing_the_persons_part()
        {
            QaRun run = await RunLiveQa("Correct");
            Assert.True(run.Exit == 0, run.Transcript);
            Assert.Contains("QA passed: 18 passed, 0 failed, 0 skipped", run.Transcript);
            // Each kind of click was asked for and made in the browser.
            Assert.Contains("map-services", run.Clicks);
            Assert.Contains("finish", run.Clicks);
            Assert.Contains("disconnect", run.Clicks);
            Assert.Contains("connect", run.Clicks);
            Assert.Contains("regenerate", run.Clicks);
            // No key went into the log: prompts name keys by their last four characters only.
            foreach (string key in run.KeysHanded) Assert.DoesNotContain(key, run.Transcript);
        }

        [BrowserFact]
        public async Task A_broken_integration_fails_its_own_step_on_the_live_target()
        {
            QaRun run = await RunLiveQa("NeverSetsPending");
            Assert.NotEqual(0, run.Exit);
            Assert.Contains("[-] Confirm Next lights up", run.Transcript);
            Assert.Contains("QA FAILED", run.Transcript);
        }

        private sealed class QaRun
        {
            public int Exit;
            public string Transcript = "";
            public List<string> Clicks = new List<string>();
            public List<string> KeysHanded = new List<string>();
        }

        private async Task<QaRun> RunLiveQa(string sample)
        {
            IPage page = await _host.NewPage();
            string root = await OpenPartner(page);
            // The seeded partner starts connected: disconnect, connect and generate the key the
            // suite is given with -PartnerApiKey, as a vendor's QA engineer would.
            await Disconnect(page, root);
            await page.GotoAsync(root + "/setup");
            string firstKey = await Generate(page);

            string repo = RepoRoot();
            string script = Path.Combine(Path.GetTempPath(), "gradient-live-qa-" + Guid.NewGuid().ToString("N") + ".ps1");
            File.WriteAllText(script, string.Join("\n",
                "param($BaseUri, $VendorKey, $PartnerKey, $Sample, $Pester)",
                "$ErrorActionPreference = 'Stop'",
                "Import-Module GradientMsp",
                "$integration = & $Sample",
                "$vendor = ConvertTo-SecureString $VendorKey -AsPlainText -Force",
                "$partner = ConvertTo-SecureString $PartnerKey -AsPlainText -Force",
                "Invoke-GradientQA -BaseUri $BaseUri -VendorApiKey $vendor -PartnerApiKey $partner -Integration $integration -TimeoutSec 30 -PesterModule $Pester -EnableExit"));
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = repo,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string a in new[] { "pwsh", "-NoProfile", "-File", script, "-BaseUri", _host.BaseUri, "-VendorKey", BrowserHost.VendorKey,
                "-PartnerKey", firstKey, "-Sample", Path.Combine(repo, "tests", "qa-samples", sample + ".ps1"),
                "-Pester", Path.Combine(repo, ".tools", "packages", "pester", "5.7.1", "tools", "Pester.psd1") })
            {
                start.ArgumentList.Add(a);
            }
            start.Environment["PSModulePath"] = Path.Combine(repo, "output") + Path.PathSeparator + Environment.GetEnvironmentVariable("PSModulePath");
            start.Environment["NO_COLOR"] = "1";

            var run = new QaRun();
            run.KeysHanded.Add(firstKey);
            var transcript = new StringBuilder();
            string? key = null;
            using var process = Process.Start(start)!;
            Task<string> errors = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
            try
            {
                while (true)
                {
                    string? line = await process.StandardOutput.ReadLineAsync(timeout.Token);
                    if (line == null) break;
                    transcript.AppendLine(line);
                    // The person: each instruction the suite prints is done in the browser, each
                    // question answered on stdin.
                    if (line.Contains("find your integration and click Connect")) { await OpenPartner(page); await page.GetByRole(AriaRole.Link, new() { Name = "Connect" }).ClickAsync(); run.Clicks.Add("connect"); }
                    else if (line.Contains("Click Generate API Token and copy")) { key = await Generate(page); run.KeysHanded.Add(key); }
                    else if (line.Contains("generate a new Partner API Key for the integration")) { key = await Regenerate(page, root); run.KeysHanded.Add(key); run.Clicks.Add("regenerate"); }
                    else if (line.Contains("?? Paste the new Partner API Key")) await Answer(process, key ?? "");
                    else if (line.Contains("map the accounts to PSA companies")) { await page.GotoAsync(root + "/setup/accounts"); await MapAll(page, "#accounts"); run.Clicks.Add("map-accounts"); }
                    else if (line.Contains("map the services to PSA services")) { await page.GotoAsync(root + "/setup/services"); await MapAll(page, "#services"); run.Clicks.Add("map-services"); }
                    else if (line.Contains("Click Finish in Synthesize")) { await Finish(page, root); run.Clicks.Add("finish"); }
                    else if (line.Contains("refresh the Billing page")) { await page.GotoAsync(root + "/billing"); run.Clicks.Add("billing"); }
                    else if (line.Contains("disconnect the integration; watching")) { await Disconnect(page, root); run.Clicks.Add("disconnect"); }
                    else if (line.Contains("[y/n]:")) await Answer(process, "y");
                }
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                transcript.AppendLine("(the QA run did not finish within 4 minutes)");
            }
            finally
            {
                File.Delete(script);
            }

            run.Exit = process.HasExited ? process.ExitCode : -1;
            run.Transcript = transcript.ToString() + await errors;
            await BrowserHost.Shot(page, "11-live-qa-" + sample.ToLowerInvariant());
            return run;
        }

        private static async Task Answer(Process process, string text)
        {
            await process.StandardInput.WriteLineAsync(text);
            await process.StandardInput.FlushAsync();
        }

        private async Task<string> OpenPartner(IPage page)
        {
            await page.GotoAsync(_host.BaseUri + "/synthesize/");
            await page.GetByRole(AriaRole.Link, new() { Name = "Open Seeded MSP" }).ClickAsync();
            string url = page.Url;
            int cut = url.LastIndexOf('/');
            return url.Substring(0, cut);
        }

        private static async Task Disconnect(IPage page, string root)
        {
            await page.GotoAsync(root + "/integrations?confirm=disconnect");
            await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Disconnect" }).ClickAsync();
            await Assertions.Expect(page.Locator("#card-state")).ToContainTextAsync("Ready to connect");
        }

        private static async Task<string> Generate(IPage page)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Generate API Token" }).ClickAsync();
            return await page.Locator("#new-key").InputValueAsync();
        }

        private static async Task<string> Regenerate(IPage page, string root)
        {
            await page.GotoAsync(root + "/integrations");
            await page.GetByRole(AriaRole.Button, new() { Name = "Regenerate key" }).ClickAsync();
            return await page.Locator("#new-key").InputValueAsync();
        }

        private static async Task MapAll(IPage page, string table)
        {
            // Map every row still offering Map to the first PSA entry, one form post at a time.
            for (int guard = 0; guard < 20; guard++)
            {
                ILocator rows = page.Locator(table + " tr").Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "Map", Exact = true }) });
                if (await rows.CountAsync() == 0) return;
                ILocator row = rows.First;
                ILocator select = row.Locator("select");
                string[] values = (await select.Locator("option").EvaluateAllAsync<string[]>("o => o.map(x => x.value)")).Where(v => v.Length > 0).ToArray();
                if (values.Length == 0) return;
                await select.SelectOptionAsync(values[0]);
                await row.GetByRole(AriaRole.Button, new() { Name = "Map", Exact = true }).ClickAsync();
                await page.WaitForLoadStateAsync();
            }
        }

        private static async Task Finish(IPage page, string root)
        {
            await page.GotoAsync(root + "/setup/services?confirm=finish");
            await page.GetByRole(AriaRole.Button, new() { Name = "Finish setup" }).ClickAsync();
        }

        private static string RepoRoot()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "build.ps1"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("build.ps1 not found above " + AppContext.BaseDirectory);
        }
    }
}
