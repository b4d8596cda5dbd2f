using System.Collections.Generic;
using GradientMsp.Emulator.Domain;

namespace GradientMsp.Emulator.Pages
{
    /// <summary>The Billing page (the domain's BillingCalculator decides every card) and the PSA tickets made from alerts.</summary>
    internal static class BillingPages
    {
        public static Html Billing(PageContext pc, List<ServiceRef> services)
        {
            PartnerRecord p = pc.P;
            var h = new Html();
            h.Raw("<h1>Billing</h1><p class=\"muted\">One service card per mapped account and mapped service with a PSA contract line or imported usage. ")
             .T($"Rebuilt {p.BillingRebuilds} times; last {(p.LastBuiltAt.HasValue ? JsonSetup.Iso(p.LastBuiltAt) : "never")}.").Raw("</p>");
            if (BillingCalculator.PendingBuild(p))
            {
                h.Raw("<div class=\"warn\" id=\"pending-build\"><p>").T("Some usage arrived with no_build=true and is not on the cards yet: it shows after the next count without no_build, or a rebuild.")
                 .Raw("</p>").PostButton(pc.Root + "/billing/rebuild", pc.FormToken, "Rebuild billing now").Raw("</div>");
            }
            List<BillingCard> cards = BillingCalculator.Cards(p, services);
            if (cards.Count == 0)
            {
                h.El("p", "No service cards: map accounts and services that have PSA contract lines, or let the integration push usage for mapped pairs.", "warn");
                return h;
            }
            h.Raw("<ul class=\"cards\" id=\"billing-cards\">");
            foreach (BillingCard c in cards)
            {
                h.Raw("<li class=\"card billing-card\"><h3>").T(c.Client?.Name ?? c.Account.Name).Raw("</h3><p class=\"muted\">")
                 .T(c.PsaService?.Name ?? c.Service.Name).Raw("</p><p class=\"muted\">").T($"Vendor: {c.Account.Name} · {c.Service.Name}").Raw("</p>")
                 .Raw("<div class=\"qtys\"><div><div class=\"muted\">PSA quantity</div><div class=\"qty\">").T(c.Line?.Quantity.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) ?? "-")
                 .Raw("</div></div><div><div class=\"muted\">Imported</div><div class=\"qty\">").T(c.ImportedQuantity.HasValue ? null : "-").T(c.ImportedQuantity)
                 .Raw("</div></div></div><p>State <span class=\"badge state b-").Raw(Html.Attr(c.WireState)).Raw("\">").T(c.WireState).Raw("</span>");
                if (c.Line != null && !string.IsNullOrEmpty(c.Line.ContractName)) h.Raw(" · ").T(c.Line.ContractName);
                h.Raw("</p></li>");
            }
            h.Raw("</ul>");
            return h;
        }

        public static Html Tickets(PageContext pc)
        {
            PartnerRecord p = pc.P;
            var h = new Html();
            h.Raw("<h1>PSA tickets</h1><p class=\"muted\">Alerts the integration sends (POST /alerting/{accountId}) become tickets in the partner's PSA.</p>");
            if (p.Tickets.Count == 0) h.El("p", "No tickets yet.", "muted");
            else
            {
                h.Raw("<table id=\"tickets\"><thead><tr><th>Ticket</th><th>Title</th><th>PSA client</th><th>Priority</th><th>Status</th><th>Created</th></tr></thead><tbody>");
                foreach (TicketRecord t in p.Tickets)
                {
                    h.Raw("<tr>").El("td", t.TicketId).Raw("<td><strong>").T(t.Title).Raw("</strong><br><span class=\"muted\">").T(t.Description).Raw("</span></td>")
                     .El("td", t.PsaClientName).El("td", t.Priority).El("td", t.Status.ToString(System.Globalization.CultureInfo.InvariantCulture))
                     .El("td", JsonSetup.Iso(t.CreatedAt)).Raw("</tr>");
                }
                h.Raw("</tbody></table>");
            }
            h.Raw("<h2>Alerts received</h2>");
            if (p.Alerts.Count == 0) h.El("p", "No alerts yet.", "muted");
            else
            {
                h.Raw("<table id=\"alerts\"><thead><tr><th>Alert</th><th>Account</th><th>State</th><th>Why</th></tr></thead><tbody>");
                foreach (AlertRecord a in p.Alerts)
                {
                    h.Raw("<tr><td>").T(a.Title).Raw("<br><code class=\"muted\">").T(a.AlertId).Raw("</code></td>").El("td", a.AccountId)
                     .El("td", a.State + (a.TicketId != null ? " (ticket " + a.TicketId + ")" : "")).El("td", a.Errors != null ? string.Join("; ", a.Errors) : "").Raw("</tr>");
                }
                h.Raw("</tbody></table>");
            }
            return h;
        }
    }
}
