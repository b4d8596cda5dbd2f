using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Reflection;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using GradientMsp.Contracts;
using Newtonsoft.Json.Linq;

namespace GradientMsp.Client.Emulator
{
    /// <summary>How to start the emulator child process.</summary>
    internal sealed class EmulatorProcessOptions
    {
        /// <summary>Path of GradientMsp.Emulator.dll. Null: $GRADIENT_EMULATOR_DLL, else next to this assembly
        /// (or in its "emulator" subfolder, or in "../emulator" as in the staged module).</summary>
        public string? EmulatorPath { get; set; }
        /// <summary>The dotnet host. Null: $DOTNET_HOST_PATH, $DOTNET_ROOT/dotnet, else "dotnet" on PATH.</summary>
        public string? DotnetPath { get; set; }
        public string? VendorKey { get; set; }
        public string? PartnerKey { get; set; }
        public bool Seed { get; set; } = true;
        /// <summary>Requests per token per rolling second; 0 = off; null = the emulator's default (100).</summary>
        public int? RateLimit { get; set; }
        public string? StateFile { get; set; }
        public int? AlertDelayMs { get; set; }
        /// <summary>How long to wait for the READY line.</summary>
        public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(30);
        /// <summary>Passed to the emulator as --parent-pid so it exits if this process dies (default true).</summary>
        public bool WatchParent { get; set; } = true;
        /// <summary>Passed as --new-session: the emulator leaves this terminal's session, so Ctrl+C at the prompt does not kill it (default true).</summary>
        public bool NewSession { get; set; } = true;
        public IList<string> ExtraArguments { get; } = new List<string>();
    }

    /// <summary>
    /// The emulator as a child process on 127.0.0.1 and a free port. Reads the READY line, exposes the keys,
    /// and kills the process (tree) on Stop/Dispose. The child also exits by itself when this process dies:
    /// it watches its stdin pipe (held open here) and --parent-pid.
    /// </summary>
    internal sealed class EmulatorProcess : IDisposable
    {
        public const string DllName = EmulatorContract.DllName;
        private const int MaxStderrChars = 16_384;

        private readonly Process _process;
        private readonly StringBuilder _stderr = new StringBuilder();
        private int _stopped;

        private EmulatorProcess(Process process, JObject ready)
        {
            _process = process;
            ProcessId = process.Id;
            BaseUri = new Uri(ready.Value<string>("baseUri") ?? throw new InvalidDataException("READY line has no baseUri"));
            ApiBaseUri = new Uri(ready.Value<string>("apiBaseUri") ?? BaseUri.ToString().TrimEnd('/') + VendorApiContract.Prefix);
            VendorKey = ready.Value<string>("vendorKey") ?? "";
            PartnerKey = ready.Value<string>("partnerKey") ?? "";
            OrganizationId = ready.Value<string>("organizationId") ?? "";
            Token = ready.Value<string>("token") ?? "";
        }

        /// <summary>The emulator root, e.g. http://127.0.0.1:41234 (the vendor API is under /api/vendor-api).</summary>
        public Uri BaseUri { get; }
        public Uri ApiBaseUri { get; }
        public string VendorKey { get; }
        public string PartnerKey { get; }
        public string OrganizationId { get; }
        /// <summary>GRADIENT-TOKEN for the seeded partner (as the READY line printed it).</summary>
        public string Token { get; }
        public int ProcessId { get; }

        public bool HasExited
        {
            get
            {
                try { return _process.HasExited; }
                catch (InvalidOperationException) { return true; }
            }
        }

        /// <summary>The exit code once the process has exited (null while it runs or once disposed).</summary>
        public int? ExitCode
        {
            get
            {
                try { return _process.HasExited ? _process.ExitCode : (int?)null; }
                catch (InvalidOperationException) { return null; }
            }
        }

        /// <summary>What the emulator wrote on stderr so far (bounded).</summary>
        public string StandardError
        {
            get { lock (_stderr) return _stderr.ToString(); }
        }

        public EmulatorControlClient CreateControlClient(System.Net.Http.HttpClient? http = null) => new EmulatorControlClient(BaseUri, http);

