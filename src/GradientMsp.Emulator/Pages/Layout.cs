using System.Linq;

namespace GradientMsp.Emulator.Pages
{
    /// <summary>The frame every page shares: header, partner picker, navigation, the vendor-API changes panel,
    /// an optional modal, and the one inline script (copy to clipboard; everything works without it).</summary>
    internal static class Layout
    {
        public const string ChecklistUrl = "https://api-docs.meetgradient.com/docs/steps-to-qa-the-integration";

        public static string Page(PageContext pc, string title, string active, Html main, Html? modal = null)
        {
            var h = new Html();
            h.Raw("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
             .Raw("<title>").T(title).Raw(" · Synthesize (local emulator)</title><style>").Raw(Css).Raw("</style></head><body>")
             .Raw("<a class=\"skip\" href=\"#main\">Skip to content</a><header class=\"top\"><div class=\"wrap\">")
             .Raw("<a class=\"brand\" href=\"").Raw(SynthesizePages.Prefix).Raw("/\">Synthesize <small>local emulator</small></a>");
            if (pc.Partner != null)
            {
                h.Raw("<nav aria-label=\"Sections\" class=\"sections\">");
                Nav(h, pc.Root + "/integrations", "Integrations", active == "integrations");
                Nav(h, pc.Root + "/billing", "Billing", active == "billing");
                Nav(h, pc.Root + "/tickets", "PSA tickets", active == "tickets");
                h.Raw("</nav>");
            }
            Nav(h, SynthesizePages.Prefix + "/checklist", "QA checklist", active == "checklist");
            h.Raw("</div></header>");
            if (pc.Partners.Count > 1 && pc.Partner != null)
            {
                h.Raw("<nav aria-label=\"Partner organizations\" class=\"partners wrap\"><span>Partner:</span>");
                foreach (PartnerRecord p in pc.Partners)
                    h.A(SynthesizePages.Prefix + "/" + Html.Seg(p.OrganizationId) + "/" + active, p.Name, "partner", p == pc.Partner);
                h.Raw("</nav>");
            }
            h.Raw("<div class=\"wrap layout\"><main id=\"main\" tabindex=\"-1\">");
            if (pc.Flash != null) h.Raw("<p class=\"notice\" role=\"status\">").T(pc.Flash.Notice).Raw("</p>");
            h.Raw(main.ToString()).Raw("</main>");
            if (pc.Partner != null) Changes(h, pc);
            h.Raw("</div>");
            if (modal != null) h.Raw(modal.ToString());
            h.Raw("<script nonce=\"").Raw(pc.Nonce).Raw("\">").Raw(Script).Raw("</script></body></html>");
            return h.ToString();
        }

        private static void Nav(Html h, string href, string text, bool current) => h.A(href, text, current ? "nav current" : "nav", current);

        /// <summary>What the vendor API did for this partner since this browser last loaded a page (a cookie holds
        /// the request-log index), so a refresh shows what the integration just changed.</summary>
        private static void Changes(Html h, PageContext pc)
        {
            h.Raw("<aside class=\"changes\" aria-labelledby=\"changes-title\"><h2 id=\"changes-title\">")
             .T(pc.FirstLook ? "Recent vendor API requests" : "Vendor API since your last look").Raw("</h2>");
            if (pc.Changes.Count == 0)
            {
                h.El("p", pc.FirstLook ? "None yet for this partner." : "Nothing: the integration made no request since the last page load.", "muted");
            }
            else
            {
                h.Raw("<ol class=\"log\">");
                foreach (RequestLogEntry e in pc.Changes)
                {
                    h.Raw("<li><span class=\"st s").T(e.Status / 100).Raw("xx\">").T(e.Status).Raw("</span> <code>").T(e.Method).Raw(" ")
                     .T(Shorten(e.Path) + e.Query).Raw("</code> <time>")
                     .T(e.TimeUtc.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)).Raw("</time>");
                    if (e.Note != null) h.Raw(" <em>").T(e.Note).Raw("</em>");
                    h.Raw("</li>");
                }
                h.Raw("</ol>");
            }
            h.Raw("<p class=\"muted\">Refresh the page to see the integration's latest changes.</p></aside>");
        }

        /// <summary>The path after /api/vendor-api ("/" for the vendor route itself); other paths (a wrong prefix) whole.</summary>
        private static string Shorten(string path) =>
            path.StartsWith(VendorApi.Prefix, System.StringComparison.Ordinal) ? (path.Length == VendorApi.Prefix.Length ? "/" : path.Substring(VendorApi.Prefix.Length)) : path;

