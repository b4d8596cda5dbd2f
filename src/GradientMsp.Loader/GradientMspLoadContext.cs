using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace GradientMsp.Loader
{
    /// <summary>
    /// A private load context for the module's engine: GradientMsp.Client and everything it depends
    /// on (Newtonsoft.Json, Microsoft.Extensions.*, Polly), and the emulator's control client. The
    /// cmdlets assembly stays in the default context, where PowerShell loads it as the module's root;
    /// the assemblies it names besides PowerShell and the framework are <see cref="EngineAssemblyNames"/>,
    /// and <see cref="Install"/> routes those names here. Another module that loaded a different version of a dependency into the default context
    /// cannot break us, and we cannot break it.
    /// </summary>
    public sealed class GradientMspLoadContext : AssemblyLoadContext
    {
        /// <summary>
        /// The assemblies the cmdlets name, and so the only ones handed over from the default context:
        /// the client (the engine) and the emulator's control client. Everything they use (GradientMsp.Contracts,
        /// Newtonsoft.Json, ...) then loads through <see cref="Load"/>, never by the default context.
        /// </summary>
        private static readonly string[] EngineAssemblyNames = { "GradientMsp.Client", "GradientMsp.Client.Emulator" };

        private static readonly object Gate = new object();
        private static GradientMspLoadContext? _instance;
        private readonly string _assemblyDirectory;
        private readonly string _frameworkDirectory;

        private GradientMspLoadContext(string assemblyDirectory)
            : base("GradientMsp", isCollectible: false)
        {
            _assemblyDirectory = assemblyDirectory;
            _frameworkDirectory = RuntimeEnvironment.GetRuntimeDirectory();
        }

        /// <summary>
        /// Creates the context for <paramref name="assemblyDirectory"/> (once per process: a binary
        /// module cannot be unloaded anyway) and hooks the default context so that the cmdlets'
        /// references to <see cref="EngineAssemblyNames"/> resolve into it. Called by the cmdlets' module initializer
        /// before any client type is touched. Repeated calls (Import-Module -Force) do nothing.
        /// </summary>
        public static void Install(string assemblyDirectory)
        {
            lock (Gate)
            {
                if (_instance != null)
                {
                    return;
                }

                _instance = new GradientMspLoadContext(Path.GetFullPath(assemblyDirectory));
                Default.Resolving += ResolveEngine;
            }
        }

        // The default context raises Resolving only for names it cannot find itself; the client is
        // never on its probing paths, so this handler is the only way it loads.
        private static Assembly? ResolveEngine(AssemblyLoadContext context, AssemblyName assemblyName)
        {
            GradientMspLoadContext? instance = _instance;
            return instance != null && Array.IndexOf(EngineAssemblyNames, assemblyName.Name) >= 0
                ? instance.LoadFromAssemblyName(assemblyName)
                : null;
        }

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            string fileName = assemblyName.Name + ".dll";

            // Framework assemblies (System.*, netstandard facades) must come from the runtime so that
            // types such as Span<T> or Task stay the same types on both sides of the boundary.
            if (File.Exists(Path.Combine(_frameworkDirectory, fileName)))
            {
                return null;
            }

            // PowerShell itself must be the one already loaded, never a copy.
            if (assemblyName.Name is "System.Management.Automation" or "Microsoft.PowerShell.Commands.Utility")
            {
                return null;
            }

            string candidate = Path.Combine(_assemblyDirectory, fileName);
            return File.Exists(candidate) ? LoadFromAssemblyPath(candidate) : null;
        }

        protected override IntPtr LoadUnmanagedDll(string unmanagedDllName) => IntPtr.Zero;
    }
}
