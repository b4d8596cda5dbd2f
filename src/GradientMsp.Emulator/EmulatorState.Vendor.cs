using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using GradientMsp.Emulator.Domain;

namespace GradientMsp.Emulator
{
    /// <summary>The vendor API operations (docs/gradient-api.md §2). Each returns status + body.</summary>
    internal sealed partial class EmulatorState
    {
        // ---------- vendor (V scope) ----------

        private VendorDataDto VendorDto(Func<SkuRecord, bool>? filter = null)
        {
            VendorRecord v = _doc.Vendor;
            var dto = new VendorDataDto
            {
                UnderscoreId = v.Id,
                Id = v.Id,
                Name = v.Name,
                Description = v.Description,
                IntegrationType = v.IntegrationType,
                ImageUri = v.ImageUri,
                IsDistributor = v.IsDistributor,
                IntegrationPortalUrl = v.IntegrationPortalUrl,
                VendorSupportPageUrl = v.VendorSupportPageUrl,
                ExternalIntegrationStatus = v.ExternalIntegrationStatus,
                OrganizationId = v.OrganizationId,
                CreatedAt = JsonSetup.Iso(v.CreatedAt),
                UpdatedAt = JsonSetup.Iso(v.UpdatedAt),
            };
            foreach (SkuRecord s in v.Skus)
                if (filter == null || filter(s)) dto.Skus.Add(SkuDto(s));
            return dto;
        }

        private static SkuDto SkuDto(SkuRecord s) => new SkuDto
        {
            UnderscoreId = s.Id,
            Id = s.Id,
            Name = s.Name,
            Description = s.Description,
            Logo = s.Logo,
            Category = s.Category,
            Subcategory = s.Subcategory,
            SupportArticle = s.SupportArticle,
            SupportContact = s.SupportContact,
        };

        public ApiResult GetVendor()
        {
            lock (_gate) return new ApiResult(200, new Envelope(200, VendorDto(), "Success - Retrieved Vendor"));
        }

        public ApiResult UpdateVendor(JsonNode? body)
        {
            if (body is not JsonObject o) return ApiResult.BadRequest("body must be an object");
            var errors = new List<string>();
            bool any = false;
            any |= Body.OptString(o, "name", errors, out string? name);
            any |= Body.OptString(o, "description", errors, out string? description);
            any |= Body.OptString(o, "vendorSupportPageUrl", errors, out string? support);
            any |= Body.OptString(o, "integrationPortalUrl", errors, out string? portal);
            if (errors.Count > 0) return ApiResult.BadRequest(string.Join("; ", errors));
            if (!any) return ApiResult.BadRequest("Must provide at least one property value for updating");
            if (name != null && name.Length == 0) return ApiResult.BadRequest("name should not be empty");
            lock (_gate)
            {
                VendorRecord v = _doc.Vendor;
                if (name != null) v.Name = name;
                if (description != null) v.Description = description;
                if (support != null) v.VendorSupportPageUrl = support;
                if (portal != null) v.IntegrationPortalUrl = portal;
                v.UpdatedAt = Now;
                Touch();
                return new ApiResult(200, new Envelope(200, VendorDto(), "Success - Updated Vendor"));
            }
        }

        private static string? ValidateCategory(string? category, string? subcategory, List<string> errors)
        {
            if (category != null && !Catalog.CategorySet.Contains(category))
                errors.Add("category must be one of the following values: " + string.Join(", ", Catalog.Categories));
            if (subcategory != null && !Catalog.SubcategorySet.Contains(subcategory))
                errors.Add("subcategory must be one of the following values: " + string.Join(", ", Catalog.Subcategories));
            return null;
        }

