using System.Collections.Generic;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace GradientMsp.Commands
{
    /// <summary>
    /// Connections are kept per runspace, not per process: parallel runspaces (ForEach-Object
    /// -Parallel, RMM hosts, Pester) each have their own default, and a runspace that goes away
    /// takes its connections with it. See docs/session-lifetime.md.
    /// </summary>
    internal static class ConnectionStore
    {
        private static readonly ConditionalWeakTable<Runspace, RunspaceConnections> Table = new ConditionalWeakTable<Runspace, RunspaceConnections>();

        public static RunspaceConnections ForCurrentRunspace()
            => Table.GetValue(Runspace.DefaultRunspace, _ => new RunspaceConnections());

        internal sealed class RunspaceConnections
        {
            private readonly object _gate = new object();
            private readonly List<GradientConnection> _all = new List<GradientConnection>();

            /// <summary>The last connection made (and not yet closed) in this runspace.</summary>
            public GradientConnection? Default
            {
                get
                {
                    lock (_gate)
                    {
                        return _all.Count == 0 ? null : _all[_all.Count - 1];
                    }
                }
            }

            public IReadOnlyList<GradientConnection> All
            {
                get
                {
                    lock (_gate)
                    {
                        return _all.ToArray();
                    }
                }
            }

            public void Add(GradientConnection connection)
            {
                lock (_gate)
                {
                    _all.Remove(connection);
                    _all.Add(connection);
                }
            }

            public bool Remove(GradientConnection connection)
            {
                lock (_gate)
                {
                    return _all.Remove(connection);
                }
            }
        }
    }
}
