using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using GradientMsp.Emulator.Domain;

namespace GradientMsp.Emulator
{
    /// <summary>The vendor API's organization routes: JSON in, domain call, DTOs and statuses out.</summary>
    internal sealed class OrganizationEndpoints
    {
        private readonly EmulatorState _s;

        public OrganizationEndpoints(EmulatorState s) => _s = s;

        private static ApiResult Bad(List<string> errors) => ApiResult.BadRequest(string.Join("; ", errors));

        public ApiResult GetIntegration(PartnerRecord p) => _s.Locked(() => new ApiResult(200, IntegrationDto(p)));

        public ApiResult UpdateStatus(PartnerRecord p, string status)
        {
            if (!Catalog.StatusSet.Contains(status))
                return ApiResult.BadRequest("status must be one of the following values: " + string.Join(", ", Catalog.Statuses));
            return _s.Locked(() => new ApiResult(200,
                new Envelope(200, IntegrationDto(_s.SetStatus(p, status)), "Success - Updated Integration Status")));
        }

        public ApiResult GetClients(PartnerRecord p, string? search, string? previousId) =>
            _s.Locked(() => ClientsDto(_s.GetClients(p, search, previousId)));

        private static ApiResult ClientsDto(ClientsPage page)
        {
            var dto = new ClientsResponseDto();
            foreach (var c in page.Clients) dto.Clients.Add(new ClientDto { UnderscoreId = c.Id, Id = c.Id, Name = c.Name });
            dto.Meta = new ClientsMetaDto
            {
                Total = page.Total,
                Count = page.Clients.Count,
                PageSize = EmulatorState.ClientsPageSize,
                HasMore = page.HasMore,
                LastId = page.Clients.Count > 0 ? page.Clients[page.Clients.Count - 1].Id : null,
            };
            return new ApiResult(200, dto);
        }

        // ---------- accounts and organization services ----------

        public ApiResult GetAccounts(PartnerRecord p, IReadOnlyCollection<string>? ids, bool returnUnmapped) =>
            _s.Locked(() => new ApiResult(200, _s.GetAccounts(p, ids, returnUnmapped).Select(PropertyDto).ToList()));

        public ApiResult GetOrgServices(PartnerRecord p, IReadOnlyCollection<string>? ids, bool returnUnmapped) =>
            _s.Locked(() => new ApiResult(200, _s.GetOrgServices(p, ids, returnUnmapped).Select(PropertyDto).ToList()));

        public ApiResult CreateAccounts(PartnerRecord p, JsonNode? body)
        {
            if (!ReadCreate(body, descriptionRequired: false, out List<PropertyInput> inputs, out ApiResult bad)) return bad;
            return _s.Locked(() => new ApiResult(201, _s.CreateAccounts(p, inputs).Select(PropertyDto).ToList()));
        }

        public ApiResult CreateOrgServices(PartnerRecord p, JsonNode? body)
        {
            if (!ReadCreate(body, descriptionRequired: true, out List<PropertyInput> inputs, out ApiResult bad)) return bad;
            return _s.Locked(() => Http.Map(_s.CreateOrgServices(p, inputs), l => l.Select(PropertyDto).ToList(), 201));
        }

        public ApiResult UpdateAccount(PartnerRecord p, string accountId, JsonNode? body) =>
            ReadUpdate(body, out PropertyInput? i, out ApiResult bad)
                ? _s.Locked(() => Http.Map(_s.UpdateAccount(p, accountId, i!), PropertyDto))
                : bad;

        public ApiResult UpdateOrgService(PartnerRecord p, string serviceId, JsonNode? body) =>
            ReadUpdate(body, out PropertyInput? i, out ApiResult bad)
                ? _s.Locked(() => Http.Map(_s.UpdateOrgService(p, serviceId, i!), PropertyDto))
                : bad;

        public ApiResult UpdateAccounts(PartnerRecord p, JsonNode? body) =>
            ReadUpdates(body, out List<PropertyInput> inputs, out ApiResult bad)
                ? _s.Locked(() => Http.Map(_s.UpdateAccounts(p, inputs), l => l.Select(PropertyDto).ToList()))
                : bad;

        public ApiResult UpdateOrgServices(PartnerRecord p, JsonNode? body) =>
            ReadUpdates(body, out List<PropertyInput> inputs, out ApiResult bad)
                ? _s.Locked(() => Http.Map(_s.UpdateOrgServices(p, inputs), l => l.Select(PropertyDto).ToList()))
                : bad;

