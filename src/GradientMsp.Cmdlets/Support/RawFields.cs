using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace GradientMsp.Commands
{
    /// <summary>
    /// Turns a raw field dictionary (an undocumented shape, such as Get Clients' elements, already made
    /// plain by the client) into a PSObject of note properties, nested all the way down.
    /// </summary>
    internal static class RawFields
    {
        public static PSObject ToPSObject(IEnumerable<KeyValuePair<string, object?>> fields)
        {
            var result = new PSObject();
            foreach (KeyValuePair<string, object?> field in fields)
            {
                result.Properties.Add(new PSNoteProperty(field.Key, Plain(field.Value)));
            }

            return result;
        }

        private static object? Plain(object? value)
        {
            switch (value)
            {
                case null:
                    return null;
                case IDictionary<string, object?> dictionary:
                    return ToPSObject(dictionary);
                case string text:
                    return text;
                case IEnumerable sequence:
                    return sequence.Cast<object?>().Select(Plain).ToArray();
                default:
                    return value;
            }
        }
    }
}
