using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Reflection;

namespace GradientMsp.Commands
{
    /// <summary>
    /// What the module adds to the session besides its cmdlets: type accelerators for the client's
    /// public types, registered at import and removed with the module.
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
    }
}