        /// <summary>A modal over the page, no script needed: shown when the URL asks for it, closed by its Cancel link.</summary>
        public static Html Modal(string title, string text, Html actions)
        {
            var h = new Html();
            h.Raw("<div class=\"backdrop\"><div class=\"modal\" role=\"dialog\" aria-modal=\"true\" aria-labelledby=\"modal-title\"><h2 id=\"modal-title\">")
             .T(title).Raw("</h2>").El("p", text).Raw("<div class=\"actions\">").Raw(actions.ToString()).Raw("</div></div></div>");
            return h;
        }

        /// <summary>The first-run page: what this is, the partner picker, and the checklist.</summary>
        public static Html Welcome(PageContext pc)
        {
            var h = new Html();
            h.Raw("<h1>This is a local Synthesize</h1>")
             .El("p", "The GradientMsp emulator plays Gradient's Synthesize on your machine: the vendor API your integration calls, and these pages, the partner's side a person clicks during Gradient's QA checklist. Nothing here reaches Gradient; the data is the emulator's and resets when it restarts (unless it was started with a state file).")
             .El("p", "Walk the checklist here exactly as Gradient will ask you to in the real Synthesize: connect, generate the API token, let your integration authenticate and sync, map, finish, and check the Billing page.")
             .Raw("<h2>Partner organizations</h2><ul class=\"cards\">");
            foreach (PartnerRecord p in pc.Partners)
            {
                h.Raw("<li class=\"card\"><h3>").T(p.Name).Raw("</h3><p class=\"muted\">").T(p.OrganizationId).Raw("</p><p>")
                 .T(p.Connected ? $"Connected, status {p.Status}" : "Not connected").Raw("</p>")
                 .A(SynthesizePages.Prefix + "/" + Html.Seg(p.OrganizationId) + "/integrations", "Open " + p.Name, "button primary").Raw("</li>");
            }
            h.Raw("</ul><p>").A(SynthesizePages.Prefix + "/checklist", "Read the QA checklist, step by step").Raw("</p>");
            return h;
        }

        /// <summary>The checklist in short, each step pointing at the page where it is done here.</summary>
        public static Html Checklist(PageContext pc)
        {
            string root = pc.Partners.Count > 0 ? SynthesizePages.Prefix + "/" + Html.Seg(pc.Partners[0].OrganizationId) : SynthesizePages.Prefix;
            var h = new Html();
            h.Raw("<h1>The QA checklist</h1><p>Gradient asks every vendor to walk these steps before launch (")
             .A(ChecklistUrl, "Gradient's page").Raw("; the module's <code>Invoke-GradientQA</code> automates them). Here each step links to its page.</p><ol class=\"steps\">");
            (string Text, string Href)[] steps =
            {
                ("If the integration is connected, disconnect it (here and in your vendor portal)", root + "/integrations"),
                ("Click Connect on the integration's card", root + "/integrations"),
                ("Generate the API token and give it to your integration", root + "/setup"),
                ("Open the vendor portal: it must not be a blank page", root + "/setup"),
                ("Let the integration authenticate: it sets the status to pending, and Next lights up", root + "/setup"),
                ("Check the accounts arrived, and map them", root + "/setup/accounts"),
                ("Check the services arrived, and map them", root + "/setup/services"),
                ("Finish the setup", root + "/setup/services?confirm=finish"),
                ("Start a sync in the vendor portal, then refresh the Billing page: imported usage shows on the mapped cards", root + "/billing"),
                ("Disconnect, and walk the steps again: partners must be able to reconnect", root + "/integrations"),
            };
            foreach (var (text, href) in steps) h.Raw("<li>").A(href, text).Raw("</li>");
            h.Raw("</ol>").El("p", "Map the accounts and services you see on the Billing page, so the imported usage is easy to find after the sync.", "muted");
            return h;
        }

        public static string StatusBadge(string status) => "<span class=\"badge b-" + Html.Attr(status) + "\">" + Html.Attr(status) + "</span>";

        public static bool Has<T>(System.Collections.Generic.IEnumerable<T> items) => items.Any();

        private const string Script =
            "document.querySelectorAll('[data-copy]').forEach(function(b){b.hidden=false;b.addEventListener('click',function(){" +
            "var i=document.getElementById(b.getAttribute('data-copy'));i.select();" +
            "var done=function(){b.textContent='Copied';};" +
            "if(navigator.clipboard){navigator.clipboard.writeText(i.value).then(done,function(){document.execCommand('copy');done();});}" +
            "else{document.execCommand('copy');done();}});});";

