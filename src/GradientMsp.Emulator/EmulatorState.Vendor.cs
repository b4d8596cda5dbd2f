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
    }
}
