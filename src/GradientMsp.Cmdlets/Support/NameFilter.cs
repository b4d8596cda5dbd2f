using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace GradientMsp.Commands
{
    /// <summary>
    /// The -Name filter of the Get-* cmdlets: wildcards and plain names, case-insensitive as
    /// PowerShell users expect. A plain name that matches nothing is reported (as Get-Process does);
    /// a wildcard that matches nothing is not.
    /// </summary>
    internal sealed class NameFilter
    {
        private readonly List<(string Text, WildcardPattern Pattern, bool Literal)> _entries;
        private readonly HashSet<string> _matchedLiterals = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        private NameFilter(IEnumerable<string> names)
        {
            _entries = names
                .Where(n => n != null)
                .Select(n => (n, WildcardPattern.Get(n, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant), !WildcardPattern.ContainsWildcardCharacters(n)))
                .ToList();
        }

        /// <summary>Null when no names were given (everything matches).</summary>
        public static NameFilter? Create(string[]? names) => names == null || names.Length == 0 ? null : new NameFilter(names);

        public bool IsMatch(string? name)
        {
            bool any = false;
            foreach ((string text, WildcardPattern pattern, bool literal) in _entries)
            {
                if (pattern.IsMatch(name ?? string.Empty))
                {
                    any = true;
                    if (literal)
                    {
                        _matchedLiterals.Add(text);
                    }
                }
            }

            return any;
        }

        /// <summary>The plain names that matched nothing so far.</summary>
        public IEnumerable<string> UnmatchedLiterals()
            => _entries.Where(e => e.Literal && !_matchedLiterals.Contains(e.Text)).Select(e => e.Text).Distinct(StringComparer.OrdinalIgnoreCase);
    }
}
