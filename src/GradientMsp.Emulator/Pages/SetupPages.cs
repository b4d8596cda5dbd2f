using System.Collections.Generic;
using System.Linq;
using GradientMsp.Emulator.Domain;

namespace GradientMsp.Emulator.Pages
{
    /// <summary>The Integrations page and the setup wizard (token and portal, accounts, services, Finish).
    /// Every rule (Next, auto-mapping, what Finish needs) is the domain's; these only show it.</summary>
    internal static class SetupPages
    {
        /// <summary>The card's state, in the words a partner sees.</summary>
        public static string CardState(PartnerRecord p) =>
            !p.Connected ? "Ready to connect"
            : p.SetupFinished ? "Connected"
            : p.NextEnabled ? "Pending: continue setup"
            : "API key generated: waiting for the integration";

        public static Html Integrations(PageContext pc)
        {
            PartnerRecord p = pc.P;
            var h = new Html();
            h.Raw("<h1>Integrations</h1>").Raw("<p class=\"muted\">").T(p.Name).Raw(" · organization ").T(p.OrganizationId).Raw("</p>");
            h.Raw("<section class=\"card\" aria-labelledby=\"vendor-name\"><h2 id=\"vendor-name\">").T(pc.Vendor.Name).Raw("</h2>");
            if (!string.IsNullOrEmpty(pc.Vendor.Description)) h.El("p", pc.Vendor.Description, "muted");
            h.Raw("<p><strong id=\"card-state\">").T(CardState(p)).Raw("</strong> ");
            if (p.Connected) h.Raw("· status ").Raw(Layout.StatusBadge(p.Status));
            h.Raw("</p>");
            KeyOnce(h, pc);
            h.Raw("<div class=\"actions\">");
            if (!p.Connected) h.A(pc.Root + "/setup", "Connect", "button primary");
            else if (!p.SetupFinished) h.A(pc.Root + "/setup", "Continue setup", "button primary");
            else h.A(pc.Root + "/billing", "Open Billing", "button primary").A(pc.Root + "/setup/accounts", "Edit mappings", "button");
            if (p.Connected)
            {
                h.PostButton(pc.Root + "/regenerate", pc.FormToken, "Regenerate key");
                h.A(pc.Root + "/integrations?confirm=disconnect", "Disconnect", "button danger");
            }
            h.Raw("</div></section>");
            h.Raw("<p class=\"muted\">Accounts ").T(p.Accounts.Count).Raw(" · organization services ").T(p.Services.Count)
             .Raw(" · last synced ").T(p.LastSyncedAt.HasValue ? JsonSetup.Iso(p.LastSyncedAt) : "never").Raw("</p>");
            return h;
        }

        public static Html? IntegrationsModal(PageContext pc)
        {
            if (pc.Confirm != "disconnect" || !pc.P.Connected) return null;
            var actions = new Html().PostButton(pc.Root + "/disconnect", pc.FormToken, "Disconnect", "danger")
                .A(pc.Root + "/integrations", "Cancel", "button");
            return Layout.Modal("Disconnect " + pc.Vendor.Name + "?",
                "The vendor's accounts, their usage and all mappings are removed and the current key stops working. Organization services, alerts and tickets stay.", actions);
        }

