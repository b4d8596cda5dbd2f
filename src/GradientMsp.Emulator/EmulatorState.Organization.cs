using System;
using System.Collections.Generic;
using System.Linq;
using GradientMsp.Emulator.Domain;

namespace GradientMsp.Emulator
{
    /// <summary>The vendor API's organization operations (docs/gradient-api.md §2, P scope): integration status,
    /// PSA clients, accounts and organization services of the calling partner.</summary>
    internal sealed partial class EmulatorState
    {
        public PartnerRecord SetStatus(PartnerRecord p, string status)
        {
            lock (_gate)
            {
                p.Status = status;
                Touch();
                return p;
            }
        }

        public const int ClientsPageSize = 50;

        /// <summary>Clients whose name contains <paramref name="search"/> (any case), after <paramref name="previousId"/>.</summary>
        public ClientsPage GetClients(PartnerRecord p, string? search, string? previousId)
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
                return new ClientsPage(page, list.Count, start + page.Count < list.Count);
            }
        }

        /// <param name="ids">filter (null = all).</param>
        /// <param name="returnUnmapped">false = only mapped ones.</param>
        private List<T> Select<T>(List<T> all, IReadOnlyCollection<string>? ids, bool returnUnmapped) where T : MappingPropertyRecord
        {
            lock (_gate) return all.Where(x => (ids == null || ids.Contains(x.Id)) && (returnUnmapped || x.Mapping != null)).ToList();
        }

        public List<AccountRecord> GetAccounts(PartnerRecord p, IReadOnlyCollection<string>? ids, bool returnUnmapped) =>
            Select(p.Accounts, ids, returnUnmapped);

        public List<OrgServiceRecord> GetOrgServices(PartnerRecord p, IReadOnlyCollection<string>? ids, bool returnUnmapped) =>
            Select(p.Services, ids, returnUnmapped);

        /// <summary>The first occurrence of an id in one call wins. Undocumented but observed: an existing id is not
        /// duplicated; the existing account is answered unchanged.</summary>
        public List<AccountRecord> CreateAccounts(PartnerRecord p, List<PropertyInput> inputs)
        {
            lock (_gate)
            {
                var seen = new HashSet<string>(StringComparer.Ordinal);
                var order = new List<string>();
                DateTimeOffset now = Now;
                foreach (PropertyInput i in inputs)
                {
                    if (!seen.Add(i.Id!)) continue;
                    order.Add(i.Id!);
                    if (p.HasAccount(i.Id!)) continue;
                    p.AddAccount(new AccountRecord
                    {
                        Id = i.Id!,
                        Name = i.Name!,
                        Description = i.Description ?? "",
                        IsArrears = i.IsArrears ?? false,
                        CreatedAt = now,
                    });
                }
                AutoMapLocked(p);
                Touch();
                return order.Select(id => p.FindAccount(id)!).ToList();
            }
        }

        private static readonly DomainError IdTaken = DomainError.Conflict("A resource with this Id already exists.");

        /// <summary>Unlike accounts, a repeated or existing organization-service id refuses the whole call.</summary>
        public Result<List<OrgServiceRecord>> CreateOrgServices(PartnerRecord p, List<PropertyInput> inputs)
        {
            lock (_gate)
            {
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (PropertyInput i in inputs)
                    if (!seen.Add(i.Id!) || p.HasService(i.Id!)) return IdTaken;
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
                return created;
            }
        }

        public Result<AccountRecord> UpdateAccount(PartnerRecord p, string accountId, PropertyInput input)
            => UpdateOne(p.FindAccount, accountId, input, "account", (a, i) => ApplyAccount(p, a, i));

        public Result<List<AccountRecord>> UpdateAccounts(PartnerRecord p, List<PropertyInput> inputs)
            => UpdateMany(p.FindAccount, inputs, "account", (a, i) => ApplyAccount(p, a, i));

        public Result<OrgServiceRecord> UpdateOrgService(PartnerRecord p, string serviceId, PropertyInput input)
            => UpdateOne(p.FindService, serviceId, input, "service", (o, i) => ApplyOrgService(p, o, i));

        public Result<List<OrgServiceRecord>> UpdateOrgServices(PartnerRecord p, List<PropertyInput> inputs)
            => UpdateMany(p.FindService, inputs, "service", (o, i) => ApplyOrgService(p, o, i));

        // Accounts and organization services are updated the same way (PATCH one by id in the path,
        // or PATCH many by id in the body); only the look-up, the noun and the record type differ.
        private Result<T> UpdateOne<T>(Func<string, T?> find, string id, PropertyInput input, string noun, Action<T, PropertyInput> apply)
            where T : class
        {
            lock (_gate)
            {
                if (find(id) is not T item) return DomainError.NotFound($"No {noun} found with id: {id}");
                if (input.Id != null && input.Id != id && find(input.Id) != null) return IdTaken;
                apply(item, input);
                Touch();
                return item;
            }
        }

        /// <summary>All ids must exist before anything changes.</summary>
        private Result<List<T>> UpdateMany<T>(Func<string, T?> find, List<PropertyInput> inputs, string noun, Action<T, PropertyInput> apply)
            where T : class
        {
            lock (_gate)
            {
                foreach (PropertyInput i in inputs)
                    if (find(i.Id!) == null) return DomainError.NotFound($"No {noun} found with id: {i.Id}");
                var result = new List<T>();
                foreach (PropertyInput i in inputs)
                {
                    T item = find(i.Id!)!;
                    i.Id = null; // in the bulk form the id selects the item
                    apply(item, i);
                    result.Add(item);
                }
                Touch();
                return result;
            }
        }

        private static void ApplyAccount(PartnerRecord p, AccountRecord a, PropertyInput i)
        {
            if (i.Id != null) p.RenameAccount(a, i.Id);
            ApplyFields(a, i);
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
