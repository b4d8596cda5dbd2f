using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using GradientMsp.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GradientMsp.Emulator
{
    public static class Program
    {
        public const string ReadyPrefix = EmulatorContract.ReadyPrefix;

        public static async Task<int> Main(string[] args)
        {
            EmulatorOptions options;
            try
            {
                options = EmulatorOptions.Parse(args);
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine("gradient-emulator: " + e.Message);
                return 2;
            }

            if (options.NewSession) LeaveTerminalSession();

            WebApplication app;
            try
            {
                app = EmulatorApp.Build(options);
                await app.StartAsync();
            }
            catch (Exception e) when (e is IOException or InvalidDataException or JsonException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine("gradient-emulator: cannot start: " + e.Message);
                return 3;
            }

            var rt = app.Services.GetRequiredService<EmulatorRuntime>();
            string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
                ?? options.Urls.Split(';')[0];
            rt.BaseUri = NormalizeBase(address);

            string org = rt.State.DefaultOrganizationId;
            string? pk = rt.State.PartnerKeyOf(org);
            var ready = new
            {
                baseUri = rt.BaseUri,
                apiBaseUri = rt.BaseUri + VendorApi.Prefix,
                controlBaseUri = rt.BaseUri + ControlApi.Prefix,
                vendorKey = rt.State.VendorKey,
                partnerKey = pk,
                organizationId = org,
                token = pk != null ? EmulatorState.TokenFor(rt.State.VendorKey, pk) : null,
                processId = Environment.ProcessId,
            };
            Console.Out.WriteLine(ReadyPrefix + JsonSerializer.Serialize(ready));
            Console.Out.Flush();

            IHostApplicationLifetime lifetime = app.Lifetime;
            if (options.WatchStdin && StdinIsPipe()) StartStdinWatch(lifetime);
            if (options.ParentPid.HasValue) StartParentWatch(options.ParentPid.Value, lifetime);

            await app.WaitForShutdownAsync();
            return 0;
        }

        private static string NormalizeBase(string address)
        {
            string a = address.TrimEnd('/');
            // Kestrel reports wildcard hosts as given; a client needs a connectable host.
            return a.Replace("://[::]:", "://127.0.0.1:", StringComparison.Ordinal)
                    .Replace("://0.0.0.0:", "://127.0.0.1:", StringComparison.Ordinal)
                    .Replace("://+:", "://127.0.0.1:", StringComparison.Ordinal)
                    .Replace("://*:", "://127.0.0.1:", StringComparison.Ordinal);
        }

        /// <summary>True when stdin is a pipe or socket held by a parent. /dev/null, files and terminals are not
        /// watched, so `dotnet emulator.dll &` in a script does not exit at once.</summary>
        internal static bool StdinIsPipe()
        {
            if (OperatingSystem.IsLinux())
            {
                try
                {
                    var target = new FileInfo("/proc/self/fd/0").LinkTarget;
                    return target != null && (target.StartsWith("pipe:", StringComparison.Ordinal) || target.StartsWith("socket:", StringComparison.Ordinal));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    return false;
                }
            }
            return Console.IsInputRedirected;
        }

        private static void StartStdinWatch(IHostApplicationLifetime lifetime)
        {
            var t = new Thread(() =>
            {
                try
                {
                    using Stream stdin = Console.OpenStandardInput();
                    var buffer = new byte[256];
                    while (stdin.Read(buffer, 0, buffer.Length) > 0)
                    {
                        // input is ignored; only its end matters
                    }
                }
                catch (IOException)
                {
                    // a broken pipe is a closed stdin too
                }
                lifetime.StopApplication();
            })
            { IsBackground = true, Name = "stdin-watch" };
            t.Start();
        }

        private static void StartParentWatch(int pid, IHostApplicationLifetime lifetime)
        {
            var t = new Thread(() =>
            {
                while (!lifetime.ApplicationStopping.IsCancellationRequested)
                {
                    if (!IsAlive(pid))
                    {
                        lifetime.StopApplication();
                        return;
                    }
                    lifetime.ApplicationStopping.WaitHandle.WaitOne(500);
                }
            })
            { IsBackground = true, Name = "parent-watch" };
            t.Start();
        }

        [DllImport("libc", SetLastError = true)]
        private static extern int setsid();

        /// <summary>
        /// A child started by the module shares the terminal's foreground process group, so the terminal
        /// sends it the SIGINT of every Ctrl+C (and SIGTSTP, SIGHUP). A new session has no controlling
        /// terminal; the parent-pid and stdin watches still end it with its parent. Done here rather than
        /// by the launcher because netstandard2.0's Process cannot run code between fork and exec, and
        /// macOS has no setsid(1). Windows needs nothing: a CREATE_NO_WINDOW child has no console to get Ctrl+C from.
        /// </summary>
        private static void LeaveTerminalSession()
        {
            if (!(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())) return;
            try
            {
                if (setsid() < 0)
                    Console.Error.WriteLine("gradient-emulator: setsid failed (errno " + Marshal.GetLastWin32Error() + "); Ctrl+C in the parent's terminal will reach the emulator.");
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                Console.Error.WriteLine("gradient-emulator: no setsid: " + e.Message);
            }
        }

        private static bool IsAlive(int pid)
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
            catch (InvalidOperationException)
            {
                return false;
            }
        }
    }
}
