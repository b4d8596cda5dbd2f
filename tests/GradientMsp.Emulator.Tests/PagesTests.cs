using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Xunit;

namespace GradientMsp.Emulator.Tests
{
    /// <summary>The /synthesize pages' guards and rules, in memory (the browser tests click the same pages in Chromium).</summary>
    public class PagesTests
    {
        private static async Task<(HttpStatusCode Status, string Html, HttpResponseMessage Raw)> Get(Emu emu, string path, string? host = null, string? cookie = null)
        {
            using var req = new HttpRequestMessage(HttpMethod.Get, path);
            if (host != null) req.Headers.Host = host;
            if (cookie != null) req.Headers.Add("Cookie", cookie);
            HttpResponseMessage res = await emu.Http.SendAsync(req);
            return (res.StatusCode, await res.Content.ReadAsStringAsync(), res);
        }

        private static async Task<HttpResponseMessage> Post(Emu emu, string path, string? formToken, string? origin = null, string? fetchSite = null,
            Dictionary<string, string>? fields = null)
        {
            var all = new Dictionary<string, string>(fields ?? new Dictionary<string, string>());
            if (formToken != null) all["_form"] = formToken;
            using var req = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(all) };
            if (origin != null) req.Headers.Add("Origin", origin);
            if (fetchSite != null) req.Headers.Add("Sec-Fetch-Site", fetchSite);
            return await emu.Http.SendAsync(req);
        }

        private static async Task<string> FormToken(Emu emu)
        {
            var (_, html, _) = await Get(emu, "/synthesize/default/integrations");
            return Regex.Match(html, "name=\"_form\" value=\"([0-9a-f]+)\"").Groups[1].Value;
        }

        [Fact]
        public async Task Hostile_account_names_are_text_not_markup()
        {
            await using Emu emu = await Emu.StartAsync();
            await emu.SetPending();
            await emu.CreateAccount("acc-x", "<script>alert('x')</script>\" onfocus=\"alert(1)");
            var (status, html, _) = await Get(emu, "/synthesize/default/setup/accounts");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot; onfocus=&quot;alert(1)", html);
            Assert.DoesNotContain("<script>alert", html);
            Assert.DoesNotContain("\" onfocus=\"", html);
        }

        [Fact]
        public async Task A_post_without_the_form_token_or_from_another_site_changes_nothing()
        {
            await using Emu emu = await Emu.StartAsync();
            string token = await FormToken(emu);
            Assert.Equal(HttpStatusCode.Forbidden, (await Post(emu, "/synthesize/default/disconnect", null)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await Post(emu, "/synthesize/default/disconnect", "0" + token.Substring(1))).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await Post(emu, "/synthesize/default/disconnect", token, origin: "http://evil.example")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await Post(emu, "/synthesize/default/disconnect", token, origin: "null")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await Post(emu, "/synthesize/default/disconnect", token, fetchSite: "cross-site")).StatusCode);
            Assert.NotNull(emu.State.PartnerKeyOf(emu.OrgId));

