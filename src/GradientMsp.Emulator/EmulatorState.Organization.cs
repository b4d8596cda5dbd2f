using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using GradientMsp.Emulator.Domain;

namespace GradientMsp.Emulator
{
    /// <summary>The vendor API's organization routes (docs/gradient-api.md §2, P scope): integration, clients, accounts, organization services.</summary>
    internal sealed partial class EmulatorState
    {
        // ---------- organization (P scope) ----------

        private IntegrationDataDto IntegrationDto(PartnerRecord p) => new IntegrationDataDto
        {
            OrganizationId = p.OrganizationId,
            Name = p.Name,
            VendorId = _doc.Vendor.Id,
            VendorName = _doc.Vendor.Name,
            IntegrationId = p.IntegrationId,
            Status = p.Status,
            LastSyncedAt = JsonSetup.Iso(p.LastSyncedAt) ?? NeverSynced,
        };

        public ApiResult GetIntegration(PartnerRecord p)
        {
            lock (_gate) return new ApiResult(200, IntegrationDto(p));
        }

        public ApiResult UpdateStatus(PartnerRecord p, string status)
        {
            if (!Catalog.StatusSet.Contains(status))
                return ApiResult.BadRequest("status must be one of the following values: " + string.Join(", ", Catalog.Statuses));
            lock (_gate)
            {
                p.Status = status;
                Touch();
                return new ApiResult(200, new Envelope(200, IntegrationDto(p), "Success - Updated Integration Status"));
            }
        }

        public const int ClientsPageSize = 50;

        public ApiResult GetClients(PartnerRecord p, string? search, string? previousId)
        {
            lock (_gate)
            {
                IEnumerable<PsaClient> all = p.PsaClients;
                if (!string.IsNullOrEmpty(search))
                    all = all.Where(c => c.Name.Contains(search, StringComparison.OrdinalIgnoreCase));
                List<PsaClient> list = all.ToList();
                int start = 0;
                if (!string.IsNullOrEmpty(previousId))
                {
                    int at = list.FindIndex(c => c.Id == previousId);
                    start = at >= 0 ? at + 1 : list.Count;
                }
                var page = list.Skip(start).Take(ClientsPageSize).ToList();
                var dto = new ClientsResponseDto();
                foreach (var c in page) dto.Clients.Add(new ClientDto { UnderscoreId = c.Id, Id = c.Id, Name = c.Name });
                dto.Meta = new ClientsMetaDto
                {
                    Total = list.Count,
                    Count = page.Count,
                    PageSize = ClientsPageSize,
                    HasMore = start + page.Count < list.Count,
                    LastId = page.Count > 0 ? page[page.Count - 1].Id : null,
                };
                return new ApiResult(200, dto);
            }
        }

        private static MappingPropertyDto PropertyDto(string id, string name, string description, MappingRecord? m) => new MappingPropertyDto
        {
            Id = id,
            Name = name,
            Description = description,
            IsMapped = m != null,
            MappingId = m?.MappingId,
        };

        private static MappingPropertyDto AccountDto(AccountRecord a) => PropertyDto(a.Id, a.Name, a.Description, a.Mapping);
        private static MappingPropertyDto OrgServiceDto(OrgServiceRecord s) => PropertyDto(s.Id, s.Name, s.Description, s.Mapping);

        /// <param name="ids">accountIds filter (null = all).</param>
        /// <param name="returnUnmapped">false = only mapped ones; default true = all.</param>
        public ApiResult GetAccounts(PartnerRecord p, IReadOnlyCollection<string>? ids, bool returnUnmapped)
        {
            lock (_gate)
            {
                var list = new List<MappingPropertyDto>();
                foreach (AccountRecord a in p.Accounts)
                {
                    if (ids != null && !ids.Contains(a.Id)) continue;
                    if (!returnUnmapped && a.Mapping == null) continue;
                    list.Add(AccountDto(a));
                }
                return new ApiResult(200, list);
            }
        }