        /// <summary>Step 1: the key (shown once), the vendor portal, and Next once the integration set the status.</summary>
        public static Html Setup(PageContext pc)
        {
            PartnerRecord p = pc.P;
            var h = new Html();
            h.Raw("<h1>Set up ").T(pc.Vendor.Name).Raw("</h1>");
            Wizard(h, 1);
            h.Raw("<section class=\"card\"><h2>1. API token</h2>");
            if (!KeyOnce(h, pc))
            {
                h.El("p", p.Connected
                    ? "A key was generated; it is shown only once. Generate a new one if you lost it (the old one stops working)."
                    : "Generate the Partner API key and paste it into the vendor's portal.");
                h.PostButton(pc.Root + "/token", pc.FormToken, p.Connected ? "Generate a new API token" : "Generate API Token", p.Connected ? null : "primary");
            }
            h.Raw("</section><section class=\"card\"><h2>2. Vendor portal</h2>");
            string? url = pc.Vendor.IntegrationPortalUrl;
            if (string.IsNullOrWhiteSpace(url))
                h.Raw("<p class=\"warn\" id=\"portal-missing\">").T("The vendor has not set integrationPortalUrl, so Open Vendor Portal would open a blank page. " +
                    "Set it with PATCH /api/vendor-api (Gradient's checklist: contact support with the URL it should point to).").Raw("</p>");
            else if (!Html.IsWebUrl(url))
                h.Raw("<p class=\"warn\" id=\"portal-missing\">").T("The vendor's integrationPortalUrl is not an http(s) URL, so it is not offered as a link: ").T(url).Raw("</p>");
            else
            {
                h.Raw("<p><a class=\"button\" id=\"portal\" target=\"_blank\" rel=\"noopener noreferrer\" href=\"").Raw(Html.Attr(url)).Raw("\">Open Vendor Portal</a> <code>").T(url).Raw("</code></p>");
                if (!url.StartsWith("https://", System.StringComparison.OrdinalIgnoreCase)) h.El("p", "The portal URL is not https; Gradient expects https.", "warn");
            }
            h.Raw("</section><section class=\"card\"><h2>3. Authenticate</h2><p>Status ").Raw(Layout.StatusBadge(p.Status)).Raw(". ")
             .T(p.NextEnabled ? "The integration authenticated: Next is lit." : p.Connected
                ? "Next lights up when the integration sets the status to pending (PATCH /organization/status/pending). Refresh this page after it has."
                : "Generate the API token first.").Raw("</p>");
            h.Raw("<div class=\"actions\">");
            NextButton(h, p.NextEnabled, pc.Root + "/setup/accounts", "Next");
            h.Raw("</div></section>");
            return h;
        }

        public static Html Accounts(PageContext pc)
        {
            PartnerRecord p = pc.P;
            var h = new Html();
            h.Raw("<h1>Map accounts</h1>");
            Wizard(h, 2);
            if (!Ready(h, pc)) return h;
            h.Raw("<div class=\"split\"><section aria-labelledby=\"acc-title\"><h2 id=\"acc-title\">Vendor accounts (").T(p.Accounts.Count).Raw(")</h2>");
            if (p.Accounts.Count == 0) h.El("p", "No accounts yet: the integration creates them with POST /organization/accounts. Refresh after it has.", "warn");
            else
            {
                h.Raw("<table id=\"accounts\"><thead><tr><th>Account</th><th>PSA client</th><th></th></tr></thead><tbody>");
                int i = 0;
                foreach (AccountRecord a in p.Accounts)
                    MappingRow(h, pc, "accounts", a.Id, a.Name, null, a.Mapping, p.PsaClients.Select(c => (c.Id, c.Name)), i++);
                h.Raw("</tbody></table>");
            }
            h.Raw("</section>");
            PsaList(h, "PSA clients", p.PsaClients.Select(c => (c.Id, c.Name, p.Accounts.Any(a => a.Mapping?.PsaId == c.Id))));
            h.Raw("</div><div class=\"actions\">").A(pc.Root + "/setup", "Back", "button").A(pc.Root + "/setup/services", "Next", "button primary").Raw("</div>");
            return h;
        }

        public static Html Services(PageContext pc, List<ServiceRef> services)
        {
            PartnerRecord p = pc.P;
            var h = new Html();
            h.Raw("<h1>Map services</h1>");
            Wizard(h, 3);
            if (!Ready(h, pc)) return h;
            h.Raw("<div class=\"split\"><section aria-labelledby=\"svc-title\"><h2 id=\"svc-title\">Vendor services (").T(services.Count).Raw(")</h2>");
            if (services.Count == 0) h.El("p", "No services yet: the integration creates vendor skus (POST /service) or organization services (POST /organization/services).", "warn");
            else
            {
                h.Raw("<table id=\"services\"><thead><tr><th>Service</th><th>PSA service</th><th></th></tr></thead><tbody>");
                int i = 0;
                foreach (ServiceRef s in services)
                    MappingRow(h, pc, "services", s.Id, s.Name, s.Kind == ServiceRef.VendorKind ? "vendor sku" : "organization service", s.Mapping,
                        p.PsaServices.Select(x => (x.Id, x.Name)), i++);
                h.Raw("</tbody></table>");
            }
            h.Raw("</section>");
            PsaList(h, "PSA services", p.PsaServices.Select(x => (x.Id, x.Name, services.Any(s => s.Mapping?.PsaId == x.Id))));
            h.Raw("</div><div class=\"actions\">").A(pc.Root + "/setup/accounts", "Back", "button");
            if (p.SetupFinished) h.Raw("<span class=\"muted\">Setup finished.</span>").A(pc.Root + "/billing", "Open Billing", "button primary");
            else NextButton(h, p.NextEnabled, pc.Root + "/setup/services?confirm=finish", "Finish");
            h.Raw("</div>");
            return h;
        }

