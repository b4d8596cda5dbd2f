using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Net;
using System.Security;
using GradientMsp.Client.Usage;

namespace GradientMsp.Commands
{
    /// <summary>
    /// Reads Sync-GradientUsage's row fields from any piped object (properties, or hashtable keys),
    /// case-insensitively, first name wins. The cmdlet reads them itself rather than through
    /// PowerShell's by-property-name binder, which cost more per row than the push on large syncs.
    /// </summary>
    internal static class UsageRowReader
    {
        public static readonly string[] AccountIdNames = { "AccountId", "Account", "Id" };
        public static readonly string[] ServiceIdNames = { "ServiceId" };
        public static readonly string[] ServiceNameNames = { "ServiceName", "Service", "Sku" };
        public static readonly string[] UnitCountNames = { "UnitCount", "Count", "Quantity", "Units" };
        // The first of these with a non-empty value is the row's partner key.
        private static readonly string[] PartnerKeyNames = { "PartnerApiKey", "PartnerKey" };

        /// <summary>The reason given to a row none of whose fields is a usage field (also how its one error is recognised).</summary>
        public const string NoUsageFieldsPrefix = "None of the row's fields";

        /// <summary>The row's partner key (text or SecureString, as text) if it carries a non-empty one.</summary>
        public static string? PartnerKeyOf(PSObject row)
        {
            foreach (string name in PartnerKeyNames)
            {
                object? value = Field(row, new[] { name });
                string? text = value switch
                {
                    null => null,
                    SecureString secure => new NetworkCredential(string.Empty, secure).Password,
                    _ => AsText(value),
                };
                if (!string.IsNullOrWhiteSpace(text))
                {
                    return text;
                }
            }

            return null;
        }

        /// <summary>
        /// The row as it is handed back on its result: a copy without any partner key field (a
        /// results file must never carry a key, not even as a SecureString, which Export-Clixml writes
        /// reversibly off Windows), with the partner's connection instead, so piping it back reaches
        /// the same partner.
        /// </summary>
        public static PSObject WithoutKey(PSObject row, object connection)
        {
            var copy = new PSObject();
            IEnumerable<KeyValuePair<string, object?>> fields = row.BaseObject is IDictionary dictionary ? Entries(dictionary) : Properties(row);
            foreach (KeyValuePair<string, object?> field in fields)
            {
                if (IsKeyField(field.Key) || string.Equals(field.Key, "Connection", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                copy.Properties.Add(new PSNoteProperty(field.Key, field.Value));
            }

            copy.Properties.Add(new PSNoteProperty("Connection", connection));
            return copy;
        }

        /// <summary>The number a result piped back (or re-imported from a results file) carries; 0 for a fresh row.</summary>
        /// <summary>A result of an earlier run (in memory, or read back from its CSV): it has an Outcome.</summary>
        public static bool IsResult(PSObject row)
            => row.BaseObject is UsageResult || (!(row.BaseObject is IDictionary) && row.Properties["Outcome"] != null);

        public static long IndexOf(PSObject row)
        {
            if (row.BaseObject is UsageResult result)
            {
                return result.Index;
            }

            if (row.BaseObject is IDictionary || row.Properties["Outcome"] == null)
            {
                return 0;
            }

            object? index = Unwrap(row.Properties["Index"]?.Value);
            return index != null && long.TryParse(AsText(index), NumberStyles.Integer, CultureInfo.InvariantCulture, out long number) && number > 0 ? number : 0;
        }

        /// <summary>The row's field names when none of them is a usage field (null when at least one is).</summary>
        public static List<string>? UnknownFields(PSObject row)
        {
            var names = new List<string>();
            IEnumerable<KeyValuePair<string, object?>> fields = row.BaseObject is IDictionary dictionary ? Entries(dictionary) : Properties(row);
            foreach (KeyValuePair<string, object?> field in fields)
            {
                if (Is(field.Key, AccountIdNames) || Is(field.Key, ServiceIdNames) || Is(field.Key, ServiceNameNames) || Is(field.Key, UnitCountNames))
                {
                    return null;
                }

                names.Add(field.Key);
            }

            return names;
        }

        /// <summary>The first of <paramref name="names"/> that the row has, as a property or (for a hashtable) a key.</summary>
        public static object? Field(PSObject row, string[] names)
        {
            if (row.BaseObject is IDictionary dictionary)
            {
                foreach (string name in names)
                {
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        if (entry.Key is string key && string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
                        {
                            return Unwrap(entry.Value);
                        }
                    }
                }

                return null;
            }

            foreach (string name in names)
            {
                PSPropertyInfo? property = row.Properties[name];
                if (property != null)
                {
                    return Unwrap(property.Value);
                }
            }

            return null;
        }

        public static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;

        public static string? AsText(object? value) => value switch
        {
            null => null,
            string text => text,
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };

        private static bool IsKeyField(string name) => Is(name, PartnerKeyNames);

        private static bool Is(string name, string[] names)
        {
            foreach (string candidate in names)
            {
                if (string.Equals(name, candidate, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }

        private static IEnumerable<KeyValuePair<string, object?>> Entries(IDictionary dictionary)
        {
            foreach (DictionaryEntry entry in dictionary)
            {
                yield return new KeyValuePair<string, object?>(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty, entry.Value);
            }
        }

        private static IEnumerable<KeyValuePair<string, object?>> Properties(PSObject row)
        {
            foreach (PSPropertyInfo property in row.Properties)
            {
                object? value;
                try
                {
                    value = property.Value;
                }
                catch (GetValueException)
                {
                    continue;
                }

                yield return new KeyValuePair<string, object?>(property.Name, value);
            }
        }
    }
}