        public ApiResult CreateService(JsonNode? body)
        {
            if (body is not JsonObject o) return ApiResult.BadRequest("body must be an object");
            var errors = new List<string>();
            string? name = Body.ReqString(o, "name", errors);
            string? description = Body.ReqString(o, "description", errors, allowEmpty: true);
            string? category = Body.ReqString(o, "category", errors);
            string? subcategory = Body.ReqString(o, "subcategory", errors);
            Body.OptString(o, "supportArticle", errors, out string? article);
            Body.OptString(o, "supportContact", errors, out string? contact);
            Body.OptString(o, "logo", errors, out string? logo);
            ValidateCategory(category, subcategory, errors);
            if (errors.Count > 0) return ApiResult.BadRequest(string.Join("; ", errors));
            lock (_gate)
            {
                var sku = new SkuRecord
                {
                    Id = NewObjectId(),
                    Name = name!,
                    Description = description!,
                    Category = category!,
                    Subcategory = subcategory!,
                    SupportArticle = article,
                    SupportContact = contact,
                    Logo = logo,
                    CreatedAt = Now,
                };
                _doc.Vendor.Skus.Add(sku);
                _skuIndex[sku.Id] = sku;
                _doc.Vendor.UpdatedAt = Now;
                foreach (var p in _doc.Partners) AutoMapLocked(p);
                Touch();
                // The SDK types this response as a bare VendorData and CIPP reads .skus from it directly.
                return new ApiResult(201, VendorDto());
            }
        }

        public ApiResult GetService(string serviceId)
        {
            lock (_gate)
            {
                if (!_skuIndex.ContainsKey(serviceId)) return ApiResult.NotFound($"No service found with id: {serviceId}");
                return new ApiResult(200, new Envelope(200, VendorDto(s => s.Id == serviceId), "Success - Retrieved Vendor Service"));
            }
        }

        /// <summary>The SDK sends no body; PY sends form fields. Any of the create fields may be given.</summary>
        public ApiResult UpdateService(string serviceId, JsonNode? body)
        {
            var errors = new List<string>();
            string? name = null, description = null, category = null, subcategory = null, article = null, contact = null;
            if (body != null)
            {
                if (body is not JsonObject o) return ApiResult.BadRequest("body must be an object");
                Body.OptString(o, "name", errors, out name);
                Body.OptString(o, "description", errors, out description);
                Body.OptString(o, "category", errors, out category);
                Body.OptString(o, "subcategory", errors, out subcategory);
                Body.OptString(o, "supportArticle", errors, out article);
                Body.OptString(o, "supportContact", errors, out contact);
                ValidateCategory(category, subcategory, errors);
                if (name != null && name.Length == 0) errors.Add("name should not be empty");
            }
            lock (_gate)
            {
                if (!_skuIndex.TryGetValue(serviceId, out SkuRecord? sku)) return ApiResult.NotFound($"No service found with id: {serviceId}");
                if (errors.Count > 0) return ApiResult.BadRequest(string.Join("; ", errors));
                if (name != null) sku.Name = name;
                if (description != null) sku.Description = description;
                if (category != null) sku.Category = category;
                if (subcategory != null) sku.Subcategory = subcategory;
                if (article != null) sku.SupportArticle = article;
                if (contact != null) sku.SupportContact = contact;
                _doc.Vendor.UpdatedAt = Now;
                Touch();
                return new ApiResult(200, new Envelope(200, VendorDto(s => s.Id == serviceId), "Success - Updated Vendor Service"));
            }
        }

        // ---------- usage (P scope) ----------

        private static readonly ApiResult InvalidIdType = ApiResult.BadRequest("You have provided an invalid Id type");

        public ApiResult SetCount(PartnerRecord p, string serviceId, JsonNode? body, bool noBuild)
        {
            if (body is not JsonObject o) return ApiResult.BadRequest("body must be an object");
            string? accountId = null, clientOId = null;
            if (o.TryGetPropertyValue("accountId", out JsonNode? an) && an != null)
            {
                if (an is JsonValue av && av.TryGetValue(out string? s) && s.Length > 0) accountId = s;
                else return InvalidIdType;
            }
            foreach (string key in new[] { "clientOId", "clientOid" })
            {
                if (o.TryGetPropertyValue(key, out JsonNode? cn) && cn != null)
                {
                    if (cn is JsonValue cv && cv.TryGetValue(out string? s) && s.Length > 0) clientOId = s;
                    else return InvalidIdType;
                }
            }
            if (accountId == null && clientOId == null) return InvalidIdType;
            if (!o.TryGetPropertyValue("unitCount", out JsonNode? un) || un == null)
                return ApiResult.BadRequest("unitCount should not be empty");
            if (!Body.TryNumber(un, out decimal unitCount))
                return ApiResult.BadRequest("unitCount must be a number conforming to the specified constraints");
            if (unitCount < 0) return ApiResult.BadRequest("unitCount must not be less than 0");

            lock (_gate)
            {
                if (p.PartnerKey == null) return ApiResult.Unauthorized();
                AccountRecord? account = null;
                if (accountId != null) account = p.FindAccount(accountId);
                else
                {
                    // Deprecated clientOId = a PSA client id: the count goes to the account mapped to it.
                    account = p.FindAccountMappedTo(clientOId!);
                }
                string shownId = accountId ?? clientOId!;
                if (account == null || account.Mapping == null) return NoAccountMap(shownId);
                string kind;
                if (_skuIndex.ContainsKey(serviceId))
                {
                    kind = "sku";
                    if (p.FindSkuMapping(serviceId)?.Mapping == null) return NoAccountMap(shownId);
                }
                else if (p.FindService(serviceId) is OrgServiceRecord os)
                {
                    kind = "org";
                    if (os.Mapping == null) return NoAccountMap(shownId);
                }
                else return NoAccountMap(shownId);

                p.RecordCount(account.Id, serviceId, kind, unitCount, noBuild, Now);
                Touch();
                return new ApiResult(201, CountCreated);
            }
        }