            HttpResponseMessage ok = await Post(emu, "/synthesize/default/disconnect", token, origin: "http://localhost", fetchSite: "same-origin");
            Assert.Equal(HttpStatusCode.SeeOther, ok.StatusCode);
            Assert.Null(emu.State.PartnerKeyOf(emu.OrgId));
        }

        [Fact]
        public async Task Pages_answer_only_under_a_loopback_host_name()
        {
            await using Emu emu = await Emu.StartAsync();
            Assert.Equal(HttpStatusCode.Forbidden, (await Get(emu, "/synthesize/default/integrations", host: "rebind.evil.example")).Status);
            Assert.Equal(HttpStatusCode.OK, (await Get(emu, "/synthesize/default/integrations", host: "127.0.0.1:5000")).Status);
            var (_, _, raw) = await Get(emu, "/synthesize/");
            Assert.Equal("DENY", string.Join(",", raw.Headers.GetValues("X-Frame-Options")));
        }

        [Fact]
        public async Task A_new_key_is_shown_once_and_is_the_partners_key()
        {
            await using Emu emu = await Emu.StartAsync();
            HttpResponseMessage res = await Post(emu, "/synthesize/default/regenerate", await FormToken(emu));
            Assert.Equal(HttpStatusCode.SeeOther, res.StatusCode);
            string location = res.Headers.Location!.ToString();
            string key = emu.State.PartnerKeyOf(emu.OrgId)!;
            Assert.NotEqual(Emu.PartnerKey, key);
            Assert.DoesNotContain(key, location);
            Assert.Contains($"id=\"new-key\" readonly value=\"{key}\"", (await Get(emu, location)).Html);
            Assert.DoesNotContain(key, (await Get(emu, location)).Html);
        }

        [Fact]
        public async Task The_portal_link_is_offered_only_for_a_web_url()
        {
            await using Emu emu = await Emu.StartAsync();
            Assert.Contains("id=\"portal-missing\"", (await Get(emu, "/synthesize/default/setup")).Html);
            Assert.Equal(200, (await emu.Api("PATCH", "", new { integrationPortalUrl = "javascript:alert(1)" })).Status);
            string html = (await Get(emu, "/synthesize/default/setup")).Html;
            Assert.Contains("not an http(s) URL", html);
            Assert.DoesNotContain("href=\"javascript:", html);
            Assert.Equal(200, (await emu.Api("PATCH", "", new { integrationPortalUrl = "https://portal.example/x?a=1&b=2" })).Status);
            Assert.Contains("href=\"https://portal.example/x?a=1&amp;b=2\">Open Vendor Portal", (await Get(emu, "/synthesize/default/setup")).Html);
        }

        [Fact]
        public async Task Next_lights_up_when_the_integration_sets_pending()
        {
            await using Emu emu = await Emu.StartAsync();
            string before = (await Get(emu, "/synthesize/default/setup")).Html;
            Assert.Contains("<button type=\"button\" disabled aria-disabled=\"true\">Next</button>", before);
            Assert.Contains("Next is not lit yet", (await Get(emu, "/synthesize/default/setup/accounts")).Html);
            await emu.SetPending();
            string after = (await Get(emu, "/synthesize/default/setup")).Html;
            Assert.Matches("<a href=\"/synthesize/[0-9a-f]+/setup/accounts\" class=\"button primary\">Next</a>", after);
        }

        [Fact]
        public async Task Each_page_shows_the_vendor_requests_since_the_last_look()
        {
            await using Emu emu = await Emu.StartAsync();
            var (_, _, first) = await Get(emu, "/synthesize/default/integrations");
            string cookie = first.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("gsyn_seen=")).Split(';')[0];
            await emu.SetPending();
            var (_, html, second) = await Get(emu, "/synthesize/default/integrations", cookie: cookie);
            Assert.Contains("PATCH /organization/status/pending", html.Replace("</code>", ""), System.StringComparison.Ordinal);
            cookie = second.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("gsyn_seen=")).Split(';')[0];
            Assert.Contains("the integration made no request since the last page load", (await Get(emu, "/synthesize/default/integrations", cookie: cookie)).Html);
        }

        [Fact]
        public async Task Finish_needs_Next_and_stops_auto_mapping_like_the_control_api()
        {
            await using Emu emu = await Emu.StartAsync();
            string token = await FormToken(emu);
            Assert.Equal(HttpStatusCode.Conflict, (await Post(emu, "/synthesize/default/finish", token)).StatusCode);
            await emu.SetPending();
            Assert.Equal(HttpStatusCode.SeeOther, (await Post(emu, "/synthesize/default/finish", token)).StatusCode);
            await emu.CreateAccount("acc-late", "Contoso Ltd");
            Reply mappings = await emu.Control("GET", "/partners/default/mappings");
            Assert.Null((string?)mappings.Json!["accounts"]![0]!["psaClientId"]);
            HttpResponseMessage map = await Post(emu, "/synthesize/default/accounts/map", token,
                fields: new Dictionary<string, string> { ["id"] = "acc-late", ["psaId"] = "psa-client-1" });
            Assert.Equal(HttpStatusCode.SeeOther, map.StatusCode);
            mappings = await emu.Control("GET", "/partners/default/mappings");
            Assert.Equal("psa-client-1", (string?)mappings.Json!["accounts"]![0]!["psaClientId"]);
        }
    }
}
