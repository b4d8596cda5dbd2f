using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using GradientMsp.Emulator.Domain;
using Microsoft.AspNetCore.Http;

namespace GradientMsp.Emulator.Pages
{
    /// <summary>
    /// Synthesize's partner side as server-rendered pages under /synthesize (docs/emulator-pages.md). GETs render
    /// the state under the state lock; POSTs run the same EmulatorState operations the control API runs, then
    /// redirect (POST-redirect-GET), carrying a one-time message (and a new key) by an id in the query.
    /// </summary>
    internal sealed class SynthesizePages
    {
        public const string Prefix = "/synthesize";
        private const string SeenCookie = "gsyn_seen";
        private const int FlashCapacity = 64;

        private readonly EmulatorRuntime _rt;
        private readonly PageGuard _guard = new PageGuard();
        private readonly ConcurrentDictionary<string, Flash> _flashes = new ConcurrentDictionary<string, Flash>(StringComparer.Ordinal);

        public SynthesizePages(EmulatorRuntime rt) => _rt = rt;

        public static bool Owns(string path) => path == Prefix || path.StartsWith(Prefix + "/", StringComparison.Ordinal);

        private EmulatorState S => _rt.State;

        public async Task Handle(HttpContext ctx, string path)
        {
            if (PageGuard.RefuseRead(ctx) is string refused)
            {
                await Text(ctx, 403, refused);
                return;
            }
            if (path == Prefix)
            {
                Redirect(ctx, Prefix + "/");
                return;
            }
            string[] parts = path.Substring(Prefix.Length).Split('/', StringSplitOptions.RemoveEmptyEntries);
            bool post = HttpMethods.IsPost(ctx.Request.Method);
            if (!post && !HttpMethods.IsGet(ctx.Request.Method) && !HttpMethods.IsHead(ctx.Request.Method))
            {
                await Text(ctx, 405, "Only GET and POST.");
                return;
            }
            if (parts.Length == 0 || (parts.Length == 1 && parts[0] == "checklist"))
            {
                if (post) await Text(ctx, 405, "Nothing to post here.");
                else await Render(ctx, null, parts.Length == 0 ? "welcome" : "checklist");
                return;
            }
            string org = parts[0] == "default" ? S.DefaultOrganizationId : parts[0];
            if (!S.FindPartner(org).IsOk)
            {
                await Text(ctx, 404, $"No partner organization with id: {org}");
                return;
            }
            string page = string.Join("/", parts.Skip(1));
            if (post) await Post(ctx, org, page);
            else await Render(ctx, org, page.Length == 0 ? "integrations" : page);
        }

        // ---------- GET ----------

        private async Task Render(HttpContext ctx, string? org, string page)
        {
            string nonce = EmulatorState.RandomHex(16);
            Flash? flash = null;
            if (ctx.Request.Query["m"].ToString() is { Length: > 0 } id && _flashes.TryRemove(id, out Flash? f) && f.OrganizationId == org) flash = f;
            long? seen = long.TryParse(ctx.Request.Cookies[SeenCookie], NumberStyles.Integer, CultureInfo.InvariantCulture, out long v) ? v : null;
            string? confirm = ctx.Request.Query["confirm"].ToString() is { Length: > 0 } c ? c : null;

            string? html = S.Locked(() =>
            {
                PartnerRecord? p = null;
                if (org != null)
                {
                    // Alerts past their delay become tickets when a page looks, as when the control API reads them.
                    Result<PartnerRecord> r = S.WithDueAlertsProcessed(org);
                    if (!r.IsOk) return null;
                    p = r.Value;
                }
                var changes = p == null ? new List<RequestLogEntry>() : Changes(p.OrganizationId, seen);
                var pc = new PageContext(p, S.Partners, S.Vendor, _guard.FormToken, nonce, flash, changes, seen == null, confirm);
                return page switch
                {
                    "welcome" => Layout.Page(pc, "Welcome", "welcome", Layout.Welcome(pc)),
                    "checklist" => Layout.Page(pc, "QA checklist", "checklist", Layout.Checklist(pc)),
                    "integrations" => Layout.Page(pc, "Integrations", "integrations", SetupPages.Integrations(pc), SetupPages.IntegrationsModal(pc)),
                    "setup" => Layout.Page(pc, "Set up", "integrations", SetupPages.Setup(pc)),
                    "setup/accounts" => Layout.Page(pc, "Map accounts", "integrations", SetupPages.Accounts(pc)),
                    "setup/services" => Layout.Page(pc, "Map services", "integrations", SetupPages.Services(pc, S.AllServices(pc.P)), SetupPages.ServicesModal(pc)),
                    "billing" => Layout.Page(pc, "Billing", "billing", BillingPages.Billing(pc, S.AllServices(pc.P))),
                    "tickets" => Layout.Page(pc, "PSA tickets", "tickets", BillingPages.Tickets(pc)),
                    _ => null,
                };
            });
            if (html == null)
            {
                await Text(ctx, 404, "No such page.");
                return;
            }
            ctx.Response.Cookies.Append(SeenCookie, _rt.Log.NextIndex.ToString(CultureInfo.InvariantCulture), new CookieOptions
            {
                Path = Prefix,
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                IsEssential = true,
            });
            PageGuard.SecureHeaders(ctx.Response, nonce);
            ctx.Response.StatusCode = 200;
            ctx.Response.ContentType = "text/html; charset=utf-8";
            byte[] bytes = Encoding.UTF8.GetBytes(html);
            ctx.Response.ContentLength = bytes.Length;
            if (!HttpMethods.IsHead(ctx.Request.Method)) await ctx.Response.Body.WriteAsync(bytes, ctx.RequestAborted);
        }

