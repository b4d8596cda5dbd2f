using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using GradientMsp.Client.Models;

namespace GradientMsp.Commands
{
    /// <summary>
    /// Tab completion for -Category and -Subcategory: Gradient's values exactly as it spells them,
    /// single-quoted when they contain spaces or other characters the parser would split on.
    /// Matches by prefix, or anywhere in the value when no value starts with the word (so "EDR" finds the EDR subcategory).
    /// </summary>
    public sealed class ServiceCategoryCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            IReadOnlyList<string> values = string.Equals(parameterName, "Subcategory", StringComparison.OrdinalIgnoreCase)
                ? ServiceCategories.Subcategories
                : ServiceCategories.Categories;
            string typed = Unquote(wordToComplete ?? string.Empty);

            List<string> found = values.Where(v => v.StartsWith(typed, StringComparison.OrdinalIgnoreCase)).ToList();
            if (found.Count == 0)
            {
                found = values.Where(v => v.IndexOf(typed, StringComparison.OrdinalIgnoreCase) >= 0).ToList();
            }

            foreach (string value in found.Distinct(StringComparer.Ordinal))
            {
                yield return new CompletionResult(Quote(value), value, CompletionResultType.ParameterValue, value);
            }
        }

        /// <summary>Quotes a value for the command line when it needs quoting; inner single quotes are doubled.</summary>
        internal static string Quote(string value)
        {
            bool plain = value.Length > 0 && value.All(c => char.IsLetterOrDigit(c) || c == '-' || c == '_' || c == '.');
            return plain ? value : "'" + value.Replace("'", "''") + "'";
        }

        private static string Unquote(string word)
        {
            string text = word.Trim();
            if (text.Length > 0 && (text[0] == '\'' || text[0] == '"'))
            {
                text = text.Substring(1);
                if (text.Length > 0 && (text[text.Length - 1] == '\'' || text[text.Length - 1] == '"'))
                {
                    text = text.Substring(0, text.Length - 1);
                }
            }

            return text.Replace("''", "'");
        }
    }
}
