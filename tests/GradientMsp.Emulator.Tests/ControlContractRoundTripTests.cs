using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Threading.Tasks;
using GradientMsp.Client.Emulator;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Xunit;

namespace GradientMsp.Emulator.Tests
{
    /// <summary>
    /// The control API's DTOs are written twice: the emulator's views (anonymous objects, System.Text.Json)
    /// and the control client's models (Newtonsoft POCOs). This ties them: every view the emulator
    /// serialises is read back through the control client, written out again from the client's model,
    /// and must carry every field the emulator sent, under the same name, with the same value. A field
    /// renamed, dropped or retyped on either side fails here instead of reaching a cmdlet as a default.
    /// </summary>
    public class ControlContractRoundTripTests
    {
        [Fact]
        public async Task Every_control_view_survives_a_trip_through_the_client_models()
        {
            await using var emu = await Emu.StartAsync();
            using var c = new EmulatorControlClient(new Uri("http://localhost/"), emu.Http);

            // Fill every view: a mapped account and sku with a count, an org service, an alert turned
            // ticket, a fault, a request log, a second partner.
            string sku = await emu.MappedPair();
            Assert.Equal(201, (await emu.Count(sku, "acc-1", 7)).Status);
            Assert.Equal(201, (await emu.Api("POST", "/organization/services", new[] { new { id = "os-1", name = "Org Service", description = "d" } })).Status);
            await c.FinishAsync();
            await emu.Api("POST", "/alerting/acc-1", new { title = "t", description = "d", alertId = "a-1", priority = 2, status = 1, serviceId = sku });
            await c.ProcessAlertsAsync();
            await emu.Api("POST", "/alerting/acc-1", new { title = "t2", description = "d2", alertId = "a-2", priority = 1, status = 1 });
            await c.AddFaultAsync(new EmulatorFaultSpec { Kind = "latency", LatencyMs = 1, Path = "/nothing-calls-this", Count = 3, Probability = 0.5, Message = "m" });
            await c.CreatePartnerAsync(new EmulatorNewPartner { Name = "Second", SeedPsa = true });

            var failures = new List<string>();
            var check = new Checker(emu, failures);
            await check.Read("/info", x => x.GetInfoAsync());
            await check.Read("/settings", x => x.GetSettingsAsync());
            await check.Read("/partners", x => x.ListPartnersAsync());
            await check.Read("/partners/default", x => x.GetPartnerAsync());
            await check.Read("/partners/default/psa", x => x.GetPsaAsync());
            await check.Read("/partners/default/wizard", x => x.GetWizardAsync());
            await check.Read("/partners/default/mappings", x => x.GetMappingsAsync());
            await check.Read("/partners/default/billing", x => x.GetBillingAsync());
            await check.Read("/partners/default/alerts", x => x.GetAlertsAsync());
            await check.Read("/partners/default/tickets", x => x.GetTicketsAsync());
            await check.Read("/faults", x => x.ListFaultsAsync());
            await check.Read("/requests", x => x.GetRequestsAsync());
            await check.Read("/state", x => x.GetStateAsync());
            await check.Read("POST /partners/default/disconnect", x => x.DisconnectAsync());

            Assert.True(failures.Count == 0, "The client's models do not read back what the emulator sends:\n" + string.Join("\n", failures));
        }

        [Fact]
        public void The_comparison_notices_a_field_the_client_does_not_carry()
        {
            // Guards the test above against passing vacuously.
            var failures = new List<string>();
            var wire = JToken.Parse("{\"rateLimit\":5,\"alertDelayMs\":10,\"somethingNew\":true}");
            Compare("/settings", wire, new EmulatorSettings { RateLimit = 5, AlertDelayMs = 10 }, failures);
            Assert.Equal(new[] { "/settings: $.somethingNew is sent by the emulator but the client's model has no such field" }, failures);

            failures.Clear();
            Compare("/settings", JToken.Parse("{\"rateLimit\":5,\"alertDelayMs\":10}"), new EmulatorSettings { RateLimit = 6, AlertDelayMs = 10 }, failures);
            Assert.Single(failures);
            Assert.Contains("$.rateLimit", failures[0]);
        }

        /// <summary>Calls the control client and compares what it read with the very bytes the emulator answered.</summary>
        private sealed class Checker
        {
            private readonly Emu _emu;
            private readonly List<string> _failures;

            public Checker(Emu emu, List<string> failures)
            {
                _emu = emu;
                _failures = failures;
            }

            public async Task Read<T>(string route, Func<EmulatorControlClient, Task<T>> call)
            {
                JToken? wire = null;
                using var http = new HttpClient(new Capture(_emu.Server.CreateHandler(), body => wire = Parse(body)));
                using var client = new EmulatorControlClient(new Uri("http://localhost/"), http);
                T model = await call(client);
                Assert.NotNull(wire);
                Compare(route, wire!, model!, _failures);
            }
        }

        private static JToken Parse(string text)
        {
            using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Decimal };
            return JToken.ReadFrom(reader);
        }

        private static void Compare(string route, JToken wire, object model, List<string> failures)
        {
            JToken back = Parse(JsonConvert.SerializeObject(model));
            Walk(route, "$", wire, back, failures);
        }

        private static void Walk(string route, string path, JToken wire, JToken back, List<string> failures)
        {
            switch (wire)
            {
                case JObject wireObject:
                    if (!(back is JObject backObject))
                    {
                        failures.Add($"{route}: {path} is an object on the wire but {back.Type} in the client's model");
                        return;
                    }

                    foreach (JProperty property in wireObject.Properties())
                    {
                        if (!backObject.TryGetValue(property.Name, StringComparison.Ordinal, out JToken? backValue))
                        {
                            failures.Add($"{route}: {path}.{property.Name} is sent by the emulator but the client's model has no such field");
                            continue;
                        }

                        Walk(route, path + "." + property.Name, property.Value, backValue, failures);
                    }

                    return;
                case JArray wireArray:
                    if (!(back is JArray backArray) || backArray.Count != wireArray.Count)
                    {
                        failures.Add($"{route}: {path} is an array of {wireArray.Count} on the wire but {back.ToString(Formatting.None)} after the client");
                        return;
                    }

                    for (int i = 0; i < wireArray.Count; i++)
                        Walk(route, $"{path}[{i}]", wireArray[i], backArray[i], failures);
                    return;
                default:
                    if (!SameValue(wire, back))
                        failures.Add($"{route}: {path} is {wire.ToString(Formatting.None)} on the wire but {back.ToString(Formatting.None)} after the client");
                    return;
            }
        }

        // Numbers compare by value (10 and 10.0 are the same count); everything else exactly.
        private static bool SameValue(JToken wire, JToken back)
        {
            bool wireNumber = wire.Type == JTokenType.Integer || wire.Type == JTokenType.Float;
            bool backNumber = back.Type == JTokenType.Integer || back.Type == JTokenType.Float;
            if (wireNumber && backNumber) return wire.Value<decimal>() == back.Value<decimal>();
            return JToken.DeepEquals(wire, back);
        }

        private sealed class Capture : DelegatingHandler
        {
            private readonly Action<string> _seen;

            public Capture(HttpMessageHandler inner, Action<string> seen) : base(inner) => _seen = seen;

            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, System.Threading.CancellationToken cancellationToken)
            {
                HttpResponseMessage response = await base.SendAsync(request, cancellationToken);
                string body = await response.Content.ReadAsStringAsync(cancellationToken);
                _seen(body);
                response.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
                return response;
            }
        }
    }
}