        // ---------- parsing ----------

        private static bool ReadCreate(JsonNode? body, bool descriptionRequired, out List<PropertyInput> inputs, out ApiResult bad) =>
            ReadItems(body, out inputs, out bad, (o, errors) => ReadProperty(o, create: true, descriptionRequired, errors));

        private static bool ReadUpdate(JsonNode? body, out PropertyInput? input, out ApiResult bad)
        {
            input = null;
            bad = default;
            if (body is not JsonObject o)
            {
                bad = ApiResult.BadRequest("body must be an object");
                return false;
            }
            var errors = new List<string>();
            input = ReadProperty(o, create: false, descriptionRequired: false, errors);
            if (input == null) bad = Bad(errors);
            return input != null;
        }

        /// <summary>The bulk form: every item needs the id that selects it.</summary>
        private static bool ReadUpdates(JsonNode? body, out List<PropertyInput> inputs, out ApiResult bad) =>
            ReadItems(body, out inputs, out bad, (o, errors) =>
            {
                PropertyInput? i = ReadProperty(o, create: false, descriptionRequired: false, errors);
                if (i != null && i.Id == null)
                {
                    errors.Add("id should not be empty");
                    return null;
                }
                return i;
            });

        /// <summary>A body of one object or an array of them; <paramref name="read"/> returns null for an item it rejects.</summary>
        private static bool ReadItems(JsonNode? body, out List<PropertyInput> inputs, out ApiResult bad,
            Func<JsonObject, List<string>, PropertyInput?> read)
        {
            inputs = new List<PropertyInput>();
            bad = default;
            List<JsonObject>? items = Body.ObjectOrArray(body, out string? err);
            if (items == null)
            {
                bad = ApiResult.BadRequest(err!);
                return false;
            }
            var errors = new List<string>();
            foreach (JsonObject o in items)
                if (read(o, errors) is PropertyInput i) inputs.Add(i);
            if (errors.Count > 0) bad = Bad(errors);
            return errors.Count == 0;
        }

        /// <summary>Null once <paramref name="errors"/> holds any error (the list is shared across a body's items).</summary>
        private static PropertyInput? ReadProperty(JsonObject o, bool create, bool descriptionRequired, List<string> errors)
        {
            var input = new PropertyInput();
            if (create)
            {
                input.Id = Body.ReqString(o, "id", errors);
                input.Name = Body.ReqString(o, "name", errors);
                if (descriptionRequired) input.Description = Body.ReqString(o, "description", errors, allowEmpty: true);
                else Body.OptString(o, "description", errors, out input.Description);
            }
            else
            {
                // Generated clients (Gradient's PSGradient SDK) send "" for every field left unset, so in an
                // update an empty string means "unchanged" (docs/emulator-fidelity.md, "Empty strings in updates").
                input.Id = Body.Unset(Body.OptString(o, "id", errors, out string? id) ? id : null);
                input.Name = Body.Unset(Body.OptString(o, "name", errors, out string? name) ? name : null);
                input.Description = Body.Unset(Body.OptString(o, "description", errors, out string? description) ? description : null);
                if (Body.OptBool(o, "isActive", errors, out bool active)) input.IsActive = active;
            }
            if (Body.OptBool(o, "isArrears", errors, out bool arrears)) input.IsArrears = arrears;
            return errors.Count > 0 ? null : input;
        }

        // ---------- views ----------

        private IntegrationDataDto IntegrationDto(PartnerRecord p)
        {
            VendorRecord v = _s.Vendor;
            return new IntegrationDataDto
            {
                OrganizationId = p.OrganizationId,
                Name = p.Name,
                VendorId = v.Id,
                VendorName = v.Name,
                IntegrationId = p.IntegrationId,
                Status = p.Status,
                LastSyncedAt = JsonSetup.Iso(p.LastSyncedAt) ?? EmulatorState.NeverSynced,
            };
        }

        internal static MappingPropertyDto PropertyDto(MappingPropertyRecord r) => new MappingPropertyDto
        {
            Id = r.Id,
            Name = r.Name,
            Description = r.Description,
            IsMapped = r.Mapping != null,
            MappingId = r.Mapping?.MappingId,
        };
    }
}
