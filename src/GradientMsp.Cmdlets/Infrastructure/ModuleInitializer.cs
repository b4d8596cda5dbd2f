using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace GradientMsp.Commands
{
    /// <summary>
    /// Import and removal hooks. PowerShell runs OnImport after loading this assembly and before any
    /// cmdlet runs, which is the moment to say where GradientMsp.Client comes from: on PowerShell 7
    /// the loader routes it (and through it every dependency) into a private load context; on Windows
    /// PowerShell 5.1 (.NET Framework, no load contexts and no binding redirects for modules)
    /// dependencies are resolved from lib\ by simple name, whatever version a caller asks for.
    /// Nothing here may touch a client type before the hook is in place (docs/assembly-loading.md).
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static bool _hooked;

        public void OnImport()
        {
            if (!_hooked)
            {
                string? unsupported = RuntimeSupport.Problem(RuntimeInformation.FrameworkDescription, Environment.Version, typeof(PSObject).Assembly.GetName().Version);
                if (unsupported != null)
                {
                    throw new PlatformNotSupportedException(unsupported);
                }

                _hooked = true;
                if (UseDesktopResolver())
                {
                    AppDomain.CurrentDomain.AssemblyResolve += new DesktopAssemblyResolver(ModuleInfo.LibDirectory).Resolve;
                }
                else
                {
                    InstallLoadContext();
                }
            }

            // After the hook: this touches the client assembly.
            ModuleSurface.RegisterClientTypes();
        }

        // The loader targets net8.0 (AssemblyLoadContext is not in netstandard2.0), so it is reached by
        // reflection; it loads into the default context beside this assembly.
        private static void InstallLoadContext()
        {
            Assembly loader = Assembly.LoadFrom(Path.Combine(ModuleInfo.LibDirectory, "GradientMsp.Loader.dll"));
            MethodInfo install = loader.GetType("GradientMsp.Loader.GradientMspLoadContext", throwOnError: true)!.GetMethod("Install")
                ?? throw new MissingMethodException("GradientMsp.Loader.GradientMspLoadContext", "Install");
            install.Invoke(null, new object[] { ModuleInfo.LibDirectory });
        }

        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            ModuleSurface.UnregisterClientTypes();

            // Emulators are child processes: removing the module must not leave them running.
            EmulatorStore.ForCurrentRunspace().Host.StopAll();

            foreach (GradientConnection connection in ConnectionStore.ForCurrentRunspace().All)
            {
                ConnectionStore.ForCurrentRunspace().Remove(connection);
                connection.Close();
            }
        }

        // GRADIENTMSP_ASSEMBLY_RESOLVER=Desktop takes the Windows PowerShell path on PowerShell 7 too, so
        // the resolver's rule is tested where there is no Windows (AssemblyIsolation.Tests.ps1).
        private static bool UseDesktopResolver() =>
            RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal)
            || string.Equals(Environment.GetEnvironmentVariable("GRADIENTMSP_ASSEMBLY_RESOLVER"), "Desktop", StringComparison.OrdinalIgnoreCase);
    }
}
