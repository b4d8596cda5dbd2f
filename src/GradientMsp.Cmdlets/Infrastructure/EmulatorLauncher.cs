using System;
using System.IO;
using System.Management.Automation;
using GradientMsp.Client.Emulator;

namespace GradientMsp.Commands
{
    /// <summary>
    /// Starting the emulator, shared by Start-GradientEmulator and Connect-GradientIntegration (which
    /// starts one when it is given no keys at all). The emulator ships in the module's emulator/ folder,
    /// beside lib/ where this assembly lives.
    /// </summary>
    internal static class EmulatorLauncher
    {
        /// <summary>&lt;module&gt;/lib/../emulator/GradientMsp.Emulator.dll, or null when that file is not there
        /// (then EmulatorProcess looks at $env:GRADIENT_EMULATOR_DLL and beside the client assembly).</summary>
        public static string? ModuleEmulatorPath()
        {
            if (ModuleInfo.ModuleBase.Length == 0)
            {
                return null;
            }

            string candidate = Path.Combine(ModuleInfo.ModuleBase, "emulator", EmulatorProcess.DllName);
            return File.Exists(candidate) ? candidate : null;
        }

        public static EmulatorProcessOptions Options(int? rateLimit, string? stateFile, bool seed) => new EmulatorProcessOptions
        {
            EmulatorPath = Environment.GetEnvironmentVariable("GRADIENT_EMULATOR_DLL") is { Length: > 0 } ? null : ModuleEmulatorPath(),
            RateLimit = rateLimit,
            StateFile = stateFile,
            Seed = seed,
        };

        /// <summary>Whether an exception from EmulatorProcess.StartAsync is a start failure to report (not a bug).</summary>
        public static bool IsStartFailure(Exception exception) =>
            exception is FileNotFoundException || exception is TimeoutException || exception is InvalidOperationException
            || exception is InvalidDataException || exception is System.ComponentModel.Win32Exception;

        /// <summary>The ErrorRecord for a start failure (kept here for the callers; the mapping is ErrorRecordFactory's).</summary>
        public static ErrorRecord StartFailure(Exception exception) => ErrorRecordFactory.FromEmulatorStartFailure(exception);

        /// <summary>Hands a process started elsewhere to the runspace's emulator host, which makes it the default emulator.</summary>
        public static GradientEmulator Register(EmulatorProcess process, EmulatorProcessOptions options)
        {
            EmulatorStore.RunspaceEmulators store = EmulatorStore.ForCurrentRunspace();
            return store.ViewOf(store.Host.Adopt(process, options));
        }
    }
}
