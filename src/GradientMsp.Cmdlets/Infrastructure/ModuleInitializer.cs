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
                _hooked = true;
                if (RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal))
                {
                    AppDomain.CurrentDomain.AssemblyResolve += ResolveFromLib;
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

        private static Assembly? ResolveFromLib(object? sender, ResolveEventArgs args)
        {
            string name = new AssemblyName(args.Name).Name ?? string.Empty;
            string candidate = Path.Combine(ModuleInfo.LibDirectory, name + ".dll");
            return File.Exists(candidate) ? Assembly.LoadFrom(candidate) : null;
        }
    }
}