        private static readonly PreSerialized CountCreated =
            new PreSerialized(new ResponseDto(201, "Success - Created service unit count"), JsonSetup.Api);

        private static ApiResult NoAccountMap(string id) => ApiResult.NotFound($"No account map found with id: {id}");

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

        // ---------- alerting ----------

        public ApiResult CreateAlert(PartnerRecord p, string accountId, JsonNode? body)
        {
            if (body is not JsonObject o) return ApiResult.BadRequest("body must be an object");
            var errors = new List<string>();
            string? title = Body.ReqString(o, "title", errors);
            string? description = Body.ReqString(o, "description", errors);
            string? alertId = Body.ReqString(o, "alertId", errors);
            int priority = ReqInt(o, "priority", 1, 4, errors);
            int status = ReqInt(o, "status", 1, 6, errors);
            Body.OptString(o, "dueDateTime", errors, out string? due);
            if (due != null && !DateTimeOffset.TryParse(due, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out _))
                errors.Add("dueDateTime must be a valid ISO 8601 date string");
            Body.OptString(o, "serviceId", errors, out string? serviceId);
            if (errors.Count > 0) return ApiResult.BadRequest(string.Join("; ", errors));
            lock (_gate)
            {
                var alert = new AlertRecord
                {
                    MessageId = Guid.NewGuid().ToString(),
                    AlertId = alertId!,
                    CorrelationId = NewObjectId(),
                    AccountId = accountId,
                    Title = title!,
                    Description = description!,
                    Priority = priority,
                    Status = status,
                    DueDateTime = due,
                    ServiceId = serviceId,
                    QueuedAt = Now,
                };
                p.AddAlert(alert);
                Touch();
                return new ApiResult(201, new AlertCreatedDto { MessageId = alert.MessageId, AlertId = alert.AlertId, CorrelationId = alert.CorrelationId });
            }
        }

        private static int ReqInt(JsonObject o, string name, int min, int max, List<string> errors)
        {
            if (!o.TryGetPropertyValue(name, out JsonNode? n) || n == null)
            {
                errors.Add($"{name} should not be empty");
                return 0;
            }
            if (!Body.TryNumber(n, out decimal d) || d != decimal.Truncate(d))
            {
                errors.Add($"{name} must be an integer number");
                return 0;
            }
            if (d < min || d > max)
            {
                errors.Add($"{name} must be between {min} and {max}");
                return 0;
            }
            return (int)d;
        }

        public ApiResult GetAlertDebug(PartnerRecord p, string messageId)
        {
            lock (_gate)
            {
                ProcessAlertsLocked(p, force: false);
                if (p.FindAlert(messageId) is not AlertRecord a)
                    return ApiResult.NotFound($"No alert found with messageId: {messageId}");
                var dto = new RetrieveAlertResponseDto { MessageId = a.MessageId, Status = a.State };
                switch (a.State)
                {
                    case "pending":
                        dto.Message = "Alert is queued for processing";
                        break;
                    case "success":
                        dto.TicketId = a.TicketId;
                        dto.CreatedAt = JsonSetup.Iso(a.ProcessedAt);
                        dto.Message = "Ticket created";
                        break;
                    default:
                        dto.StatusCode = a.StatusCode;
                        dto.Errors = a.Errors;
                        dto.Message = "Failed to create a ticket from the alert";
                        break;
                }
                return new ApiResult(200, dto);
            }
        }
    }
}
