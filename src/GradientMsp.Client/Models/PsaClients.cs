using System.Collections.Generic;
using Newtonsoft.Json;

namespace GradientMsp.Client.Models
{
    /// <summary>GET /organization/clients (deprecated upstream): one page of the partner's PSA clients (not HTTP clients).</summary>
    public sealed class GradientPsaClientPage
    {
        [JsonProperty("meta")] public Dictionary<string, object?>? Meta { get; set; }
        /// <summary>
        /// Element shape is undocumented, so each PSA client is kept as its raw fields, as plain values
        /// (nested objects are dictionaries, arrays are object arrays).
        /// </summary>
        [JsonProperty("clients")] public List<Dictionary<string, object?>> Clients { get; set; } = new List<Dictionary<string, object?>>();
    }
}