        public static Html? ServicesModal(PageContext pc)
        {
            if (pc.Confirm != "finish" || !pc.P.NextEnabled || pc.P.SetupFinished) return null;
            var actions = new Html().PostButton(pc.Root + "/finish", pc.FormToken, "Finish setup", "primary")
                .A(pc.Root + "/setup/services", "Cancel", "button");
            return Layout.Modal("Finish the setup?", $"{pc.P.Accounts.Count(a => a.Mapping != null)} of {pc.P.Accounts.Count} accounts are mapped. " +
                "After Finish, accounts and services the integration adds are no longer mapped automatically.", actions);
        }

        /// <summary>The accounts and services steps need a connected partner whose integration has authenticated.</summary>
        private static bool Ready(Html h, PageContext pc)
        {
            if (pc.P.NextEnabled || pc.P.SetupFinished) return true;
            h.Raw("<p class=\"warn\">").T(pc.P.Connected
                ? "Next is not lit yet: the integration has not set the status to pending."
                : "The integration is not connected.").Raw(" ").A(pc.Root + "/setup", "Back to the token step").Raw("</p>");
            return false;
        }

        private static void MappingRow(Html h, PageContext pc, string what, string id, string name, string? kind, MappingRecord? mapping,
            IEnumerable<(string Id, string Name)> targets, int index)
        {
            string selectId = what + "-" + index;
            h.Raw("<tr><td><label for=\"").Raw(selectId).Raw("\">").T(name).Raw("</label>");
            if (kind != null) h.Raw(" <span class=\"badge\">").T(kind).Raw("</span>");
            if (mapping?.Auto == true) h.Raw(" <span class=\"badge b-auto\">auto-mapped</span>");
            h.Raw("<br><code class=\"muted\">").T(id).Raw("</code></td><td>");
            h.BeginPost(pc.Root + "/" + what + "/map", pc.FormToken, "inline").Hidden("id", id)
             .Raw("<select name=\"psaId\" id=\"").Raw(selectId).Raw("\"><option value=\"\">(not mapped)</option>");
            foreach (var (tid, tname) in targets)
            {
                h.Raw("<option value=\"").Raw(Html.Attr(tid)).Raw("\"");
                if (mapping?.PsaId == tid) h.Raw(" selected");
                h.Raw(">").T(tname).Raw("</option>");
            }
            h.Raw("</select> <button type=\"submit\">Map</button></form></td><td>");
            if (mapping != null) h.PostButton(pc.Root + "/" + what + "/map", pc.FormToken, "Unmap", null, ("id", id), ("psaId", ""));
            h.Raw("</td></tr>");
        }

        private static void PsaList(Html h, string title, IEnumerable<(string Id, string Name, bool Mapped)> items)
        {
            h.Raw("<section class=\"card\"><h2>").T(title).Raw("</h2><ul>");
            foreach (var (_, name, mapped) in items) h.Raw("<li>").T(name).Raw(mapped ? " <span class=\"badge b-active\">mapped</span>" : "").Raw("</li>");
            h.Raw("</ul></section>");
        }

        private static void NextButton(Html h, bool enabled, string href, string label)
        {
            if (enabled) h.A(href, label, "button primary");
            else h.Raw("<button type=\"button\" disabled aria-disabled=\"true\">").T(label).Raw("</button>");
        }

        private static void Wizard(Html h, int step)
        {
            h.Raw("<ol class=\"wizard\" aria-label=\"Setup steps\">");
            string[] names = { "Token and portal", "Accounts", "Services" };
            for (int i = 0; i < names.Length; i++) h.Raw(i + 1 == step ? "<li aria-current=\"step\">" : "<li>").T(names[i]).Raw("</li>");
            h.Raw("</ol>");
        }

        /// <summary>A key a POST just generated, with a copy button (the flash is used up by this render).</summary>
        private static bool KeyOnce(Html h, PageContext pc)
        {
            if (pc.Flash?.Key is not string key) return false;
            h.Raw("<div class=\"card\" id=\"key-once\"><p><strong>Your Partner API key</strong>: copy it now, it is shown only once.</p>")
             .Raw("<div class=\"key\"><label class=\"sr\" for=\"new-key\">Partner API key</label><input id=\"new-key\" readonly value=\"").Raw(Html.Attr(key))
             .Raw("\"><button type=\"button\" data-copy=\"new-key\" hidden>Copy</button></div></div>");
            return true;
        }
    }
}
