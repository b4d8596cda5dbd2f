using System.Linq;
using GradientMsp.Emulator.Domain;

namespace GradientMsp.Emulator
{
    /// <summary>Changes to the vendor's own record; null fields stay as they are.</summary>
    internal sealed class VendorChanges
    {
        public string? Name, Description, SupportPageUrl, PortalUrl;
    }

    /// <summary>A vendor service (sku) to create, or the changes to one. Input errors travel with it because
    /// an update reports an unknown id before them.</summary>
    internal sealed class SkuInput
    {
        public string? Name, Description, Category, Subcategory, SupportArticle, SupportContact, Logo;
        public DomainError? Invalid;
    }

    /// <summary>The vendor API's vendor-wide operations and the usage count (docs/gradient-api.md §2).</summary>
    internal sealed partial class EmulatorState
    {
        public VendorRecord UpdateVendor(VendorChanges c)
        {
            lock (_gate)
            {
                VendorRecord v = _doc.Vendor;
                if (c.Name != null) v.Name = c.Name;
                if (c.Description != null) v.Description = c.Description;
                if (c.SupportPageUrl != null) v.VendorSupportPageUrl = c.SupportPageUrl;
                if (c.PortalUrl != null) v.IntegrationPortalUrl = c.PortalUrl;
                v.UpdatedAt = Now;
                Touch();
                return v;
            }
        }

        /// <summary>A new vendor-level service; every partner still in its first setup may auto-map it.</summary>
        public SkuRecord CreateSku(SkuInput i)
        {
            lock (_gate)
            {
                var sku = new SkuRecord
                {
                    Id = NewObjectId(),
                    Name = i.Name!,
                    Description = i.Description!,
                    Category = i.Category!,
                    Subcategory = i.Subcategory!,
                    SupportArticle = i.SupportArticle,
                    SupportContact = i.SupportContact,
                    Logo = i.Logo,
                    CreatedAt = Now,
                };
                _doc.Vendor.Skus.Add(sku);
                _skuIndex[sku.Id] = sku;
                _doc.Vendor.UpdatedAt = Now;
                foreach (var p in _doc.Partners) AutoMapLocked(p);
                Touch();
                return sku;
            }
        }

        private static DomainError NoSku(string id) => DomainError.NotFound($"No service found with id: {id}");

        public Result<SkuRecord> FindSku(string serviceId)
        {
            lock (_gate) return _skuIndex.TryGetValue(serviceId, out SkuRecord? sku) ? sku : NoSku(serviceId);
        }

        public Result<SkuRecord> UpdateSku(string serviceId, SkuInput c)
        {
            lock (_gate)
            {
                if (!_skuIndex.TryGetValue(serviceId, out SkuRecord? sku)) return NoSku(serviceId);
                if (c.Invalid != null) return c.Invalid;
                if (c.Name != null) sku.Name = c.Name;
                if (c.Description != null) sku.Description = c.Description;
                if (c.Category != null) sku.Category = c.Category;
                if (c.Subcategory != null) sku.Subcategory = c.Subcategory;
                if (c.SupportArticle != null) sku.SupportArticle = c.SupportArticle;
                if (c.SupportContact != null) sku.SupportContact = c.SupportContact;
                _doc.Vendor.UpdatedAt = Now;
                Touch();
                return sku;
            }
        }

        /// <summary>The hot path: a unit count for an account (or, deprecated, the account mapped to a PSA client)
        /// and a vendor sku or organization service. Both sides must be mapped. Null means recorded.</summary>
        public DomainError? RecordCount(PartnerRecord p, string serviceId, string? accountId, string? clientOId, decimal unitCount, bool noBuild)
        {
            lock (_gate)
            {
                if (p.PartnerKey == null) return DomainError.Unauthorized;
                AccountRecord? account = accountId != null ? p.FindAccount(accountId) : p.FindAccountMappedTo(clientOId!);
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

                // Journaled before the 201, so a count once acknowledged survives a kill (StateJournal).
                Journal?.Append(new CountEntry
                {
                    OrganizationId = p.OrganizationId, AccountId = account.Id, ServiceId = serviceId, Kind = kind,
                    UnitCount = unitCount, NoBuild = noBuild, At = Now,
                });
                p.RecordCount(account.Id, serviceId, kind, unitCount, noBuild, Now);
                Touch();
                return null;
            }
        }

        private static DomainError NoAccountMap(string id) => DomainError.NotFound($"No account map found with id: {id}");
    }
}