        private sealed class PropertyInput
        {
            public string? Id;
            public string? Name;
            public string? Description;
            public bool? IsActive;
            public bool? IsArrears;
        }

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
                Body.OptString(o, "id", errors, out input.Id);
                Body.OptString(o, "name", errors, out input.Name);
                Body.OptString(o, "description", errors, out input.Description);
                if (input.Id != null && input.Id.Length == 0) errors.Add("id should not be empty");
                if (input.Name != null && input.Name.Length == 0) errors.Add("name should not be empty");
                if (Body.OptBool(o, "isActive", errors, out bool active)) input.IsActive = active;
            }
            if (Body.OptBool(o, "isArrears", errors, out bool arrears)) input.IsArrears = arrears;
            return errors.Count > 0 ? null : input;
        }

        public ApiResult CreateAccounts(PartnerRecord p, JsonNode? body)
        {
            List<JsonObject>? items = Body.ObjectOrArray(body, out string? err);
            if (items == null) return ApiResult.BadRequest(err!);
            var inputs = new List<PropertyInput>();
            var errors = new List<string>();
            foreach (JsonObject o in items)
            {
                PropertyInput? i = ReadProperty(o, create: true, descriptionRequired: false, errors);
                if (i != null) inputs.Add(i);
            }
            if (errors.Count > 0) return ApiResult.BadRequest(string.Join("; ", errors));
            lock (_gate)
            {
                var seen = new HashSet<string>(StringComparer.Ordinal);
                var order = new List<string>();
                DateTimeOffset now = Now;
                foreach (PropertyInput i in inputs)
                {
                    if (!seen.Add(i.Id!)) continue; // first occurrence in one body wins
                    order.Add(i.Id!);
                    // Undocumented: an existing id is not duplicated; the existing account is answered unchanged.
                    if (p.HasAccount(i.Id!)) continue;
                    var a = new AccountRecord
                    {
                        Id = i.Id!,
                        Name = i.Name!,
                        Description = i.Description ?? "",
                        IsArrears = i.IsArrears ?? false,
                        CreatedAt = now,
                    };
                    p.AddAccount(a);
                }
                AutoMapLocked(p);
                var result = order.Select(id => AccountDto(p.FindAccount(id)!)).ToList();
                Touch();
                return new ApiResult(201, result);
            }
        }

        public ApiResult UpdateAccount(PartnerRecord p, string accountId, JsonNode? body)
            => UpdateOne(p.FindAccount, accountId, body, "account", (a, i) => ApplyAccount(p, a, i), AccountDto);

        public ApiResult UpdateAccounts(PartnerRecord p, JsonNode? body)
            => UpdateMany(p.FindAccount, body, "account", (a, i) => ApplyAccount(p, a, i), AccountDto);

        private static void ApplyAccount(PartnerRecord p, AccountRecord a, PropertyInput i)
        {
            if (i.Id != null) p.RenameAccount(a, i.Id);
            ApplyFields(a, i);
        }

        // ---------- organization services ----------

        public ApiResult GetOrgServices(PartnerRecord p, IReadOnlyCollection<string>? ids, bool returnUnmapped)
        {
            lock (_gate)
            {
                var list = new List<MappingPropertyDto>();
                foreach (OrgServiceRecord s in p.Services)
                {
                    if (ids != null && !ids.Contains(s.Id)) continue;
                    if (!returnUnmapped && s.Mapping == null) continue;
                    list.Add(OrgServiceDto(s));
                }
                return new ApiResult(200, list);
            }
        }

        public ApiResult CreateOrgServices(PartnerRecord p, JsonNode? body)
        {
            List<JsonObject>? items = Body.ObjectOrArray(body, out string? err);
            if (items == null) return ApiResult.BadRequest(err!);
            var inputs = new List<PropertyInput>();
            var errors = new List<string>();
            foreach (JsonObject o in items)
            {
                PropertyInput? i = ReadProperty(o, create: true, descriptionRequired: true, errors);
                if (i != null) inputs.Add(i);
            }
            if (errors.Count > 0) return ApiResult.BadRequest(string.Join("; ", errors));
            lock (_gate)
            {
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (PropertyInput i in inputs)
                    if (!seen.Add(i.Id!) || p.HasService(i.Id!))
                        return ApiResult.Conflict("A resource with this Id already exists.");
                DateTimeOffset now = Now;
                var created = new List<OrgServiceRecord>();
                foreach (PropertyInput i in inputs)
                {
                    var s = new OrgServiceRecord
                    {
                        Id = i.Id!,
                        Name = i.Name!,
                        Description = i.Description ?? "",
                        IsArrears = i.IsArrears ?? false,
                        CreatedAt = now,
                    };
                    p.AddService(s);
                    created.Add(s);
                }
                AutoMapLocked(p);
                Touch();
                return new ApiResult(201, created.Select(OrgServiceDto).ToList());
            }
        }

        public ApiResult UpdateOrgService(PartnerRecord p, string serviceId, JsonNode? body)
            => UpdateOne(p.FindService, serviceId, body, "service", (o, i) => ApplyOrgService(p, o, i), OrgServiceDto);

        public ApiResult UpdateOrgServices(PartnerRecord p, JsonNode? body)
            => UpdateMany(p.FindService, body, "service", (o, i) => ApplyOrgService(p, o, i), OrgServiceDto);

        // Accounts and organization services are updated the same way (PATCH one by id in the path,
        // or PATCH many by id in the body); only the index, the noun and the record type differ.
        private ApiResult UpdateOne<T>(Func<string, T?> find, string id, JsonNode? body, string noun,
            Action<T, PropertyInput> apply, Func<T, MappingPropertyDto> dto) where T : class
        {
            if (body is not JsonObject o) return ApiResult.BadRequest("body must be an object");
            var errors = new List<string>();
            PropertyInput? input = ReadProperty(o, create: false, descriptionRequired: false, errors);
            if (input == null) return ApiResult.BadRequest(string.Join("; ", errors));
            lock (_gate)
            {
                if (find(id) is not T item) return ApiResult.NotFound($"No {noun} found with id: {id}");
                if (input.Id != null && input.Id != id && find(input.Id) != null)
                    return ApiResult.Conflict("A resource with this Id already exists.");
                apply(item, input);
                Touch();
                return new ApiResult(200, dto(item));
            }
        }

        private ApiResult UpdateMany<T>(Func<string, T?> find, JsonNode? body, string noun,
            Action<T, PropertyInput> apply, Func<T, MappingPropertyDto> dto) where T : class
        {
            List<JsonObject>? items = Body.ObjectOrArray(body, out string? err);
            if (items == null) return ApiResult.BadRequest(err!);
            var errors = new List<string>();
            var inputs = new List<PropertyInput>();
            foreach (JsonObject o in items)
            {
                PropertyInput? i = ReadProperty(o, create: false, descriptionRequired: false, errors);
                if (i == null) continue;
                if (i.Id == null) errors.Add("id should not be empty");
                else inputs.Add(i);
            }
            if (errors.Count > 0) return ApiResult.BadRequest(string.Join("; ", errors));
            lock (_gate)
            {
                foreach (PropertyInput i in inputs)
                    if (find(i.Id!) == null) return ApiResult.NotFound($"No {noun} found with id: {i.Id}");
                var result = new List<MappingPropertyDto>();
                foreach (PropertyInput i in inputs)
                {
                    T item = find(i.Id!)!;
                    i.Id = null; // in the bulk form the id selects the item
                    apply(item, i);
                    result.Add(dto(item));
                }
                Touch();
                return new ApiResult(200, result);
            }
        }

        private static void ApplyOrgService(PartnerRecord p, OrgServiceRecord s, PropertyInput i)
        {
            if (i.Id != null) p.RenameService(s, i.Id);
            ApplyFields(s, i);
        }

        /// <summary>The fields an update may change besides the id (renaming moves index entries, per kind).</summary>
        private static void ApplyFields(MappingPropertyRecord r, PropertyInput i)
        {
            if (i.Name != null) r.Name = i.Name;
            if (i.Description != null) r.Description = i.Description;
            if (i.IsActive.HasValue) r.IsActive = i.IsActive.Value;
            if (i.IsArrears.HasValue) r.IsArrears = i.IsArrears.Value;
        }
    }
}
