using System;
using System.Collections.Generic;
using GradientMsp.Contracts;

namespace GradientMsp.Emulator
{
    /// <summary>The case-sensitive enums of the reference (§2.3 (3), §3).</summary>
    internal static class Catalog
    {
        // The service enums are part of the wire contract: one list, shared with the client.
        public static IReadOnlyList<string> Categories => ServiceCatalog.Categories;

        public static IReadOnlyList<string> Subcategories => ServiceCatalog.Subcategories;

        /// <summary>The union of every documented status value (current: inactive/active/pending; older: disabled/error).</summary>
        public static readonly string[] Statuses = { "active", "inactive", "pending", "disabled", "error" };

        /// <summary>Values only older docs and SDK master list.</summary>
        public static readonly string[] LegacyStatuses = { "disabled", "error" };

        public static readonly HashSet<string> CategorySet = new HashSet<string>(Categories, StringComparer.Ordinal);
        public static readonly HashSet<string> SubcategorySet = new HashSet<string>(Subcategories, StringComparer.Ordinal);
        public static readonly HashSet<string> StatusSet = new HashSet<string>(Statuses, StringComparer.Ordinal);

        public static string PriorityName(int p) => p switch
        {
            1 => "low",
            2 => "medium",
            3 => "high",
            4 => "very_high",
            _ => "unknown",
        };
    }
}
