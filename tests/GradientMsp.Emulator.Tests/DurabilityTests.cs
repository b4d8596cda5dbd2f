using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace GradientMsp.Emulator.Tests
{
    /// <summary>
    /// What the emulator acknowledged it keeps (issue 12 item 8): counts survive a kill through the
    /// journal, a bad state file is a clear start failure, a failing save never ends the process,
    /// an escaped '/' in an id is decoded, and --verbose logs stay off stdout.
    /// </summary>
    public sealed class DurabilityTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "gradient-emu-durable-" + Guid.NewGuid().ToString("N"));

        public DurabilityTests() => Directory.CreateDirectory(_dir);

        public void Dispose()
        {
            try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
        }

        [Fact]
        public async Task Counts_answered_201_survive_a_kill_before_the_debounced_save()
        {
            string file = Path.Combine(_dir, "state.json");
            // The first instance is never stopped: like kill -9, no shutdown save runs.
            Emu crashed = await Emu.StartAsync("--state-file", file, "--save-debounce-ms", "600000");
            string sku = await crashed.MappedPair("acc-1");
            for (int i = 1; i <= 8; i++) Assert.Equal(201, (await crashed.Count(sku, "acc-1", i)).Status);
            Assert.False(File.Exists(file)); // nothing saved yet: only the journal holds them

            await using (var again = await Emu.StartAsync("--state-file", file))
            {
                Assert.Equal(crashed.OrgId, again.OrgId);
                JsonNode card = (await again.Control("GET", "/partners/default/billing")).Json!["cards"]![0]!;
                Assert.Equal(8m, (decimal)card["importedQuantity"]!);
                Assert.Equal(201, (await again.Count(sku, "acc-1", 9)).Status);
            }

            // After a clean stop the snapshot holds everything and the journal files are gone.
            Assert.Equal(new[] { file }, Directory.GetFiles(_dir));
            await using (var third = await Emu.StartAsync("--state-file", file))
            {
                JsonNode card = (await third.Control("GET", "/partners/default/billing")).Json!["cards"]![0]!;
                Assert.Equal(9m, (decimal)card["importedQuantity"]!);
            }
        }

        [Fact]
        public async Task Counts_after_a_save_are_replayed_over_that_snapshot_once()
        {
            string file = Path.Combine(_dir, "state.json");
            Emu crashed = await Emu.StartAsync("--state-file", file, "--save-debounce-ms", "600000");
            string sku = await crashed.MappedPair("acc-1");
            await crashed.Count(sku, "acc-1", 3);
            var saver = crashed.App.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<StateSaver>().Single();
            Assert.True(saver.SaveIfChanged());
            await crashed.Count(sku, "acc-1", 4);
            await crashed.Count(sku, "acc-1", 5);

            await using var again = await Emu.StartAsync("--state-file", file);
            JsonNode card = (await again.Control("GET", "/partners/default/billing")).Json!["cards"]![0]!;
            Assert.Equal(5m, (decimal)card["importedQuantity"]!);
            Assert.Equal(3, again.State.Partners.Single(p => p.OrganizationId == again.OrgId).CountPushes);
        }

        [Fact]
        public async Task A_save_that_fails_is_reported_and_the_emulator_keeps_serving()
        {
            string file = Path.Combine(_dir, "state.json");
            await using var emu = await Emu.StartAsync("--state-file", file, "--save-debounce-ms", "600000");
            await emu.CreateAccount("a1", "One");
            Directory.CreateDirectory(file); // the path became a folder
            var saver = emu.App.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<StateSaver>().Single();

            Assert.False(saver.SaveIfChanged());
            Assert.Equal(200, (await emu.Api("GET", "/organization/accounts")).Status);

            Directory.Delete(file);
            Assert.True(saver.SaveIfChanged()); // retried once the path is usable
            Assert.Contains("\"One\"", File.ReadAllText(file));
        }

        [Fact]
        public async Task A_state_file_path_that_is_a_folder_is_refused_at_start()
        {
            string folder = Path.Combine(_dir, "folder");
            Directory.CreateDirectory(folder);
            await Assert.ThrowsAsync<IOException>(() => Emu.StartAsync("--state-file", folder));
        }

        private async Task<string> SavedState()
        {
            string file = Path.Combine(_dir, "seed.json");
            await using (var emu = await Emu.StartAsync("--state-file", file, "--save-debounce-ms", "600000"))
            {
                await emu.CreateAccount("a1", "One");
            }
            return File.ReadAllText(file);
        }

        [Fact]
        public async Task A_state_file_with_a_UTF8_BOM_is_read()
        {
            string text = await SavedState();
            string file = Path.Combine(_dir, "bom.json");
            File.WriteAllText(file, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            Assert.Equal(0xEF, File.ReadAllBytes(file)[0]);

            await using var emu = await Emu.StartAsync("--state-file", file);
            Assert.Equal("a1", (string?)(await emu.Api("GET", "/organization/accounts")).Json![0]!["id"]);
        }

        [Fact]
        public async Task An_account_with_a_null_id_is_a_clear_load_error()
        {
            JsonNode doc = JsonNode.Parse(await SavedState())!;
            doc["partners"]![0]!["accounts"]![0]!["id"] = null;
            string file = Path.Combine(_dir, "nullid.json");
            File.WriteAllText(file, doc.ToJsonString());

            var ex = await Assert.ThrowsAsync<InvalidDataException>(() => Emu.StartAsync("--state-file", file));
            Assert.Contains("without an id", ex.Message);
        }

        [Fact]
        public async Task An_unknown_default_organization_is_refused_at_start()
        {
            JsonNode doc = JsonNode.Parse(await SavedState())!;
            doc["defaultOrganizationId"] = "no-such-org";
            string file = Path.Combine(_dir, "badorg.json");
            File.WriteAllText(file, doc.ToJsonString());

            var ex = await Assert.ThrowsAsync<InvalidDataException>(() => Emu.StartAsync("--state-file", file));
            Assert.Contains("no-such-org", ex.Message);
        }

        [Fact]
        public async Task An_escaped_slash_in_an_account_id_is_decoded()
        {
            await using var emu = await Emu.StartAsync();
            await emu.SetPending();
            await emu.CreateAccount("a/b", "Contoso Ltd");

            Reply patched = await emu.Api("PATCH", "/organization/accounts/a%2Fb", new { name = "Renamed" });
            Assert.Equal(200, patched.Status);
            Reply alert = await emu.Api("POST", "/alerting/a%2Fb", new { title = "t", description = "d", alertId = "x1", priority = 1, status = 1 });
            Assert.Equal(201, alert.Status);
        }

        private static string EmulatorDll() => Path.Combine(AppContext.BaseDirectory, "GradientMsp.Emulator.dll");

        [Fact]
        public async Task Null_id_in_the_state_file_is_exit_code_3_with_a_message()
        {
            JsonNode doc = JsonNode.Parse(await SavedState())!;
            doc["partners"]![0]!["accounts"]![0]!["id"] = null;
            string file = Path.Combine(_dir, "nullid-proc.json");
            File.WriteAllText(file, doc.ToJsonString());

            var psi = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
            foreach (string a in new[] { EmulatorDll(), "--state-file", file, "--no-stdin-watch" }) psi.ArgumentList.Add(a);
            using Process p = Process.Start(psi)!;
            string stderr = await p.StandardError.ReadToEndAsync();
            Assert.True(p.WaitForExit(60_000));
            Assert.Equal(3, p.ExitCode);
            Assert.Contains("without an id", stderr);
        }

        [Fact]
        public async Task Verbose_logs_go_to_stderr_and_stdout_carries_only_the_ready_line()
        {
            var psi = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
            foreach (string a in new[] { EmulatorDll(), "--verbose", "--vendor-key", "vk", "--partner-key", "pk" }) psi.ArgumentList.Add(a);
            using Process p = Process.Start(psi)!;
            var stderr = new StringBuilder();
            p.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (stderr) stderr.AppendLine(e.Data); };
            p.BeginErrorReadLine();
            try
            {
                string ready = (await p.StandardOutput.ReadLineAsync())!;
                Assert.StartsWith(Program.ReadyPrefix, ready);
                string baseUri = (string)JsonNode.Parse(ready.Substring(Program.ReadyPrefix.Length))!["apiBaseUri"]!;
                using (var http = new HttpClient())
                {
                    using var req = new HttpRequestMessage(HttpMethod.Get, baseUri + "/organization");
                    req.Headers.Add("GRADIENT-TOKEN", Emu.TokenFor("vk", "pk"));
                    using HttpResponseMessage res = await http.SendAsync(req);
                    Assert.Equal(200, (int)res.StatusCode);
                }
                p.StandardInput.Close(); // graceful stop: shutdown logs are written too
                string rest = await p.StandardOutput.ReadToEndAsync();
                Assert.True(p.WaitForExit(60_000));
                Assert.Equal("", rest.Trim());
                p.WaitForExit();
                lock (stderr) Assert.Contains("Microsoft.AspNetCore", stderr.ToString());
            }
            finally
            {
                if (!p.HasExited) p.Kill();
            }
        }
    }
}
