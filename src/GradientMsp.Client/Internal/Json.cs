using System;
using System.Globalization;
using System.IO;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace GradientMsp.Client.Internal
{
    /// <summary>JSON settings and the envelope rules of the API (§2.2 of the wire contract).</summary>
    internal static class Json
    {
        private static readonly JsonSerializerSettings Settings = new JsonSerializerSettings
        {
            DateParseHandling = DateParseHandling.None,
            FloatParseHandling = FloatParseHandling.Decimal,
            NullValueHandling = NullValueHandling.Include,
            Culture = CultureInfo.InvariantCulture,
            MissingMemberHandling = MissingMemberHandling.Ignore,
            DateFormatHandling = DateFormatHandling.IsoDateFormat,
            DateTimeZoneHandling = DateTimeZoneHandling.RoundtripKind,
        };

        public static readonly JsonSerializer Serializer = JsonSerializer.Create(Settings);

        public static string Serialize(object value) => JsonConvert.SerializeObject(value, Formatting.None, Settings);

        /// <summary>Parses a body; null for an empty body. Throws <see cref="JsonException"/> when it is not JSON.</summary>
        public static JToken? Parse(string? text)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            using (var reader = new JsonTextReader(new StringReader(text!)))
            {
                reader.DateParseHandling = DateParseHandling.None;
                reader.FloatParseHandling = FloatParseHandling.Decimal;
                var token = JToken.ReadFrom(reader);
                // Reject trailing garbage such as "{}x".
                while (reader.Read())
                {
                    if (reader.TokenType != JsonToken.Comment)
                        throw new JsonReaderException("Unexpected content after the JSON value.");
                }
                return token;
            }
        }

        /// <summary>
        /// Unwraps <c>{status, data, message}</c> (or any object whose "data" is an object or array: none of
        /// the models has a "data" field) to its data; returns anything else as it is, so bare and
        /// enveloped answers read the same.
        /// </summary>
        public static JToken? Unwrap(JToken? token)
        {
            if (token is JObject obj && obj.TryGetValue("data", StringComparison.Ordinal, out var data)
                && (data.Type == JTokenType.Object || data.Type == JTokenType.Array))
                return data;
            return token;
        }

        public static T To<T>(JToken token) => token.ToObject<T>(Serializer)!;

        /// <summary>
        /// A JSON value as plain .NET values (string, bool, long, decimal, null, object?[] and
        /// Dictionary&lt;string, object?&gt;). Anything that leaves the client in an undocumented shape goes
        /// through this: the cmdlets live outside the client's load context and must never see a
        /// Newtonsoft type (docs/assembly-loading.md).
        /// </summary>
        public static object? ToPlain(object? value)
        {
            switch (value)
            {
                case JValue scalar:
                    return scalar.Value;
                case JObject obj:
                    var fields = new System.Collections.Generic.Dictionary<string, object?>(StringComparer.Ordinal);
                    foreach (JProperty property in obj.Properties()) fields[property.Name] = ToPlain(property.Value);
                    return fields;
                case JArray array:
                    var items = new object?[array.Count];
                    for (int i = 0; i < items.Length; i++) items[i] = ToPlain(array[i]);
                    return items;
                case JToken other:
                    return other.ToString(Formatting.None);
                default:
                    return value;
            }
        }

        /// <summary>Every value of <paramref name="fields"/> made plain, in place (see <see cref="ToPlain"/>).</summary>
        public static void MakePlain(System.Collections.Generic.Dictionary<string, object?>? fields)
        {
            if (fields == null) return;
            foreach (string key in new System.Collections.Generic.List<string>(fields.Keys)) fields[key] = ToPlain(fields[key]);
        }

        /// <summary>The "message" of an error body: a string, or an array of strings joined with "; ".</summary>
        public static string? MessageOf(JToken? token)
        {
            if (!(token is JObject obj) || !obj.TryGetValue("message", StringComparison.Ordinal, out var message)) return null;
            switch (message.Type)
            {
                case JTokenType.String:
                    return (string?)message;
                case JTokenType.Array:
                    var parts = new System.Collections.Generic.List<string>();
                    foreach (var item in message)
                    {
                        if (item.Type == JTokenType.Null) continue;
                        parts.Add(item.Type == JTokenType.String ? (string)item! : item.ToString(Formatting.None));
                    }
                    return parts.Count == 0 ? null : string.Join("; ", parts);
                case JTokenType.Null:
                    return null;
                default:
                    return message.ToString(Formatting.None);
            }
        }
    }
}
