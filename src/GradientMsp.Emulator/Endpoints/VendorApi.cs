using System;
using System.Collections.Generic;
using GradientMsp.Contracts;

namespace GradientMsp.Emulator
{
    /// <summary>The 19 routes of docs/gradient-api.md §2.1, under /api/vendor-api.</summary>
    internal static class VendorApi
    {
        public const string Prefix = VendorApiContract.Prefix;

        public static Router Build(EmulatorState s)
        {
            var r = new Router();
            var v = new VendorEndpoints(s);
            var o = new OrganizationEndpoints(s);
            var al = new AlertEndpoints(s);
            const string P = Prefix;
            // (1)-(5) vendor-wide
            r.Map("GET", P, c => v.GetVendor());
            r.Map("PATCH", P, c => v.UpdateVendor(c.Body), body: true);
            r.Map("POST", P + "/service", c => v.CreateService(c.Body), body: true);
            r.Map("GET", P + "/service/{serviceId}", c => v.GetService(c.Values[0]));
            r.Map("PATCH", P + "/service/{serviceId}", c => v.UpdateService(c.Values[0], c.Body), body: true);
            // (6) usage
            r.Map("POST", P + "/service/{serviceId}/count", c => v.SetCount(c.P, c.Values[0], c.Body, IsTrue(c.Query("no_build"))), body: true);
            // (7)-(9) organization
            r.Map("GET", P + "/organization", c => o.GetIntegration(c.P));
            r.Map("PATCH", P + "/organization/status/{status}", c => o.UpdateStatus(c.P, c.Values[0]), body: true);
            r.Map("GET", P + "/organization/clients", c => o.GetClients(c.P, c.Query("search"), c.Query("previousId")));
            // (10)-(13) accounts
            r.Map("GET", P + "/organization/accounts", c => o.GetAccounts(c.P, Ids(c, "accountIds"), ReturnUnmapped(c)));
            r.Map("POST", P + "/organization/accounts", c => o.CreateAccounts(c.P, c.Body), body: true);
            r.Map("PATCH", P + "/organization/accounts", c => o.UpdateAccounts(c.P, c.Body), body: true);
            r.Map("PATCH", P + "/organization/accounts/{accountId}", c => o.UpdateAccount(c.P, c.Values[0], c.Body), body: true);
            // (14)-(17) organization services
            r.Map("GET", P + "/organization/services", c => o.GetOrgServices(c.P, Ids(c, "serviceIds"), ReturnUnmapped(c)));
            r.Map("POST", P + "/organization/services", c => o.CreateOrgServices(c.P, c.Body), body: true);
            r.Map("PATCH", P + "/organization/services", c => o.UpdateOrgServices(c.P, c.Body), body: true);
            r.Map("PATCH", P + "/organization/services/{serviceId}", c => o.UpdateOrgService(c.P, c.Values[0], c.Body), body: true);
            // (18)-(19) alerting
            r.Map("POST", P + "/alerting/{accountId}", c => al.CreateAlert(c.P, c.Values[0], c.Body), body: true);
            r.Map("GET", P + "/alerting/debug/{messageId}", c => al.GetAlertDebug(c.P, c.Values[0]));
            return r;
        }

        /// <summary>no_build: "true" or "1" (any case) means true; anything else, or absent, false.</summary>
        internal static bool IsTrue(string? v) =>
            v != null && (string.Equals(v, "true", StringComparison.OrdinalIgnoreCase) || v == "1");

        /// <summary>accountIds / serviceIds: repeated parameters, "ids[]" form, or comma-separated values.</summary>
        private static IReadOnlyCollection<string>? Ids(Call c, string name)
        {
            var set = new HashSet<string>(StringComparer.Ordinal);
            bool any = false;
            foreach (string key in new[] { name, name + "[]" })
            {
                foreach (string? v in c.Context.Request.Query[key])
                {
                    if (v == null) continue;
                    any = true;
                    foreach (string part in v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)) set.Add(part);
                }
            }
            return any ? set : null;
        }

        private static bool ReturnUnmapped(Call c)
        {
            string? v = c.Query("returnUnmapped");
            return v == null || !string.Equals(v, "false", StringComparison.OrdinalIgnoreCase);
        }
    }
}
