using System;
using System.Collections.Generic;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace GradientMsp.Commands
{
    /// <summary>
    /// Items kept per runspace, not per process (after PSOpenAD's RunspaceSpecificStorage): parallel
    /// runspaces (ForEach-Object -Parallel, RMM hosts, Pester) each have their own default, and a
    /// runspace that goes away takes its items with it. See docs/session-lifetime.md.
    /// </summary>
    internal sealed class RunspaceStore<T>
        where T : class
    {
        private readonly ConditionalWeakTable<Runspace, RunspaceItems<T>> _table = new ConditionalWeakTable<Runspace, RunspaceItems<T>>();
        private readonly Func<T, bool>? _canBeDefault;

        /// <param name="canBeDefault">Which items may be the default (say, emulators still running); null for any.</param>
        public RunspaceStore(Func<T, bool>? canBeDefault = null) => _canBeDefault = canBeDefault;

        public RunspaceItems<T> ForCurrentRunspace()
            => _table.GetValue(Runspace.DefaultRunspace, _ => new RunspaceItems<T>(_canBeDefault));
    }

    /// <summary>One runspace's items, the last one added first in line to be the default. Thread-safe.</summary>
    internal sealed class RunspaceItems<T>
        where T : class
    {
        private readonly object _gate = new object();
        private readonly List<T> _all = new List<T>();
        private readonly Func<T, bool>? _canBeDefault;

        public RunspaceItems(Func<T, bool>? canBeDefault) => _canBeDefault = canBeDefault;

        /// <summary>The last item added that may be the default, or null.</summary>
        public T? Default
        {
            get
            {
                lock (_gate)
                {
                    for (int i = _all.Count - 1; i >= 0; i--)
                    {
                        if (_canBeDefault == null || _canBeDefault(_all[i]))
                        {
                            return _all[i];
                        }
                    }

                    return null;
                }
            }
        }

        public IReadOnlyList<T> All
        {
            get
            {
                lock (_gate)
                {
                    return _all.ToArray();
                }
            }
        }

        /// <summary>Adds the item (or moves it to the end, making it the default).</summary>
        public void Add(T item)
        {
            lock (_gate)
            {
                _all.Remove(item);
                _all.Add(item);
            }
        }

        public bool Remove(T item)
        {
            lock (_gate)
            {
                return _all.Remove(item);
            }
        }
    }
}
