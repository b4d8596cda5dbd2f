using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Newtonsoft.Json.Linq;

namespace GradientMsp.Commands
{
    /// <summary>
    /// Turns a raw JSON field dictionary (an undocumented shape, such as Get Clients' elements) into
    /// a PSObject of note properties, so no Newtonsoft type reaches the pipeline (style rule 12).
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
                case JValue jValue:
                    return jValue.Value;
                case JObject jObject:
                    return ToPSObject(jObject.Properties().Select(p => new KeyValuePair<string, object?>(p.Name, p.Value)));
                case JArray jArray:
                    return jArray.Select(item => Plain(item)).ToArray();
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
