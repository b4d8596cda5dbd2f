using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using GradientMsp.Client.Emulator;
using Xunit;

namespace GradientMsp.Emulator.Tests
{
    /// <summary>
    /// The host the cmdlets share for start / stop / stop-all (Start-GradientEmulator, Stop-GradientEmulator,
    /// Connect-GradientIntegration's fallback, module removal), with real emulator processes.
    /// </summary>
    public class EmulatorHostTests
    {
        private static EmulatorProcessOptions Options(int? rateLimit = null) => new EmulatorProcessOptions
        {
            EmulatorPath = Path.Combine(AppContext.BaseDirectory, "GradientMsp.Emulator.dll"),
            RateLimit = rateLimit,
        };

        [Fact]
        public async Task The_last_started_is_the_default_and_stopping_it_falls_back_and_tells_the_owner()
        {
            var host = new EmulatorHost();
            var stopped = new List<EmulatorInstance>();
            host.Stopped += i =>
            {
                // The owner hears after the process is gone and the host forgot it.
                Assert.True(i.Process.HasExited);
                Assert.DoesNotContain(i, host.All);
                stopped.Add(i);
            };

            EmulatorInstance first = await host.StartAsync(Options(rateLimit: 0), CancellationToken.None);
            EmulatorInstance second = await host.StartAsync(Options(), CancellationToken.None);
            try
            {
                Assert.Equal(new[] { first, second }, host.All);
                Assert.Same(second, host.Default);
                Assert.Equal(0, first.RateLimit);
                Assert.Equal(EmulatorInstance.DefaultRateLimit, second.RateLimit);
                Assert.True(first.Seeded);

                // The control client is the instance's and talks to that process.
                EmulatorInfo info = await second.Control.GetInfoAsync();
                Assert.Equal(second.Process.ProcessId, info.ProcessId);

                host.Stop(second);
                Assert.False(second.IsRunning);
                Assert.False(IsRunning(second.Process.ProcessId));
                Assert.Same(first, host.Default);
                Assert.Equal(new[] { second }, stopped);
                await Assert.ThrowsAsync<ObjectDisposedException>(() => second.Control.GetInfoAsync());
            }
            finally
            {
                host.StopAll();
            }

            Assert.Empty(host.All);
            Assert.Null(host.Default);
            Assert.Equal(new[] { second, first }, stopped);
            Assert.False(IsRunning(first.Process.ProcessId));
        }

        [Fact]
        public async Task A_process_started_elsewhere_is_adopted_and_stopped_with_the_rest()
        {
            var host = new EmulatorHost();
            EmulatorProcessOptions options = Options();
            options.Seed = false;
            EmulatorProcess process = await EmulatorProcess.StartAsync(options, CancellationToken.None);
            EmulatorInstance adopted;
            try
            {
                adopted = host.Adopt(process, options);
                Assert.Same(adopted, host.Default);
                Assert.False(adopted.Seeded);
                Assert.True(adopted.IsRunning);
            }
            finally
            {
                host.StopAll();
            }

            Assert.True(process.HasExited);
            Assert.False(adopted.IsRunning);
            Assert.Null(host.Default);
        }

        [Fact]
        public async Task A_second_host_attaches_by_base_uri_and_forgetting_it_never_stops_the_process()
        {
            var owner = new EmulatorHost();
            EmulatorInstance started = await owner.StartAsync(Options(rateLimit: 0), CancellationToken.None);
            try
            {
                var second = new EmulatorHost();
                var heard = new List<EmulatorInstance>();
                second.Stopped += heard.Add;
                EmulatorInstance attached = await second.AttachAsync(new Uri(started.BaseUri, "/some/page?x=1"));
                Assert.True(attached.IsAttached);
                Assert.False(started.IsAttached);
                Assert.Same(attached, second.Default);
                Assert.Same(attached, await second.AttachAsync(started.BaseUri)); // no duplicate for the same server
                Assert.Equal(started.BaseUri, attached.BaseUri);
                Assert.Equal(started.ApiBaseUri, attached.ApiBaseUri);
                Assert.Equal(started.VendorKey, attached.VendorKey);
                Assert.Equal(started.PartnerKey, attached.PartnerKey);
                Assert.Equal(started.OrganizationId, attached.OrganizationId);
                Assert.Equal(started.ProcessId, attached.ProcessId);
                Assert.Equal(0, attached.RateLimit);
                Assert.True(attached.Seeded);
                Assert.Throws<InvalidOperationException>(() => attached.Process);

                second.Stop(attached);
                Assert.Equal(new[] { attached }, heard);
                Assert.False(attached.IsRunning);
                Assert.Empty(second.All);
                second.StopAll();
                Assert.True(IsRunning(started.ProcessId));
                Assert.True(started.IsRunning);
                Assert.True(await started.Control.IsHealthyAsync());
            }
            finally
            {
                owner.StopAll();
            }

            Assert.False(IsRunning(started.ProcessId));
        }

        [Fact]
        public async Task Attaching_where_no_emulator_answers_throws_and_keeps_nothing()
        {
            var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            listener.Start();
            int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            var host = new EmulatorHost();
            await Assert.ThrowsAsync<System.Net.Http.HttpRequestException>(() => host.AttachAsync(new Uri($"http://127.0.0.1:{port}")));
            Assert.Empty(host.All);
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
