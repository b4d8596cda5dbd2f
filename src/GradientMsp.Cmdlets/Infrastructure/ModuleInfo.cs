using System.IO;
using System.Reflection;

namespace GradientMsp.Commands
{
    internal static class ModuleInfo
    {
        /// <summary>The module version, stamped into the assembly by build.ps1 from GradientMsp.psd1.</summary>
        public static string Version { get; } =
            typeof(ModuleInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion?.Split('+')[0]
            ?? typeof(ModuleInfo).Assembly.GetName().Version?.ToString()
            ?? "0.0.0";

        public static string UserAgent => "GradientMsp/" + Version;

        /// <summary>lib/, where this assembly and every dependency live ("" if it was not loaded from a file).</summary>
        public static string LibDirectory { get; } = Path.GetDirectoryName(typeof(ModuleInfo).Assembly.Location) ?? string.Empty;

        /// <summary>The module's root folder (the manifest's), one above lib/; "" if unknown.</summary>
        public static string ModuleBase { get; } = LibDirectory.Length == 0 ? string.Empty : Path.GetDirectoryName(LibDirectory) ?? string.Empty;
    }
}
