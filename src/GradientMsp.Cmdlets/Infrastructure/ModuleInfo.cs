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
    }
}
