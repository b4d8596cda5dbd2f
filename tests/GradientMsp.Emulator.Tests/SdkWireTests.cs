using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace GradientMsp.Emulator.Tests
{
    /// <summary>
    /// Gradient's own generated SDK (github meetgradient/Synthesize-SDK-PS, module PSGradient) must run
    /// unmodified against the emulator. Each row below is one SDK function's request as its generated code
    /// puts it on the wire, written out by hand from reading that code (facts only, none of its code):
    /// <list type="bullet">
    /// <item>URL = the configured BaseUrl (default https://app.usegradient.com) + '/api/vendor-api/...' by plain
    /// string concatenation (PSGradient/Private/PSApiClient.ps1, PSGradient/Client/PSConfiguration.ps1);</item>
    /// <item>path values go through HttpUtility.UrlEncode (so a space becomes '+'); query values through
    /// HttpUtility.ParseQueryString, a multi-value parameter as repeated 'name[]' keys (encoded '%5b%5d'),
    /// a one-value array as plain 'name=', and a PowerShell $true as 'True';</item>
    /// <item>headers: 'Gradient-Token' (the Swagger scheme name), 'Accept: application/json' except on
    /// Update-PSVendorService, 'Content-Type: application/json' only on functions that send a body;</item>
    /// <item>bodies: ConvertTo-Json -Depth 100 of the Initialize-PS* model objects, which carry every model
    /// property: an unset [String] parameter is "" and an unset nullable date is null
    /// (PSGradient/Model/*.ps1); arrays for accounts and org services (',$x | ConvertTo-Json').</item>
    /// </list>
    /// "As the SDK expects" = a 2xx status (Invoke-WebRequest throws on anything else), a JSON content type
    /// when the function declares a return type, and the fields of that return model.
    /// Sources: PSGradient/Api/PSVendorAPIApi.ps1 at 423295f (the regeneration with org services and
    /// accountIds/returnUnmapped; master 709de05 has the same routes minus those), PSGradient/Api/PSAlertingAPIApi.ps1
    /// at 06bdfaf (dynamicServices; master names the dispatch function Invoke-PSAlertingControllerCreateTicket),
    /// models at 709de05 / 06bdfaf. See docs/emulator-fidelity.md, "Gradient's generated SDK".
    /// </summary>
    public sealed class SdkWireTests
    {
        private const string Api = "PSGradient/Api/PSVendorAPIApi.ps1";
        private const string Alerting = "PSGradient/Api/PSAlertingAPIApi.ps1";
        private const string Json = "application/json";

        /// <summary>One SDK call: <paramref name="Path"/> and <paramref name="Body"/> may hold {placeholders} filled from earlier answers.</summary>
        public sealed record SdkCall(string Function, string Source, string Method, string Path, string? Body, int Status, string Shape,
            bool Accept = true, Action<JsonNode?, Dictionary<string, string>>? Capture = null);

        // PowerShell 7's ConvertTo-Json layout (two-space indent); the emulator must not care, but the bytes are the SDK's.
        private static string Obj(params (string Name, string Value)[] fields)
        {
            var sb = new StringBuilder("{\r\n");
            for (int i = 0; i < fields.Length; i++)
                sb.Append("  \"").Append(fields[i].Name).Append("\": ").Append(fields[i].Value).Append(i < fields.Length - 1 ? ",\r\n" : "\r\n");
            return sb.Append('}').ToString();
        }

        private static string Arr(string obj) => "[\r\n  " + obj.Replace("\r\n", "\r\n  ") + "\r\n]";

        private static string S(string v) => "\"" + v + "\"";

        private static string Sku(JsonNode? vendor, string name)
        {
            foreach (JsonNode? sku in vendor!["skus"]!.AsArray())
                if ((string?)sku!["name"] == name) return (string)sku["_id"]!; // Invoke-GetServiceIds maps name -> _id
            throw new InvalidOperationException("sku not returned: " + name);
        }

        public static IReadOnlyList<SdkCall> Calls() => new[]
        {
            // Invoke-Authenticate (GradientHelpers/PSAuthenticate.ps1) is this call.
            new SdkCall("Get-PSIntegration", Api, "GET", "/api/vendor-api/organization", null, 200,
                "object:organizationId,name,vendorId,vendorName,integrationId,status,lastSyncedAt"),
            new SdkCall("Update-PSIntegrationStatus -Status pending", Api, "PATCH", "/api/vendor-api/organization/status/pending", null, 200,
                "object:data,message,status"),
            new SdkCall("Get-PSVendor", Api, "GET", "/api/vendor-api", null, 200, "object:data,message,status",
                Capture: (j, v) => v["vendorName"] = (string)j!["data"]!["name"]!),
            // Initialize-PSUpdateVendorRequest -IntegrationPortalUrl only: the three other fields go as "".
            new SdkCall("Update-PSVendor", Api, "PATCH", "/api/vendor-api",
                Obj(("name", S("")), ("description", S("")), ("vendorSupportPageUrl", S("")), ("integrationPortalUrl", S("https://vendor.example/gradient"))),
                200, "object:data,message,status",
                Capture: (j, v) =>
                {
                    Assert.Equal(v["vendorName"], (string?)j!["data"]!["name"]); // "" left the name alone
                    Assert.Equal("https://vendor.example/gradient", (string?)j["data"]!["integrationPortalUrl"]);
                }),
            // Initialize-PSCreateServiceRequest without SupportArticle/SupportContact.
            new SdkCall("New-PSVendorService", Api, "POST", "/api/vendor-api/service",
                Obj(("name", S("Endpoint Protection")), ("description", S("EDR for every seat")), ("supportArticle", S("")), ("supportContact", S("")),
                    ("category", S("security")), ("subcategory", S("endpoint detection and response (EDR)"))),
                201, "object:id,name,skus", Capture: (j, v) => v["sku"] = Sku(j, "Endpoint Protection")),
            new SdkCall("Get-PSVendorService", Api, "GET", "/api/vendor-api/service/{sku}", null, 200, "object:data,message,status"),
            // No body, no Accept, no Content-Type: the spec declared neither.
            new SdkCall("Update-PSVendorService", Api, "PATCH", "/api/vendor-api/service/{sku}", null, 200, "any", Accept: false),
            new SdkCall("Get-PSClients -Search Contoso", Api, "GET", "/api/vendor-api/organization/clients?search=Contoso", null, 200, "object:meta,clients",
                Capture: (j, v) => v["client"] = (string)j!["clients"]![0]!["id"]!),
            new SdkCall("Get-PSClients -PreviousId", Api, "GET", "/api/vendor-api/organization/clients?previousId={client}", null, 200, "object:meta,clients"),
            new SdkCall("Get-PSAccounts", Api, "GET", "/api/vendor-api/organization/accounts", null, 200, "array:"),
            // Invoke-CreateAccounts (GradientHelpers/PSCreateAccounts.ps1) posts one account per call, description "".
            new SdkCall("New-PSAccount", Api, "POST", "/api/vendor-api/organization/accounts",
                Arr(Obj(("name", S("Contoso Ltd")), ("description", S("")), ("id", S("acc-1")))), 201, "array:id,name,description"),
            new SdkCall("New-PSAccount", Api, "POST", "/api/vendor-api/organization/accounts",
                Arr(Obj(("name", S("Fabrikam")), ("description", S("")), ("id", S("acc-2")))), 201, "array:id,name,description"),
            // The case: a rename via Initialize-PSUpdateVendorPropertyRequest -Name sends "id": "" and "description": "".
            new SdkCall("Update-PSAccount", Api, "PATCH", "/api/vendor-api/organization/accounts/acc-2",
                Obj(("id", S("")), ("name", S("Fabrikam Inc")), ("description", S(""))), 200, "object:id,name,description",
                Capture: (j, v) =>
                {
                    Assert.Equal("acc-2", (string?)j!["id"]);
                    Assert.Equal("Fabrikam Inc", (string?)j["name"]);
                }),
            new SdkCall("Get-PSAccounts -AccountIds acc-1,acc-2", Api, "GET", "/api/vendor-api/organization/accounts?accountIds%5b%5d=acc-1&accountIds%5b%5d=acc-2",
                null, 200, "array:id,name,description", Capture: (j, v) => Assert.Equal(2, j!.AsArray().Count)),
            new SdkCall("Get-PSAccounts -AccountIds acc-1", Api, "GET", "/api/vendor-api/organization/accounts?accountIds=acc-1",
                null, 200, "array:id,name,description", Capture: (j, v) => Assert.Single(j!.AsArray())),
            new SdkCall("Get-PSAccounts -ReturnUnmapped $true", Api, "GET", "/api/vendor-api/organization/accounts?returnUnmapped=True",
                null, 200, "array:id,name,description", Capture: (j, v) => Assert.Equal(2, j!.AsArray().Count)),
            // Invoke-CreateServiceMappings (dynamicServices) uses the service name as its id.
            new SdkCall("New-PSServiceMappingObject", Api, "POST", "/api/vendor-api/organization/services",
                Arr(Obj(("name", S("Cloud Backup")), ("description", S("")), ("id", S("Cloud Backup")))), 201, "array:id,name,description"),
            new SdkCall("Get-PSServices -ServiceIds 'Cloud Backup'", Api, "GET", "/api/vendor-api/organization/services?serviceIds=Cloud+Backup",
                null, 200, "array:id,name,description", Capture: (j, v) => Assert.Single(j!.AsArray())),
            // UrlEncode puts '+' for the space in the PATH, where '+' is a literal plus: the real service (Express decodes
            // paths with decodeURIComponent) looks for "Cloud+Backup" and answers 404, so the emulator must too.
            new SdkCall("Update-PSService 'Cloud Backup' (SDK pitfall)", Api, "PATCH", "/api/vendor-api/organization/services/Cloud+Backup",
                Obj(("id", S("")), ("name", S("Cloud Backup Pro")), ("description", S(""))), 404, "object:statusCode,message"),
            new SdkCall("New-PSServiceMappingObject", Api, "POST", "/api/vendor-api/organization/services",
                Arr(Obj(("name", S("Archive")), ("description", S("")), ("id", S("archive")))), 201, "array:id,name,description"),
            new SdkCall("Update-PSService", Api, "PATCH", "/api/vendor-api/organization/services/archive",
                Obj(("id", S("")), ("name", S("Archive Plus")), ("description", S(""))), 200, "object:id,name,description",
                Capture: (j, v) => Assert.Equal("Archive Plus", (string?)j!["name"])),
            // Initialize-PSCreateBillingRequest -AccountId: clientOId goes as "", unitCount as a Decimal.
            new SdkCall("New-PSBilling", Api, "POST", "/api/vendor-api/service/{sku}/count",
                Obj(("clientOId", S("")), ("accountId", S("acc-1")), ("unitCount", "5")), 201, "object:status,message"),
            new SdkCall("New-PSBilling -NoBuild $true", Api, "POST", "/api/vendor-api/service/{sku}/count?no_build=True",
                Obj(("clientOId", S("")), ("accountId", S("acc-1")), ("unitCount", "12.5")), 201, "object:status,message"),
            // The deprecated form: -ClientOId with the PSA client id, accountId "".
            new SdkCall("New-PSBilling -ClientOId", Api, "POST", "/api/vendor-api/service/{sku}/count",
                Obj(("clientOId", S("{client}")), ("accountId", S("")), ("unitCount", "7")), 201, "object:status,message"),
            // Initialize-PSCreateAlertingDto: priority/status default 1, dueDateTime null, serviceId "".
            new SdkCall("Invoke-PSAlertingControllerDispatchAlert", Alerting, "POST", "/api/vendor-api/alerting/acc-1",
                Obj(("title", S("Disk full")), ("description", S("C: is at 95%")), ("alertId", S("alert-1")), ("priority", "1"), ("status", "1"),
                    ("dueDateTime", "null"), ("serviceId", S(""))),
                201, "object:messageId,alertId,correlationID", Capture: (j, v) => v["message"] = (string)j!["messageId"]!),
            new SdkCall("Invoke-PSAlertingControllerGetTicketByIdDebug", Alerting, "GET", "/api/vendor-api/alerting/debug/{message}", null, 200,
                "object:messageId,status"),
            // A [DateTime] as PowerShell 7 writes it (no zone); serviceId a mapped vendor sku.
            new SdkCall("Invoke-PSAlertingControllerDispatchAlert -DueDateTime -ServiceId", Alerting, "POST", "/api/vendor-api/alerting/acc-1",
                Obj(("title", S("Agent offline")), ("description", S("No check-in for 24 h")), ("alertId", S("alert-2")), ("priority", "3"), ("status", "2"),
                    ("dueDateTime", S("2026-01-20T09:30:00")), ("serviceId", S("{sku}"))),
                201, "object:messageId,alertId,correlationID"),
            new SdkCall("Update-PSIntegrationStatus -Status active", Api, "PATCH", "/api/vendor-api/organization/status/active", null, 200,
                "object:data,message,status"),
        };

        [Fact]
        public async Task Every_SDK_route_function_gets_the_answer_the_SDK_expects()
        {
            await using var emu = await Emu.StartAsync();
            var values = new Dictionary<string, string>();
            foreach (SdkCall call in Calls())
            {
                Reply r = await Send(emu, call.Method, Fill(call.Path, values), call.Body == null ? null : Fill(call.Body, values), call.Accept);
                string where = $"{call.Function} ({call.Source}): {call.Method} {call.Path} -> {r.Status} {r.Text}";
                Assert.True(call.Status == r.Status, where);
                AssertShape(call.Shape, r, where);
                call.Capture?.Invoke(r.Json, values);
            }

            // What the SDK's calls did, as the partner sees it: the counts landed on the mapped pair, the rename held.
            Assert.Equal("active", (await Send(emu, "GET", "/api/vendor-api/organization", null, accept: true)).Str("status"));
            JsonNode partner = (await emu.Control("GET", "/state")).Json!["partners"]![0]!;
            Assert.Contains(partner["counts"]!.AsArray(), c => (decimal?)c!["unitCount"] == 7m);
        }

        [Theory]
        [InlineData("http://localhost/", "GET", "/api/vendor-api/organization")]
        [InlineData("http://localhost/", "GET", "/api/vendor-api")]
        [InlineData("http://localhost/", "POST", "/api/vendor-api/service/abc/count")]
        [InlineData("http://localhost", "GET", "/api//vendor-api/organization")]
        [InlineData("http://localhost", "GET", "/api/vendor-api//organization/accounts")]
        public async Task A_doubled_slash_is_a_404_with_a_note_in_the_request_log(string baseUrl, string method, string route)
        {
            await using var emu = await Emu.StartAsync();
            // Set-PSConfiguration -BaseUrl 'http://host/' + '/api/...' gives '//api/...' (plain concatenation).
            string path = new Uri(baseUrl + route).AbsolutePath;
            Assert.Contains("//", path);
            Reply r = await Send(emu, method, path, method == "POST" ? "{\"accountId\":\"acc-1\",\"unitCount\":1}" : null, accept: true);
            Assert.Equal(404, r.Status);
            Assert.Equal($"Cannot {method} {path}", r.Message);
            Assert.Equal("Not Found", r.Str("error"));
            JsonNode entry = (await emu.Control("GET", "/requests")).Json!["entries"]![0]!;
            Assert.Equal(path, (string?)entry["path"]);
            Assert.Contains("doubled slash", (string?)entry["note"]);
        }

        [Fact]
        public async Task One_trailing_slash_is_still_served_as_Express_does()
        {
            await using var emu = await Emu.StartAsync();
            Assert.Equal(200, (await Send(emu, "GET", "/api/vendor-api/organization/", null, accept: true)).Status);
        }

        [Theory]
        [InlineData("{\"name\":\"\",\"description\":\"\",\"vendorSupportPageUrl\":\"\",\"integrationPortalUrl\":\"\"}")]
        [InlineData("{}")]
        public async Task A_vendor_update_with_nothing_but_empty_strings_is_still_refused(string body)
        {
            await using var emu = await Emu.StartAsync();
            Reply r = await Send(emu, "PATCH", "/api/vendor-api", body, accept: true);
            Assert.Equal(400, r.Status);
            Assert.Equal("Must provide at least one property value for updating", r.Message);
        }

        private static string Fill(string text, Dictionary<string, string> values)
        {
            foreach (KeyValuePair<string, string> kv in values) text = text.Replace("{" + kv.Key + "}", kv.Value, StringComparison.Ordinal);
            return text;
        }

        /// <summary>Sends the request as Invoke-PSApiClient does: Gradient-Token, Accept and Content-Type exactly, nothing else that matters.</summary>
        private static async Task<Reply> Send(Emu emu, string method, string pathAndQuery, string? body, bool accept)
        {
            using var req = new HttpRequestMessage(new HttpMethod(method), new Uri("http://localhost" + pathAndQuery));
            req.Headers.TryAddWithoutValidation("Gradient-Token", emu.Token);
            if (accept) req.Headers.TryAddWithoutValidation("Accept", Json);
            if (body != null)
            {
                req.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
                req.Content.Headers.ContentType = new MediaTypeHeaderValue(Json);
            }

            using HttpResponseMessage res = await emu.Http.SendAsync(req);
            return await Reply.From(res);
        }

        private static void AssertShape(string shape, Reply r, string where)
        {
            if (shape == "any") return;
            Assert.True(r.ContentType == Json, where); // DeserializeResponse only parses a JSON content type
            string[] kindAndFields = shape.Split(':');
            string[] fields = kindAndFields[1].Split(',', StringSplitOptions.RemoveEmptyEntries);
            if (kindAndFields[0] == "array")
            {
                Assert.True(r.Json is JsonArray, where);
                foreach (JsonNode? item in r.Json!.AsArray())
                    foreach (string f in fields) Assert.True(item!.AsObject().ContainsKey(f), where + " (item lacks " + f + ")");
                return;
            }

            Assert.True(r.Json is JsonObject, where);
            foreach (string f in fields) Assert.True(r.Json!.AsObject().ContainsKey(f), where + " (lacks " + f + ")");
        }
    }
}
