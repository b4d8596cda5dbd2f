using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Reflection;

namespace GradientMsp.Commands
{
    /// <summary>
    /// What the module adds to the session besides its cmdlets: type accelerators for the public types
    /// of the client and the emulator's control client, registered at import and removed with the module.
    /// </summary>
    public static class ModuleSurface
    {
        private static readonly Type? AcceleratorsType = typeof(PSObject).Assembly.GetType("System.Management.Automation.TypeAccelerators");
        private static readonly List<string> Registered = new List<string>();

        /// <summary>
        /// Registers the client's public types (GradientMsp.Client.Models.*, .Usage.*) and the emulator
        /// client's (GradientMsp.Client.Emulator.*) as type accelerators under their full names. They
        /// live in the private load context, which PowerShell's type resolver does not search, so
        /// without this a script could not write [GradientMsp.Client.Usage.UsageResult].
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
                // The emulator client's engine (process, control client, host) is internal, so its
                // exported types are only what users see: the control API's data and its exception.
                foreach (Assembly assembly in new[] { typeof(GradientMsp.Client.GradientClient).Assembly, typeof(GradientMsp.Client.Emulator.EmulatorPartner).Assembly })
                {
                    foreach (Type type in assembly.GetExportedTypes())
                    {
                        if (!type.IsNested && type.FullName != null && !existing.ContainsKey(type.FullName))
                        {
                            add.Invoke(null, new object[] { type.FullName, type });
                            Registered.Add(type.FullName);
                        }
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
