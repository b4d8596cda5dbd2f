using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace GradientMsp.Loader
{
    /// <summary>
    /// A private load context for the module's assemblies (cmdlets, client, Newtonsoft.Json,
    /// Microsoft.Extensions.*, Polly). Another module that loaded a different version of one of
    /// them into the default context cannot break us, and we cannot break it.
    /// </summary>
    public sealed class GradientMspLoadContext : AssemblyLoadContext
    {
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
        /// Loads the cmdlets assembly from <paramref name="assemblyDirectory"/> into the shared
        /// context (created once per process: a binary module cannot be unloaded anyway).
        /// </summary>
        public static Assembly Initialize(string assemblyDirectory)
        {
            lock (Gate)
            {
                _instance ??= new GradientMspLoadContext(Path.GetFullPath(assemblyDirectory));
                return _instance.LoadFromAssemblyName(new AssemblyName("GradientMsp.Cmdlets"));
            }
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
