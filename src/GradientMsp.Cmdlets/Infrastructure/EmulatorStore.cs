using System.Collections.Generic;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace GradientMsp.Commands
{
    /// <summary>
    /// Emulators started in a runspace, kept like connections (ConnectionStore): per runspace, the
    /// last one started is the default that the emulator cmdlets use without -Emulator.
    /// </summary>
    internal static class EmulatorStore
    {
        private static readonly ConditionalWeakTable<Runspace, RunspaceEmulators> Table = new ConditionalWeakTable<Runspace, RunspaceEmulators>();

        public static RunspaceEmulators ForCurrentRunspace()
            => Table.GetValue(Runspace.DefaultRunspace, _ => new RunspaceEmulators());

        internal sealed class RunspaceEmulators
        {
            private readonly object _gate = new object();
            private readonly List<GradientEmulator> _all = new List<GradientEmulator>();

            /// <summary>The last emulator started (and still running) in this runspace.</summary>
            public GradientEmulator? Default
            {
                get
                {
                    lock (_gate)
                    {
                        for (int i = _all.Count - 1; i >= 0; i--)
                        {
                            if (_all[i].IsRunning)
                            {
                                return _all[i];
                            }
                        }

                        return null;
                    }
                }
            }

            public IReadOnlyList<GradientEmulator> All
            {
                get
                {
                    lock (_gate)
                    {
                        return _all.ToArray();
                    }
                }
            }

            public void Add(GradientEmulator emulator)
            {
                lock (_gate)
                {
                    _all.Remove(emulator);
                    _all.Add(emulator);
                }
            }

            public bool Remove(GradientEmulator emulator)
            {
                lock (_gate)
                {
                    return _all.Remove(emulator);
                }
            }
        }
    }
}
