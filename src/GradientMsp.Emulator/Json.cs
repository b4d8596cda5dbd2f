using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace GradientMsp.Emulator
{
    /// <summary>A response the HTTP layer writes as JSON: status code plus body.</summary>
    internal readonly struct ApiResult
    {
        public ApiResult(int status, object? body, string? retryAfter = null)
        {
            Status = status;
            Body = body;
            RetryAfter = retryAfter;
        }

        public int Status { get; }
        public object? Body { get; }
        public string? RetryAfter { get; }

        public static ApiResult Error(int status, string message, string? error = null) =>
            new ApiResult(status, new ErrorBody(status, message, error));

        public static ApiResult BadRequest(string message) => Error(400, message, "Bad Request");
        public static ApiResult NotFound(string message) => Error(404, message);
        public static ApiResult Conflict(string message) => Error(409, message, "Conflict");
        public static ApiResult Unauthorized() => Error(401, "Unauthorized");
    }

    /// <summary>A constant response body serialized once (the hot count path answers the same bytes every time).</summary>
    internal sealed class PreSerialized
    {
        public PreSerialized(object body, JsonSerializerOptions options) => Utf8 = JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), options);
        public ReadOnlyMemory<byte> Utf8 { get; }
    }

    /// <summary>NestJS-style error body: {statusCode, message, error?}.</summary>
    internal sealed class ErrorBody
    {
        public ErrorBody(int statusCode, string message, string? error)
        {
            StatusCode = statusCode;
            Message = message;
            Error = error;
        }

        [JsonPropertyName("statusCode")] public int StatusCode { get; }
        [JsonPropertyName("message")] public string Message { get; }
        [JsonPropertyName("error")] public string? Error { get; }
    }

    internal static class JsonSetup
    {
        /// <summary>Vendor API: names come from [JsonPropertyName]; absent (null) fields are left out.</summary>
        public static readonly JsonSerializerOptions Api = new JsonSerializerOptions
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            PropertyNamingPolicy = null,
        };

        /// <summary>Control API: camelCase, nulls written so callers see "no value" explicitly.</summary>
        public static readonly JsonSerializerOptions Control = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        };

        public static readonly JsonSerializerOptions StateFile = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            WriteIndented = true,
        };

        public static string Iso(DateTimeOffset t) =>
            t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

        public static string? Iso(DateTimeOffset? t) => t.HasValue ? Iso(t.Value) : null;
    }

    /// <summary>Small helpers to validate JSON request bodies field by field.</summary>
    internal static class Body
    {
        /// <summary>Reads an optional string; a present non-string value is an error.</summary>
        public static bool OptString(JsonObject o, string name, List<string> errors, out string? value)
        {
            value = null;
            if (!o.TryGetPropertyValue(name, out JsonNode? node) || node == null) return false;
            if (node is JsonValue v && v.TryGetValue(out string? s))
            {
                value = s;
                return true;
            }
            errors.Add($"{name} must be a string");
            return false;
        }

        /// <summary>An update field as generated clients send it: "" stands for "not given".</summary>
        public static string? Unset(string? value) => string.IsNullOrEmpty(value) ? null : value;

        public static string? ReqString(JsonObject o, string name, List<string> errors, bool allowEmpty = false)
        {
            if (!o.TryGetPropertyValue(name, out JsonNode? node) || node == null)
            {
                errors.Add($"{name} should not be empty");
                return null;
            }
            if (node is JsonValue v && v.TryGetValue(out string? s))
            {
                if (!allowEmpty && s.Length == 0)
                {
                    errors.Add($"{name} should not be empty");
                    return null;
                }
                return s;
            }
            errors.Add($"{name} must be a string");
            return null;
        }

        public static bool OptBool(JsonObject o, string name, List<string> errors, out bool value)
        {
            value = false;
            if (!o.TryGetPropertyValue(name, out JsonNode? node) || node == null) return false;
            if (node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
            {
                value = v.GetValue<bool>();
                return true;
            }
            errors.Add($"{name} must be a boolean value");
            return false;
        }

        /// <summary>A JSON number (not a numeric string), as decimal.</summary>
        public static bool TryNumber(JsonNode? node, out decimal value)
        {
            value = 0;
            if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number)
            {
                try
                {
                    value = v.GetValue<JsonElement>().GetDecimal();
                    return true;
                }
                catch (Exception e) when (e is FormatException or InvalidOperationException or OverflowException)
                {
                    // fall through: number outside decimal range
                }
                if (v.TryGetValue(out decimal d)) { value = d; return true; }
                return false;
            }
            return false;
        }

        /// <summary>Object or array of objects → list of objects (the union the sources document).</summary>
        public static List<JsonObject>? ObjectOrArray(JsonNode? body, out string? error)
        {
            error = null;
            var list = new List<JsonObject>();
            switch (body)
            {
                case JsonObject o:
                    list.Add(o);
                    return list;
                case JsonArray a:
                    foreach (JsonNode? item in a)
                    {
                        if (item is JsonObject io) list.Add(io);
                        else
                        {
                            error = "each value in the body must be an object";
                            return null;
                        }
                    }
                    if (list.Count == 0)
                    {
                        error = "body should not be empty";
                        return null;
                    }
                    return list;
                default:
                    error = "body must be an object or an array of objects";
                    return null;
            }
        }
    }
}
