using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using GradientMsp.Emulator.Domain;

namespace GradientMsp.Emulator
{
    /// <summary>The vendor-wide routes and the count: JSON in, domain call, DTO and status out.</summary>
    internal sealed class VendorEndpoints
    {
        private readonly EmulatorState _s;

        public VendorEndpoints(EmulatorState s) => _s = s;

        private static readonly DomainError NotAnObject = DomainError.Invalid("body must be an object");

        private static ApiResult Bad(List<string> errors) => ApiResult.BadRequest(string.Join("; ", errors));

        public ApiResult GetVendor() =>
            _s.Locked(() => new ApiResult(200, new Envelope(200, VendorDto(_s.Vendor), "Success - Retrieved Vendor")));

        public ApiResult UpdateVendor(JsonNode? body)
        {
            if (body is not JsonObject o) return Http.From(NotAnObject);
            var errors = new List<string>();
            var c = new VendorChanges();
            // The SDK's Update-PSVendor sends all four fields, "" for the ones not set: "" = unchanged.
            Body.OptString(o, "name", errors, out c.Name);
            Body.OptString(o, "description", errors, out c.Description);
            Body.OptString(o, "vendorSupportPageUrl", errors, out c.SupportPageUrl);
            Body.OptString(o, "integrationPortalUrl", errors, out c.PortalUrl);
            if (errors.Count > 0) return Bad(errors);
            c.Name = Body.Unset(c.Name);
            c.Description = Body.Unset(c.Description);
            c.SupportPageUrl = Body.Unset(c.SupportPageUrl);
            c.PortalUrl = Body.Unset(c.PortalUrl);
            if (c.Name == null && c.Description == null && c.SupportPageUrl == null && c.PortalUrl == null)
                return ApiResult.BadRequest("Must provide at least one property value for updating");
            return _s.Locked(() => new ApiResult(200, new Envelope(200, VendorDto(_s.UpdateVendor(c)), "Success - Updated Vendor")));
        }

        private static void ValidateCategory(string? category, string? subcategory, List<string> errors)
        {
            if (category != null && !Catalog.CategorySet.Contains(category))
                errors.Add("category must be one of the following values: " + string.Join(", ", Catalog.Categories));
            if (subcategory != null && !Catalog.SubcategorySet.Contains(subcategory))
                errors.Add("subcategory must be one of the following values: " + string.Join(", ", Catalog.Subcategories));
        }

        public ApiResult CreateService(JsonNode? body)
        {
            if (body is not JsonObject o) return Http.From(NotAnObject);
            var errors = new List<string>();
            var i = new SkuInput
            {
                Name = Body.ReqString(o, "name", errors),
                Description = Body.ReqString(o, "description", errors, allowEmpty: true),
                Category = Body.ReqString(o, "category", errors),
                Subcategory = Body.ReqString(o, "subcategory", errors),
            };
            Body.OptString(o, "supportArticle", errors, out i.SupportArticle);
            Body.OptString(o, "supportContact", errors, out i.SupportContact);
            Body.OptString(o, "logo", errors, out i.Logo);
            ValidateCategory(i.Category, i.Subcategory, errors);
            if (errors.Count > 0) return Bad(errors);
            // The SDK types this response as a bare VendorData and CIPP reads .skus from it directly.
            return _s.Locked(() =>
            {
                _s.CreateSku(i);
                return new ApiResult(201, VendorDto(_s.Vendor));
            });
        }

        public ApiResult GetService(string serviceId) => _s.Locked(() => Http.Map(_s.FindSku(serviceId),
            sku => new Envelope(200, VendorDto(_s.Vendor, x => x.Id == sku.Id), "Success - Retrieved Vendor Service")));

        /// <summary>The SDK sends no body; PY sends form fields. Any of the create fields may be given.</summary>
        public ApiResult UpdateService(string serviceId, JsonNode? body)
        {
            var errors = new List<string>();
            var c = new SkuInput();
            if (body != null)
            {
                if (body is not JsonObject o) return Http.From(NotAnObject);
                Body.OptString(o, "name", errors, out c.Name);
                Body.OptString(o, "description", errors, out c.Description);
                Body.OptString(o, "category", errors, out c.Category);
                Body.OptString(o, "subcategory", errors, out c.Subcategory);
                Body.OptString(o, "supportArticle", errors, out c.SupportArticle);
                Body.OptString(o, "supportContact", errors, out c.SupportContact);
                c.Name = Body.Unset(c.Name);
                c.Description = Body.Unset(c.Description);
                c.Category = Body.Unset(c.Category);
                c.Subcategory = Body.Unset(c.Subcategory);
                c.SupportArticle = Body.Unset(c.SupportArticle);
                c.SupportContact = Body.Unset(c.SupportContact);
                ValidateCategory(c.Category, c.Subcategory, errors);
            }
            if (errors.Count > 0) c.Invalid = DomainError.Invalid(string.Join("; ", errors));
            return _s.Locked(() => Http.Map(_s.UpdateSku(serviceId, c),
                sku => new Envelope(200, VendorDto(_s.Vendor, x => x.Id == sku.Id), "Success - Updated Vendor Service")));
        }

        // ---------- usage (the hot path: no allocation beyond parsing the body) ----------

        private static readonly ApiResult InvalidIdType = ApiResult.BadRequest("You have provided an invalid Id type");
        private static readonly string[] ClientOIdNames = { "clientOId", "clientOid" };

        private static readonly PreSerialized CountCreated =
            new PreSerialized(new ResponseDto(201, "Success - Created service unit count"), JsonSetup.Api);

        public ApiResult SetCount(PartnerRecord p, string serviceId, JsonNode? body, bool noBuild)
        {
            if (body is not JsonObject o) return Http.From(NotAnObject);
            string? accountId = null, clientOId = null;
            if (o.TryGetPropertyValue("accountId", out JsonNode? an) && an != null)
            {
                // The SDK's CreateBillingRequest always carries both ids, "" for the one not used.
                if (an is JsonValue av && av.TryGetValue(out string? s)) accountId = Body.Unset(s);
                else return InvalidIdType;
            }
            foreach (string key in ClientOIdNames)
            {
                if (o.TryGetPropertyValue(key, out JsonNode? cn) && cn != null)
                {
                    if (cn is JsonValue cv && cv.TryGetValue(out string? s)) clientOId = Body.Unset(s) ?? clientOId;
                    else return InvalidIdType;
                }
            }
            if (accountId == null && clientOId == null) return InvalidIdType;
            if (!o.TryGetPropertyValue("unitCount", out JsonNode? un) || un == null)
                return ApiResult.BadRequest("unitCount should not be empty");
            if (!Body.TryNumber(un, out decimal unitCount))
                return ApiResult.BadRequest("unitCount must be a number conforming to the specified constraints");
            if (unitCount < 0) return ApiResult.BadRequest("unitCount must not be less than 0");

            DomainError? refused = _s.RecordCount(p, serviceId, accountId, clientOId, unitCount, noBuild);
            return refused == null ? new ApiResult(201, CountCreated) : Http.From(refused);
        }

        // ---------- views ----------

        public static VendorDataDto VendorDto(VendorRecord v, Func<SkuRecord, bool>? filter = null)
        {
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

        public static SkuDto SkuDto(SkuRecord s) => new SkuDto
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
    }
}