        public static async Task<EmulatorProcess> StartAsync(EmulatorProcessOptions? options = null, CancellationToken cancellationToken = default)
        {
            options ??= new EmulatorProcessOptions();
            string dll = LocateDll(options.EmulatorPath);
            var args = new List<string> { dll, "--urls", "http://127.0.0.1:0" };
            if (options.WatchParent) { args.Add("--parent-pid"); args.Add(CurrentProcessId().ToString(CultureInfo.InvariantCulture)); }
            if (options.NewSession) args.Add("--new-session");
            if (options.VendorKey != null) { args.Add("--vendor-key"); args.Add(options.VendorKey); }
            if (options.PartnerKey != null) { args.Add("--partner-key"); args.Add(options.PartnerKey); }
            if (!options.Seed) args.Add("--no-seed");
            if (options.RateLimit.HasValue) { args.Add("--rate-limit"); args.Add(options.RateLimit.Value.ToString(CultureInfo.InvariantCulture)); }
            if (options.StateFile != null) { args.Add("--state-file"); args.Add(options.StateFile); }
            if (options.AlertDelayMs.HasValue) { args.Add("--alert-delay-ms"); args.Add(options.AlertDelayMs.Value.ToString(CultureInfo.InvariantCulture)); }
            args.AddRange(options.ExtraArguments);

            var psi = new ProcessStartInfo(LocateDotnet(options.DotnetPath), JoinArguments(args))
            {
                UseShellExecute = false,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                CreateNoWindow = true,
                StandardOutputEncoding = Encoding.UTF8,
                StandardErrorEncoding = Encoding.UTF8,
            };
            psi.EnvironmentVariables.Remove("ASPNETCORE_URLS");
            psi.EnvironmentVariables["DOTNET_NOLOGO"] = "1";

            var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
            var ready = new TaskCompletionSource<JObject>(TaskCreationOptions.RunContinuationsAsynchronously);
            var stderr = new StringBuilder();
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data == null) return;
                if (e.Data.StartsWith(EmulatorContract.ReadyPrefix, StringComparison.Ordinal))
                {
                    try { ready.TrySetResult(JObject.Parse(e.Data.Substring(EmulatorContract.ReadyPrefix.Length))); }
                    catch (Newtonsoft.Json.JsonException ex) { ready.TrySetException(new InvalidDataException("Unreadable READY line: " + e.Data, ex)); }
                }
            };
            var stderrClosed = new ManualResetEventSlim(false);
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data == null)
                {
                    stderrClosed.Set(); // end of stream: everything the emulator wrote is in
                    return;
                }
                lock (stderr)
                {
                    if (stderr.Length < MaxStderrChars) stderr.AppendLine(e.Data);
                }
            };
            process.Exited += (_, __) =>
            {
                // Wait for stderr to be read to its end (not a fixed pause), so the message below
                // carries the emulator's reason; bounded in case a grandchild keeps the pipe open.
                stderrClosed.Wait(TimeSpan.FromSeconds(5));
                string err;
                lock (stderr) err = stderr.ToString();
                ready.TrySetException(new InvalidOperationException("The emulator exited before it was ready. " + err.Trim()));
            };

            if (!process.Start()) throw new InvalidOperationException("Could not start " + psi.FileName);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.StartTimeout);
            using (timeout.Token.Register(() => ready.TrySetCanceled()))
            {
                try
                {
                    JObject line = await ready.Task.ConfigureAwait(false);
                    var emulator = new EmulatorProcess(process, line);
                    lock (stderr) emulator._stderr.Append(stderr);
                    process.ErrorDataReceived += (_, e) =>
                    {
                        if (e.Data == null) return;
                        lock (emulator._stderr)
                        {
                            if (emulator._stderr.Length < MaxStderrChars) emulator._stderr.AppendLine(e.Data);
                        }
                    };
                    return emulator;
                }
                catch (Exception e)
                {
                    KillQuietly(process);
                    process.Dispose();
                    if (e is TaskCanceledException && !cancellationToken.IsCancellationRequested)
                        throw new TimeoutException($"The emulator did not print its READY line within {options.StartTimeout.TotalSeconds:0.#} s.", e);
                    throw;
                }
            }
        }

        /// <summary>Stops the emulator: closes its stdin (it saves its state file and exits), then kills the
        /// process tree if it is still there after <paramref name="grace"/>, and waits for it.</summary>
        public void Stop(TimeSpan? grace = null)
        {
            if (Interlocked.Exchange(ref _stopped, 1) != 0) return;
            try
            {
                if (!HasExited)
                {
                    try { _process.StandardInput.Close(); }
                    catch (IOException) { }
                    catch (InvalidOperationException) { }
                    if (!_process.WaitForExit((int)(grace ?? TimeSpan.FromSeconds(5)).TotalMilliseconds))
                        KillQuietly(_process);
                    _process.WaitForExit(10_000);
                }
            }
            finally
            {
                _process.Dispose();
            }
        }

        public void Dispose() => Stop();

        private static void KillQuietly(Process process)
        {
            try
            {
                if (process.HasExited) return;
                // Process.Kill(bool entireProcessTree) exists on .NET Core 3.0+, not in netstandard2.0.
                MethodInfo? killTree = typeof(Process).GetMethod("Kill", new[] { typeof(bool) });
                if (killTree != null) killTree.Invoke(process, new object[] { true });
                else process.Kill();
                process.WaitForExit(10_000);
            }
            catch (InvalidOperationException) { }
            catch (System.ComponentModel.Win32Exception) { }
            catch (TargetInvocationException) { }
        }

        private static int CurrentProcessId()
        {
            using Process me = Process.GetCurrentProcess();
            return me.Id;
        }

        internal static string LocateDll(string? explicitPath)
        {
            var candidates = new List<string>();
            if (!string.IsNullOrEmpty(explicitPath)) candidates.Add(explicitPath!);
            else
            {
                string? env = Environment.GetEnvironmentVariable("GRADIENT_EMULATOR_DLL");
                if (!string.IsNullOrEmpty(env)) candidates.Add(env!);
                string? here = Path.GetDirectoryName(typeof(EmulatorProcess).Assembly.Location);
                if (!string.IsNullOrEmpty(here))
                {
                    candidates.Add(Path.Combine(here!, DllName));
                    candidates.Add(Path.Combine(here!, "emulator", DllName));
                    candidates.Add(Path.Combine(here!, "..", "emulator", DllName)); // staged module: lib/ beside emulator/
                }
                candidates.Add(Path.Combine(AppContext.BaseDirectory, DllName));
            }
            foreach (string c in candidates)
                if (File.Exists(c)) return Path.GetFullPath(c);
            throw new FileNotFoundException(
                "GradientMsp.Emulator.dll not found (looked at: " + string.Join(", ", candidates) +
                "). Build src/GradientMsp.Emulator or set GRADIENT_EMULATOR_DLL.", DllName);
        }

        internal static string LocateDotnet(string? explicitPath)
        {
            if (!string.IsNullOrEmpty(explicitPath)) return explicitPath!;
            string exe = Path.DirectorySeparatorChar == '\\' ? "dotnet.exe" : "dotnet";
            string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            if (!string.IsNullOrEmpty(host) && File.Exists(host)) return host!;
            string? root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
            if (!string.IsNullOrEmpty(root) && File.Exists(Path.Combine(root!, exe))) return Path.Combine(root!, exe);
            try
            {
                using Process me = Process.GetCurrentProcess();
                string? main = me.MainModule?.FileName;
                if (main != null && string.Equals(Path.GetFileName(main), exe, StringComparison.OrdinalIgnoreCase)) return main;
            }
            catch (System.ComponentModel.Win32Exception) { }
            catch (InvalidOperationException) { }
            return exe;
        }

        /// <summary>Quotes arguments the way .NET (and the MSVC runtime) split a command line.</summary>
        internal static string JoinArguments(IEnumerable<string> args)
        {
            var sb = new StringBuilder();
            foreach (string a in args)
            {
                if (sb.Length > 0) sb.Append(' ');
                if (a.Length > 0 && a.IndexOfAny(new[] { ' ', '\t', '"', '\\' }) < 0)
                {
                    sb.Append(a);
                    continue;
                }
                sb.Append('"');
                int backslashes = 0;
                foreach (char ch in a)
                {
                    if (ch == '\\') { backslashes++; continue; }
                    if (ch == '"') sb.Append('\\', backslashes * 2 + 1);
                    else sb.Append('\\', backslashes);
                    backslashes = 0;
                    sb.Append(ch);
                }
                sb.Append('\\', backslashes * 2);
                sb.Append('"');
            }
            return sb.ToString();
        }
    }
}
