using System;
using System.Collections.Generic;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using GradientMsp.Client.Emulator;

namespace GradientMsp.Commands
{
    /// <summary>
    /// Emulators started in a runspace, kept like connections (ConnectionStore): per runspace, one
    /// <see cref="EmulatorHost"/> owns starting and stopping them, and the last one started is the
    /// default that the emulator cmdlets use without -Emulator. This class only adds the PowerShell
    /// side: the runspace key, the one <see cref="GradientEmulator"/> object per emulator, and closing
    /// the connections made to an emulator when it stops.
    /// </summary>
    internal static class EmulatorStore
    {
        private static readonly ConditionalWeakTable<Runspace, RunspaceEmulators> Table = new ConditionalWeakTable<Runspace, RunspaceEmulators>();

        public static RunspaceEmulators ForCurrentRunspace()
            => Table.GetValue(Runspace.DefaultRunspace, _ => new RunspaceEmulators());

        internal sealed class RunspaceEmulators
        {
            private readonly ConditionalWeakTable<EmulatorInstance, GradientEmulator> _views = new ConditionalWeakTable<EmulatorInstance, GradientEmulator>();

            public RunspaceEmulators()
            {
                Host = new EmulatorHost();
                Host.Stopped += CloseConnections;
            }

            /// <summary>Starts, stops and lists this runspace's emulators.</summary>
            public EmulatorHost Host { get; }

            /// <summary>The last emulator started (and still running) in this runspace.</summary>
            public GradientEmulator? Default => Host.Default is EmulatorInstance instance ? ViewOf(instance) : null;

            public IReadOnlyList<GradientEmulator> All
            {
                get
                {
                    IReadOnlyList<EmulatorInstance> all = Host.All;
                    var views = new GradientEmulator[all.Count];
                    for (int i = 0; i < all.Count; i++)
                    {
                        views[i] = ViewOf(all[i]);
                    }

                    return views;
                }
            }

            /// <summary>
            /// The emulator of this runspace serving <paramref name="baseUri"/> if its process exited
            /// without Stop-GradientEmulator (a crash, a kill): its connections are still open but nothing answers.
            /// </summary>
            public EmulatorInstance? ExitedAt(Uri baseUri)
            {
                foreach (EmulatorInstance instance in Host.All)
                {
                    if (!instance.Stopped && !instance.IsAttached && instance.Process.HasExited && SameServer(baseUri, instance.Process.BaseUri))
                    {
                        return instance;
                    }
                }

                return null;
            }

            private static bool SameServer(Uri a, Uri b)
                => Uri.Compare(a, b, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;

            /// <summary>The one PowerShell object for an emulator of this runspace (so -Connect's Connection and PartnerKey tracking stick).</summary>
            public GradientEmulator ViewOf(EmulatorInstance instance) => _views.GetValue(instance, i => new GradientEmulator(i));

            // An emulator's connections die with it: their base URI no longer answers.
            private static void CloseConnections(EmulatorInstance instance)
            {
                RunspaceItems<GradientConnection> connections = ConnectionStore.ForCurrentRunspace();
                foreach (GradientConnection connection in connections.All)
                {
                    if (connection.IsEmulator && SameServer(connection.BaseUri, instance.BaseUri))
                    {
                        connections.Remove(connection);
                        connection.Close();
                    }
                }
            }
        }
    }
}
