using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Reflection;

namespace GradientMsp.Commands
{
    /// <summary>
    /// What the module adds to the session besides its cmdlets, done in C# because the same work in
    /// the psm1 cost tens of milliseconds of import time through PowerShell's method binder.
    /// </summary>
    public static class ModuleSurface
    {
        private static readonly Type? AcceleratorsType = typeof(PSObject).Assembly.GetType("System.Management.Automation.TypeAccelerators");
        private static readonly List<string> Registered = new List<string>();

        /// <summary>
        /// Registers the client's public types (GradientMsp.Client.Models.*, .Usage.*) as type
        /// accelerators under their full names. They live in the private load context, which
        /// PowerShell's type resolver does not search, so without this a script could not write
        /// [GradientMsp.Client.Usage.UsageResult].
        /// </summary>
        internal static void RegisterClientTypes()
        {
            MethodInfo? add = AcceleratorsType?.GetMethod("Add", new[] { typeof(string), typeof(Type) });
            var existing = AcceleratorsType?.GetProperty("Get")?.GetValue(null) as IDictionary<string, Type>;
            if (add == null || existing == null)
            {
                return;
            }

            lock (Registered)
            {
                foreach (Type type in typeof(GradientMsp.Client.GradientClient).Assembly.GetExportedTypes())
                {
                    if (!type.IsNested && type.FullName != null && !existing.ContainsKey(type.FullName))
                    {
                        add.Invoke(null, new object[] { type.FullName, type });
                        Registered.Add(type.FullName);
                    }
                }
            }
        }

        internal static void UnregisterClientTypes()
        {
            MethodInfo? remove = AcceleratorsType?.GetMethod("Remove", new[] { typeof(string) });
            if (remove == null)
            {
                return;
            }

            lock (Registered)
            {
                foreach (string name in Registered)
                {
                    remove.Invoke(null, new object[] { name });
                }

                Registered.Clear();
            }
        }

        /// <summary>
        /// Adds the cmdlets of the binary module imported by the psm1 to the psm1 module's own export
        /// table. Import-Module -Assembly inside a script module does not always do it when the
        /// assembly was imported before ('Import-Module GradientMsp -Force' a second time):
        /// https://github.com/PowerShell/PowerShell/issues/20710
        /// </summary>
        public static void ExportCmdlets(PSModuleInfo scriptModule, PSModuleInfo binaryModule)
        {
            if (scriptModule == null || binaryModule == null)
            {
                return;
            }

            MethodInfo? addExportedCmdlet = typeof(PSModuleInfo).GetMethod("AddExportedCmdlet", BindingFlags.Instance | BindingFlags.NonPublic);
            if (addExportedCmdlet == null)
            {
                return;
            }

            foreach (CmdletInfo cmdlet in binaryModule.ExportedCmdlets.Values)
            {
                addExportedCmdlet.Invoke(scriptModule, new object[] { cmdlet });
            }
        }
    }
}
