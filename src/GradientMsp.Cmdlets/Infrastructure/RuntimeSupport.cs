using System;

namespace GradientMsp.Commands
{
    /// <summary>
    /// Which PowerShells the module runs in. The manifest can only say "5.1 or later" for both
    /// editions, but on Core the engine's loader targets .NET 8, which PowerShell 7.4 was the first to
    /// run on: 7.0-7.3 (.NET Core 3.1 to .NET 7) would fail with a raw BadImageFormatException deep in
    /// the import. This names the versions that work instead.
    /// </summary>
    internal static class RuntimeSupport
    {
        /// <summary>Why this runtime cannot load the module, or null when it can.</summary>
        internal static string? Problem(string frameworkDescription, Version runtimeVersion, Version? powerShellVersion)
        {
            if (frameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal))
            {
                return null;
            }

            if (runtimeVersion.Major >= 8)
            {
                return null;
            }

            string shell = powerShellVersion == null ? "this PowerShell" : $"PowerShell {powerShellVersion.ToString(Math.Min(3, FieldCount(powerShellVersion)))}";
            return $"GradientMsp cannot load in {shell} on {frameworkDescription}: it needs Windows PowerShell 5.1 or PowerShell 7.4 or later (.NET 8+). " +
                "Install the current PowerShell 7 (https://aka.ms/powershell), or run it in powershell.exe 5.1.";
        }

        private static int FieldCount(Version v) => v.Build >= 0 ? 3 : 2;
    }
}
