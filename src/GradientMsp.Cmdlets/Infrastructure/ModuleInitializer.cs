using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace GradientMsp.Commands
{
    /// <summary>
    /// Import and removal hooks. On Windows PowerShell 5.1 (.NET Framework, no load contexts and no
    /// binding redirects for modules) dependencies are resolved from lib\ by simple name, whatever
    /// version a caller asks for; on PowerShell 7 the private load context does that job instead.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly string LibDirectory = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? string.Empty;
        private static bool _hooked;

        public void OnImport()
        {
            if (!_hooked && RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal))
            {
                _hooked = true;
                AppDomain.CurrentDomain.AssemblyResolve += ResolveFromLib;
            }

            // After the resolver: this touches the client assembly.
            ModuleSurface.RegisterClientTypes();
        }

        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            ModuleSurface.UnregisterClientTypes();

            // Emulators are child processes: removing the module must not leave them running.
            foreach (GradientEmulator emulator in EmulatorStore.ForCurrentRunspace().All)
            {
                StopGradientEmulatorCommand.StopOne(emulator);
            }

            foreach (GradientConnection connection in ConnectionStore.ForCurrentRunspace().All)
            {
                ConnectionStore.ForCurrentRunspace().Remove(connection);
                connection.IsClosed = true;
                connection.Client.Dispose();
            }
        }

        private static Assembly? ResolveFromLib(object? sender, ResolveEventArgs args)
        {
            string name = new AssemblyName(args.Name).Name ?? string.Empty;
            string candidate = Path.Combine(LibDirectory, name + ".dll");
            return File.Exists(candidate) ? Assembly.LoadFrom(candidate) : null;
        }
    }
}
