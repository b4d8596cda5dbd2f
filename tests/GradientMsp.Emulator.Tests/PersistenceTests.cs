using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace GradientMsp.Emulator.Tests
{
    public sealed class PersistenceTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "gradient-emu-tests-" + Guid.NewGuid().ToString("N"));

        public PersistenceTests() => Directory.CreateDirectory(_dir);

        public void Dispose()
        {
            try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
        }

        [Fact]
        public async Task State_file_round_trip_keeps_everything_and_leaves_no_temp_files()
        {
            string file = Path.Combine(_dir, "state.json");
            string sku;
            string orgId;
            await using (var emu = await Emu.StartAsync("--state-file", file, "--save-debounce-ms", "60000"))
            {
                orgId = emu.OrgId;
                sku = await emu.MappedPair("acc-1");
                await emu.Api("POST", "/organization/services", new[] { new { id = "o1", name = "Org", description = "" } });
                await emu.Count(sku, "acc-1", 12);
                await emu.Api("POST", "/alerting/acc-1", new { title = "t", description = "d", alertId = "x", priority = 1, status = 1 });
                await emu.Control("POST", "/partners", new { name = "Second", organizationId = "org-2", partnerKey = "pk2" });
                Assert.False(File.Exists(file)); // debounced: nothing written yet
            } // StopAsync saves

            Assert.True(File.Exists(file));
            Assert.Equal(new[] { file }, Directory.GetFiles(_dir));
            JsonNode.Parse(File.ReadAllText(file)); // valid JSON

            // keys come from the file (same values as the command line here, so the same token works)
            await using (var again = await Emu.StartAsync("--state-file", file))
            {
                Assert.Equal(orgId, again.OrgId);
                Assert.Equal(sku, (string?)(await again.Api("GET", "")).Json!["data"]!["skus"]![0]!["id"]);
                Reply accounts = await again.Api("GET", "/organization/accounts");
                Assert.True((bool)accounts.Json![0]!["isMapped"]!);
                Assert.Equal("active", (await again.Api("GET", "/organization")).Str("status"));
                JsonNode card = (await again.Control("GET", "/partners/default/billing")).Json!["cards"]![0]!;
                Assert.Equal("Reconcile", (string?)card["state"]);
                Assert.Equal(12m, (decimal)card["importedQuantity"]!);
                Assert.Single((await again.Control("GET", "/partners/default/tickets")).Json!.AsArray());
                Assert.Equal(200, (await again.Api("GET", "/organization", token: Emu.TokenFor(Emu.VendorKey, "pk2"))).Status);
                // indexes rebuilt: the count path works on loaded state
                Assert.Equal(201, (await again.Count(sku, "acc-1", 25)).Status);
                Assert.Equal(404, (await again.Count("o1", "acc-1", 1)).Status); // "Org" matches no PSA service, so it stayed unmapped
            }
        }

        [Fact]
        public async Task Debounced_saver_writes_after_changes_without_shutdown()
        {
            string file = Path.Combine(_dir, "live.json");
            await using var emu = await Emu.StartAsync("--state-file", file, "--save-debounce-ms", "20");
            await emu.CreateAccount("a1", "Saved");
            for (int i = 0; i < 200 && !(File.Exists(file) && File.ReadAllText(file).Contains("Saved")); i++) await Task.Delay(25);
            Assert.Contains("\"Saved\"", File.ReadAllText(file));
        }

        [Fact]
        public async Task Corrupt_state_file_fails_the_start()
        {
            string file = Path.Combine(_dir, "bad.json");
            File.WriteAllText(file, "{ not json");
            await Assert.ThrowsAnyAsync<Exception>(() => Emu.StartAsync("--state-file", file));
            File.WriteAllText(file, "{}");
            await Assert.ThrowsAnyAsync<Exception>(() => Emu.StartAsync("--state-file", file));
        }

        [Fact]
        public void Atomic_save_replaces_the_file()
        {
            string file = Path.Combine(_dir, "x.json");
            StateSaver.Save(file, System.Text.Encoding.UTF8.GetBytes("{\"a\":1}"));
            StateSaver.Save(file, System.Text.Encoding.UTF8.GetBytes("{\"a\":2}"));
            Assert.Equal("{\"a\":2}", File.ReadAllText(file));
            Assert.Single(Directory.GetFiles(_dir));
        }
    }
}
