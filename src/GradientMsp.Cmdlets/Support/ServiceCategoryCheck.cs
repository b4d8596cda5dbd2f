using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GradientMsp.Client.Models;

namespace GradientMsp.Commands
{
    /// <summary>
    /// Checks -Category/-Subcategory against Gradient's lists. Gradient compares them case
    /// sensitively (SDK commit d9d8f7f), so a value that differs only by case is refused with the
    /// right spelling in the message, rather than silently corrected: the script is then fixed once.
    /// </summary>
    internal static class ServiceCategoryCheck
    {
        /// <summary>Returns an InvalidCategory error for a value Gradient would reject, or null when it is fine (or not given).</summary>
        public static ErrorRecord? Check(string? value, bool subcategory)
        {
            if (value == null)
            {
                return null;
            }

            IReadOnlyList<string> allowed = subcategory ? ServiceCategories.Subcategories : ServiceCategories.Categories;
            if (allowed.Contains(value, StringComparer.Ordinal))
            {
                return null;
            }

            string kind = subcategory ? "subcategory" : "category";
            string parameter = subcategory ? "Subcategory" : "Category";
            string? spelled = allowed.FirstOrDefault(a => string.Equals(a, value.Trim(), StringComparison.OrdinalIgnoreCase));
            if (spelled != null)
            {
                return ErrorRecordFactory.InvalidArgument(ErrorIds.InvalidCategory, value,
                    $"The {kind} '{value}' is not spelled the way Gradient spells it: use '{spelled}'. Gradient compares service {kind} values case-sensitively.",
                    $"Use -{parameter} '{spelled}'.");
            }

            return ErrorRecordFactory.InvalidArgument(ErrorIds.InvalidCategory, value,
                $"'{value}' is not a Gradient service {kind}.",
                $"Use one of (Tab completes them): {string.Join(", ", allowed.Select(a => "'" + a + "'"))}.");
        }
    }
}