        /// <summary>This partner's vendor-API requests (and unauthenticated ones: a stale key is news too) since <paramref name="seen"/>, or its last few when the browser is new here.</summary>
        private List<RequestLogEntry> Changes(string org, long? seen)
        {
            const int Shown = 30;
            long next = _rt.Log.NextIndex;
            long since = seen ?? 0;
            if (since > next) since = 0; // the emulator restarted under this cookie
            var list = _rt.Log.Read(Math.Max(since, next - 2000), null, null, 2000, out _, out _).Where(e => e.OrganizationId == org || e.OrganizationId == null).ToList();
            return list.Count > Shown ? list.GetRange(list.Count - Shown, Shown) : list;
        }

        // ---------- POST ----------

        private async Task Post(HttpContext ctx, string org, string page)
        {
            if (!ctx.Request.HasFormContentType)
            {
                await Text(ctx, 415, "Post a form.");
                return;
            }
            IFormCollection form = await ctx.Request.ReadFormAsync(ctx.RequestAborted);
            if (_guard.RefusePost(ctx, form) is string refused)
            {
                await Text(ctx, 403, refused);
                return;
            }
            string root = Prefix + "/" + Html.Seg(org);
            string Field(string name) => form[name].ToString();
            string? Target() => Field("psaId") is { Length: > 0 } t ? t : null;

            (Result<PartnerRecord> Result, string Next, string Notice, bool ShowKey) outcome = page switch
            {
                // "Generate API Token": the first one connects; later ones replace the key.
                "token" => (S.FindPartner(org).Value.Connected ? S.RegenerateKey(org, null) : S.Connect(org, null), root + "/setup", "API key generated.", true),
                "regenerate" => (S.RegenerateKey(org, null), root + "/integrations", "A new API key was generated; the old one no longer works.", true),
                "disconnect" => (Disconnect(org), root + "/integrations", "Disconnected.", false),
                "accounts/map" => (S.MapAccount(org, Field("id"), Target(), null), root + "/setup/accounts", Target() == null ? "Account unmapped." : "Account mapped.", false),
                "services/map" => (S.MapService(org, Field("id"), Target(), null), root + "/setup/services", Target() == null ? "Service unmapped." : "Service mapped.", false),
                "finish" => (S.Finish(org), root + "/integrations", "Setup finished: the integration is connected.", false),
                "billing/rebuild" => (S.RebuildBilling(org), root + "/billing", "Billing rebuilt.", false),
                _ => (DomainError.NotFound("No such action."), "", "", false),
            };
            if (!outcome.Result.IsOk)
            {
                DomainError e = outcome.Result.Error!;
                await Text(ctx, e.Kind == ErrorKind.NotFound ? 404 : e.Kind == ErrorKind.Conflict ? 409 : 400, e.Message);
                return;
            }
            string? key = outcome.ShowKey ? outcome.Result.Value.PartnerKey : null;
            Redirect(ctx, outcome.Next + "?m=" + AddFlash(new Flash(org, outcome.Notice, key)));
        }

        private Result<PartnerRecord> Disconnect(string org)
        {
            Result<DisconnectOutcome> r = S.Disconnect(org);
            return r.IsOk ? r.Value.Partner : r.Error!;
        }

        private string AddFlash(Flash f)
        {
            // Unread messages (a closed tab) must not pile up: drop arbitrary old ones past the cap.
            if (_flashes.Count >= FlashCapacity)
                foreach (string old in _flashes.Keys.Take(_flashes.Count - FlashCapacity + 1)) _flashes.TryRemove(old, out _);
            string id = EmulatorState.RandomHex(16);
            _flashes[id] = f;
            return id;
        }

        private static void Redirect(HttpContext ctx, string to)
        {
            ctx.Response.StatusCode = 303;
            ctx.Response.Headers["Location"] = to;
            ctx.Response.Headers["Cache-Control"] = "no-store";
        }

        private static async Task Text(HttpContext ctx, int status, string message)
        {
            string nonce = EmulatorState.RandomHex(16);
            PageGuard.SecureHeaders(ctx.Response, nonce);
            ctx.Response.StatusCode = status;
            ctx.Response.ContentType = "text/html; charset=utf-8";
            var h = new Html();
            h.Raw("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Synthesize (local emulator)</title></head><body><main><h1>")
             .T(status.ToString(CultureInfo.InvariantCulture)).Raw("</h1><p id=\"error\">").T(message).Raw("</p><p><a href=\"").Raw(Prefix).Raw("/\">Back to the start page</a></p></main></body></html>");
            await ctx.Response.WriteAsync(h.ToString(), ctx.RequestAborted);
        }
    }
}
