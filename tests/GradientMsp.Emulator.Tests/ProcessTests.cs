using System;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using GradientMsp.Client.Emulator;
using GradientMsp.Contracts;
using Xunit;

namespace GradientMsp.Emulator.Tests
{
    /// <summary>The real emulator process, started the way pwsh will start it (EmulatorProcess).</summary>
    public class ProcessTests
    {
        private static string EmulatorDll()
        {
            string dll = Path.Combine(AppContext.BaseDirectory, "GradientMsp.Emulator.dll");
            Assert.True(File.Exists(dll), dll);
            Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "GradientMsp.Emulator.runtimeconfig.json")));
            return dll;
        }

        [Fact]
        public async Task Starts_on_a_free_loopback_port_prints_ready_and_stops()
        {
            var options = new EmulatorProcessOptions { EmulatorPath = EmulatorDll(), VendorKey = "vk", PartnerKey = "pk", RateLimit = 0 };
            using EmulatorProcess emu = await EmulatorProcess.StartAsync(options, CancellationToken.None);
            Assert.Equal("127.0.0.1", emu.BaseUri.Host);
            Assert.NotEqual(0, emu.BaseUri.Port);
            Assert.Equal("vk", emu.VendorKey);
            Assert.Equal("pk", emu.PartnerKey);
            Assert.Equal(Emu.TokenFor("vk", "pk"), emu.Token);
            Assert.False(string.IsNullOrEmpty(emu.OrganizationId));

            using var http = new HttpClient();
            using var req = new HttpRequestMessage(HttpMethod.Get, emu.ApiBaseUri + "/organization");
            req.Headers.Add("GRADIENT-TOKEN", emu.Token);
            using HttpResponseMessage res = await http.SendAsync(req);
            Assert.Equal(200, (int)res.StatusCode);
            Assert.Contains(emu.OrganizationId, await res.Content.ReadAsStringAsync());

            using EmulatorControlClient control = emu.CreateControlClient(http);
            EmulatorInfo info = await control.GetInfoAsync();
            Assert.Equal(emu.ProcessId, info.ProcessId);
            Assert.Equal(0, info.RateLimit);

            int pid = emu.ProcessId;
            emu.Stop();
            Assert.True(emu.HasExited);
            Assert.False(IsRunning(pid));
        }

        [Fact]
        public async Task Closing_stdin_shuts_down_gracefully_and_saves_the_state_file()
        {
            string file = Path.Combine(Path.GetTempPath(), "gradient-emu-proc-" + Guid.NewGuid().ToString("N") + ".json");
            try
            {
                var options = new EmulatorProcessOptions { EmulatorPath = EmulatorDll(), StateFile = file };
                options.ExtraArguments.Add("--save-debounce-ms");
                options.ExtraArguments.Add("600000"); // only the shutdown save can write it
                using EmulatorProcess emu = await EmulatorProcess.StartAsync(options, CancellationToken.None);
                using EmulatorControlClient control = emu.CreateControlClient();
                await control.CreatePartnerAsync(new EmulatorNewPartner { Name = "Persisted Partner" });
                Assert.False(File.Exists(file));
                emu.Stop(TimeSpan.FromSeconds(20)); // closes stdin first
                Assert.True(File.Exists(file), "state file not written on graceful exit; stderr: " + emu.StandardError);
                Assert.Contains("Persisted Partner", File.ReadAllText(file));
            }
            finally
            {
                File.Delete(file);
            }
        }

        [Fact]
        public async Task Exits_when_the_parent_pid_dies()
        {
            using var parent = Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })!;
            var psi = new ProcessStartInfo(EmulatorProcess.LocateDotnet(null),
                $"\"{EmulatorDll()}\" --urls http://127.0.0.1:0 --parent-pid {parent.Id} --no-stdin-watch")
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardInput = true,
            };
            using var emu = Process.Start(psi)!;
            try
            {
                string? line = await emu.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
                Assert.StartsWith(EmulatorContract.ReadyPrefix, line);
                Assert.False(emu.HasExited);
                parent.Kill();
                parent.WaitForExit();
                Assert.True(emu.WaitForExit(10_000), "emulator outlived its parent");
                Assert.Equal(0, emu.ExitCode);
            }
            finally
            {
                if (!emu.HasExited) emu.Kill(true);
                if (!parent.HasExited) parent.Kill();
            }
        }

        [Fact]
        public async Task Refuses_a_remote_address_and_reports_it()
        {
            var options = new EmulatorProcessOptions { EmulatorPath = EmulatorDll(), StartTimeout = TimeSpan.FromSeconds(30) };
            options.ExtraArguments.Add("--urls");
            options.ExtraArguments.Add("http://0.0.0.0:0"); // a later --urls wins
            var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => EmulatorProcess.StartAsync(options, CancellationToken.None));
            Assert.Contains("loopback", ex.Message);
        }

        [Fact]
        public void Missing_dll_is_a_clear_error()
        {
            var ex = Assert.Throws<FileNotFoundException>(() => EmulatorProcess.LocateDll("/nonexistent/GradientMsp.Emulator.dll"));
            Assert.Contains("GRADIENT_EMULATOR_DLL", ex.Message);
        }

        [Theory]
        [InlineData(new[] { "a", "b c", "" }, "a \"b c\" \"\"")]
        [InlineData(new[] { "say \"hi\"" }, "\"say \\\"hi\\\"\"")]
        [InlineData(new[] { "C:\\dir with space\\" }, "\"C:\\dir with space\\\\\"")]
        public void Arguments_are_quoted_for_the_runtime(string[] args, string expected)
        {
            Assert.Equal(expected, EmulatorProcess.JoinArguments(args));
        }

        private static bool IsRunning(int pid)
        {
            try
            {
                using Process p = Process.GetProcessById(pid);
                return !p.HasExited;
            }
            catch (ArgumentException)
            {
                return false;
            }
        }
    }
}
