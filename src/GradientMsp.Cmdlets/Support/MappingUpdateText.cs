using System.Collections.Generic;
using GradientMsp.Client.Models;

namespace GradientMsp.Commands
{
    /// <summary>Text for ShouldProcess and errors about a mapping-property update.</summary>
    internal static class MappingUpdateText
    {
        /// <summary>What the update changes, or null when it changes nothing.</summary>
        public static string? Describe(MappingPropertyUpdate update)
        {
            var parts = new List<string>();
            if (update.Id != null) parts.Add($"id -> '{update.Id}'");
            if (update.Name != null) parts.Add($"name -> '{update.Name}'");
            if (update.Description != null) parts.Add("description");
            if (update.IsActive != null) parts.Add($"isActive -> {update.IsActive.Value.ToString().ToLowerInvariant()}");
            if (update.IsArrears != null) parts.Add($"isArrears -> {update.IsArrears.Value.ToString().ToLowerInvariant()}");
            return parts.Count == 0 ? null : string.Join(", ", parts);
        }
    }
}
