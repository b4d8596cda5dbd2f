using System.Collections.Generic;
using System.Text.Json.Nodes;
using GradientMsp.Emulator.Domain;

namespace GradientMsp.Emulator
{
    /// <summary>JSON bodies of the control API → typed domain inputs. Input errors carry the wire's messages.</summary>
    internal static class ControlInputs
    {
        public static readonly DomainError NotAnObject = DomainError.Invalid("body must be an object");

        /// <summary>Body: {name?, organizationId?, partnerKey?, connect? (default true), seedPsa? (default false), psa?}.</summary>
        public static Result<NewPartnerInput> NewPartner(JsonNode? body)
        {
            JsonObject o = body as JsonObject ?? new JsonObject();
            var errors = new List<string>();
            var input = new NewPartnerInput();
            Body.OptString(o, "name", errors, out input.Name);
            Body.OptString(o, "organizationId", errors, out input.OrganizationId);
            Body.OptString(o, "partnerKey", errors, out input.PartnerKey);
            input.Connect = !Body.OptBool(o, "connect", errors, out bool c) || c;
            Body.OptBool(o, "seedPsa", errors, out input.SeedPsa);
            string? key = input.PartnerKey;
            if (key != null && (key.Length == 0 || key.Contains(':'))) errors.Add("partnerKey must be non-empty and contain no ':'");
            if (errors.Count > 0) return DomainError.Invalid(string.Join("; ", errors));
            if (o["psa"] is JsonObject psa) input.Psa = Psa(psa);
            return input;
        }

        /// <summary>{clients:[{id?,name}], services:[{id?,name}], contracts:[{clientId|clientName, serviceId|serviceName,
        /// quantity|null, contractName?}]}; quantity null removes a line.</summary>
        public static PsaUpdate Psa(JsonObject o)
        {
            var u = new PsaUpdate();
            if (o["clients"] is JsonArray clients)
                foreach (JsonNode? n in clients) u.Clients.Add(Entry(n, "clients"));
            if (o["services"] is JsonArray services)
                foreach (JsonNode? n in services) u.Services.Add(Entry(n, "services"));
            if (o["contracts"] is JsonArray contracts)
                foreach (JsonNode? n in contracts) u.Contracts.Add(Contract(n));
            return u;
        }

        private static PsaEntryInput Entry(JsonNode? n, string list)
        {
            var e = new PsaEntryInput();
            if (n is not JsonObject eo)
            {
                e.Errors.Add(list + "[] must be objects");
                return e;
            }
            e.Name = Body.ReqString(eo, "name", e.Errors);
            Body.OptString(eo, "id", e.Errors, out e.Id);
            return e;
        }

        private static ContractInput Contract(JsonNode? n)
        {
            var l = new ContractInput();
            if (n is not JsonObject lo)
            {
                l.Errors.Add("contracts[] must be objects");
                l.Skip = true;
                return l;
            }
            Body.OptString(lo, "clientId", l.Errors, out l.ClientId);
            Body.OptString(lo, "clientName", l.Errors, out l.ClientName);
            Body.OptString(lo, "serviceId", l.Errors, out l.ServiceId);
            Body.OptString(lo, "serviceName", l.Errors, out l.ServiceName);
            Body.OptString(lo, "contractName", l.Errors, out l.ContractName);
            JsonNode? q = lo["quantity"];
            if (q == null) l.Remove = true;
            else if (!Body.TryNumber(q, out l.Quantity) || l.Quantity < 0) l.QuantityInvalid = true;
            return l;
        }

        /// <summary>Body {idName} or {nameName}; {idName: null} (or neither) unmaps.</summary>
        public static Result<(string? Id, string? Name)> MappingTarget(JsonNode? body, string idName, string nameName)
        {
            if (body is not JsonObject o) return NotAnObject;
            var errors = new List<string>();
            Body.OptString(o, idName, errors, out string? id);
            Body.OptString(o, nameName, errors, out string? name);
            if (errors.Count > 0) return DomainError.Invalid(string.Join("; ", errors));
            return (id, name);
        }

        public static string? PartnerKey(JsonNode? body) =>
            body is JsonObject o && o["partnerKey"] is JsonValue v && v.TryGetValue(out string? k) && k.Length > 0 && !k.Contains(':') ? k : null;
    }
}