        private const string Css = @"
*{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1c2233;background:#f4f6fb}
.wrap{max-width:1180px;margin:0 auto;padding:0 20px}
a{color:#2449c9}a:focus-visible,button:focus-visible,select:focus-visible,input:focus-visible,main:focus-visible{outline:3px solid #f0a500;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:6px;z-index:9}
.top{background:#1b2140;color:#fff}.top .wrap{display:flex;align-items:center;gap:18px;min-height:56px;flex-wrap:wrap}
.brand{color:#fff;font-weight:700;font-size:18px;text-decoration:none;margin-right:auto}.brand small{font-weight:400;color:#aab3d6;font-size:13px}
.sections{display:flex;gap:6px}.nav{color:#dbe1f7;text-decoration:none;padding:6px 10px;border-radius:6px}.nav.current{background:#34407a;color:#fff}
.partners{display:flex;gap:8px;align-items:center;padding-top:10px;flex-wrap:wrap}.partner{padding:3px 10px;border:1px solid #c5cbe0;border-radius:14px;text-decoration:none;background:#fff}
.partner[aria-current]{background:#2449c9;color:#fff;border-color:#2449c9}
.layout{display:grid;grid-template-columns:minmax(0,1fr) 300px;gap:24px;padding-top:18px;padding-bottom:40px}
@media (max-width:900px){.layout{grid-template-columns:1fr}}
h1{font-size:24px;margin:8px 0 12px}h2{font-size:18px;margin:22px 0 10px}h3{margin:0 0 6px;font-size:16px}
.card{background:#fff;border:1px solid #dde2ef;border-radius:10px;padding:16px 18px;margin-bottom:14px}.card h2{margin-top:0}
td form.inline{display:flex;gap:6px;align-items:center}td select{max-width:190px;padding:5px}
.cards{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(260px,1fr));gap:14px}.cards .card{margin:0}
.muted{color:#5d6684}.notice{background:#e7f5ea;border:1px solid #9fd3ab;padding:10px 14px;border-radius:8px}
.warn{background:#fff5e0;border:1px solid #f0c46b;padding:10px 14px;border-radius:8px}
.button,button{display:inline-block;font:inherit;padding:7px 14px;border-radius:7px;border:1px solid #b9c1da;background:#fff;color:#1c2233;text-decoration:none;cursor:pointer}
.primary{background:#2449c9;border-color:#2449c9;color:#fff}.danger{border-color:#c0392b;color:#a52a1d}
button:disabled,.button.disabled{background:#eceef4;color:#7d859f;border-color:#d3d7e3;cursor:not-allowed}
form.inline{display:inline}.actions{display:flex;gap:10px;flex-wrap:wrap;align-items:center;margin-top:12px}
table{width:100%;border-collapse:collapse;background:#fff;border:1px solid #dde2ef;border-radius:10px;overflow:hidden}
th,td{text-align:left;padding:8px 10px;border-bottom:1px solid #edf0f6;vertical-align:middle}th{background:#f0f3fa;font-size:13px;color:#4a5373}
.split{display:grid;grid-template-columns:minmax(0,2fr) minmax(0,1fr);gap:18px}@media (max-width:760px){.split{grid-template-columns:1fr}}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;background:#e6e9f2;color:#38405c}
.b-pending{background:#fff1cc;color:#7a5600}.b-active{background:#dcf3e2;color:#1d6b35}.b-inactive{background:#e6e9f2}.b-error,.b-disabled{background:#fbe0dd;color:#8c2418}
.b-auto{background:#e1e8ff;color:#2a3f99}.b-NoChange{background:#dcf3e2;color:#1d6b35}.b-Reconcile{background:#fff1cc;color:#7a5600}.b-NewRevenueFound{background:#e1e8ff;color:#2a3f99}
.key{display:flex;gap:8px;align-items:center}.key input{flex:1;font:14px ui-monospace,monospace;padding:7px;border:1px solid #b9c1da;border-radius:6px}
.steps li{margin:6px 0}.wizard{display:flex;gap:8px;list-style:none;padding:0;margin:0 0 14px}.wizard li{padding:4px 12px;border-radius:14px;background:#e6e9f2}.wizard li[aria-current]{background:#2449c9;color:#fff}
.qty{font-size:22px;font-weight:600}.qtys{display:flex;gap:26px;margin:8px 0}
.changes{background:#fff;border:1px solid #dde2ef;border-radius:10px;padding:12px 14px;align-self:start;font-size:13px}.changes h2{font-size:15px;margin:0 0 8px}
.log{list-style:none;padding:0;margin:0;max-height:420px;overflow:auto}.log li{padding:3px 0;border-bottom:1px solid #f0f2f7;overflow-wrap:anywhere}.log time{color:#7d859f;white-space:nowrap}
.st{display:inline-block;min-width:34px;text-align:center;border-radius:4px;font-weight:600}.s2xx{background:#dcf3e2}.s4xx{background:#fbe0dd}.s5xx{background:#f6c6c0}.s0xx{background:#eee}
.backdrop{position:fixed;inset:0;background:rgba(20,24,45,.55);display:flex;align-items:center;justify-content:center;padding:20px}
.modal{background:#fff;border-radius:12px;padding:22px 24px;max-width:460px;width:100%;box-shadow:0 10px 40px rgba(0,0,0,.3)}.modal h2{margin-top:0}
code{font:13px ui-monospace,monospace}.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
";
    }
}
