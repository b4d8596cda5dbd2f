using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GradientMsp.Client.Emulator;
using Xunit;

namespace GradientMsp.Emulator.Tests
{
    /// <summary>The client's EmulatorControlClient against the in-memory emulator: the whole QA checklist.</summary>
    public class ControlClientTests
    {
        private static EmulatorControlClient ClientFor(Emu emu) => new EmulatorControlClient(new Uri("http://localhost/"), emu.Http);

        [Fact]
        public async Task Qa_checklist_end_to_end_through_the_control_client()
        {
            await using var emu = await Emu.StartAsync();
            using EmulatorControlClient c = ClientFor(emu);
            CancellationToken ct = CancellationToken.None;

            Assert.True(await c.IsHealthyAsync(ct));
            EmulatorInfo info = await c.GetInfoAsync(ct);
            Assert.Equal(Emu.VendorKey, info.VendorKey);
            Assert.Equal(emu.Token, info.Token);
            Assert.EndsWith("/api/vendor-api", info.ApiBaseUri);

            // 1. disconnect if connected; connect; generate API token
            EmulatorDisconnectResult d = await c.DisconnectAsync(cancellationToken: ct);
            Assert.True(d.WasConnected);
            EmulatorPartner p = await c.ConnectAsync(cancellationToken: ct);
            Assert.True(p.Connected);
            Assert.Equal("inactive", p.Status);
            emu.Token = p.Token!;
            Assert.False((await c.GetWizardAsync(cancellationToken: ct)).NextEnabled);

            // 2. vendor authenticates and sets pending → Next lights up
            await emu.SetPending();
            Assert.True((await c.GetWizardAsync(cancellationToken: ct)).NextEnabled);

            // 3. accounts and services sync in; map them
            await emu.CreateAccount("cust-1", "My Customer");
            string sku = await emu.CreateSku("My Backup");
            EmulatorWizardState w = await c.GetWizardAsync(cancellationToken: ct);
            Assert.Equal(1, w.AccountsReceived);
            Assert.Equal(1, w.ServicesReceived);
            Assert.Equal(new[] { "cust-1" }, w.UnmappedAccounts);
            EmulatorMappings m = await c.MapAccountByNameAsync("default", "cust-1", "Contoso Ltd", ct);
            Assert.Equal("psa-client-1", m.Accounts.Single().PsaClientId);
            m = await c.MapServiceAsync("default", sku, "psa-service-2", ct);
            Assert.Equal("Cloud Backup", m.Services.Single().PsaServiceName);
            Assert.Equal("vendor", m.Services.Single().Kind);

            // 4. finish
            Assert.True((await c.FinishAsync(cancellationToken: ct)).SetupFinished);

            // 5. vendor syncs usage; the billing page shows it
            Assert.Equal(201, (await emu.Count(sku, "cust-1", 11)).Status);
            EmulatorBillingPage billing = await c.GetBillingAsync(cancellationToken: ct);
            EmulatorBillingCard card = billing.Cards.Single(x => x.ServiceId == sku);
            Assert.Equal("Reconcile", card.State);
            Assert.Equal(10m, card.PsaQuantity);
            Assert.Equal(11m, card.ImportedQuantity);
            Assert.Equal(1, billing.BillingRebuilds);
            Assert.Equal("active", (await c.GetPartnerAsync(cancellationToken: ct)).Status);

            EmulatorSnapshot snap = await c.GetStateAsync(cancellationToken: ct);
            EmulatorPartnerSnapshot ps = snap.Partners.Single();
            Assert.Equal(11m, ps.Counts.Single().UnitCount);
            Assert.False(ps.Counts.Single().LastNoBuild);
            Assert.Equal("vendor", ps.Counts.Single().ServiceKind);
            Assert.Equal("psa-client-1", ps.Accounts.Single().PsaClientId);
            Assert.NotNull(snap.Raw);

            // 6. disconnect and reconnect
            Assert.Equal(1, (await c.DisconnectAsync(cancellationToken: ct)).DeletedAccounts);
            EmulatorPartner again = await c.ConnectAsync("default", "new-partner-key", ct);
            Assert.Equal("new-partner-key", again.PartnerKey);
            Assert.Equal(0, again.Accounts);
        }

        [Fact]
        public async Task Faults_requests_alerts_psa_settings_and_errors_through_the_client()
        {
            await using var emu = await Emu.StartAsync();
            using EmulatorControlClient c = ClientFor(emu);

            EmulatorFault f = await c.AddFaultAsync(new EmulatorFaultSpec { Kind = "status", StatusCode = 429, RetryAfterSeconds = 2, Count = 1, Path = "/organization" });
            Assert.Equal(1, f.Remaining);
            Assert.Single(await c.ListFaultsAsync());
            Reply r = await emu.Api("GET", "/organization");
            Assert.Equal(429, r.Status);
            Assert.Equal("2", r.RetryAfter);
            await c.AddFaultAsync(new EmulatorFaultSpec { Kind = "latency", LatencyMs = 1 });
            Assert.Equal(1, await c.ClearFaultsAsync());
            Assert.False(await c.RemoveFaultAsync("f42"));

            EmulatorRequestLog log = await c.GetRequestsAsync(pathContains: "/organization");
            Assert.Equal(429, log.Entries.Single().Status);
            Assert.Equal(f.Id, log.Entries.Single().Fault);
            await c.ClearRequestsAsync();
            Assert.Empty((await c.GetRequestsAsync(since: log.NextIndex)).Entries);

            EmulatorPsaData psa = await c.UpdatePsaAsync("default", new EmulatorPsaUpdate
            {
                Clients = { },
                Services = new System.Collections.Generic.List<EmulatorPsaItem> { new EmulatorPsaItem { Id = "psa-x", Name = "Extra" } },
                Contracts = new System.Collections.Generic.List<EmulatorContractLine> { new EmulatorContractLine { ClientId = "psa-client-1", ServiceId = "psa-x", Quantity = 4 } },
            });
            Assert.Contains(psa.Contracts, l => l.ServiceId == "psa-x" && l.Quantity == 4m);
            Assert.Equal(5, (await c.GetPsaAsync()).Services.Count);

            await emu.MappedPair("acc-1");
            EmulatorSettings s = await c.UpdateSettingsAsync(alertDelayMs: 60_000);
            Assert.Equal(60_000, s.AlertDelayMs);
            await emu.Api("POST", "/alerting/acc-1", new { title = "t", description = "d", alertId = "a-1", priority = 2, status = 1 });
            Assert.Equal("pending", (await c.GetAlertsAsync()).Single().State);
            Assert.Equal(1, await c.ProcessAlertsAsync());
            EmulatorTicket t = (await c.GetTicketsAsync()).Single();
            Assert.Equal("medium", t.Priority);
            Assert.Equal("Contoso Ltd", t.PsaClientName);

            EmulatorPartner second = await c.CreatePartnerAsync(new EmulatorNewPartner { Name = "Second", SeedPsa = true });
            Assert.Equal(4, second.PsaClients);
            Assert.Equal(2, (await c.ListPartnersAsync()).Count);
            EmulatorPartner regenerated = await c.RegenerateKeyAsync(second.OrganizationId);
            Assert.NotEqual(second.PartnerKey, regenerated.PartnerKey);

            var ex = await Assert.ThrowsAsync<EmulatorControlException>(() => c.FinishAsync("nope"));
            Assert.Equal(System.Net.HttpStatusCode.NotFound, ex.StatusCode);
            Assert.Contains("nope", ex.Message);

            EmulatorInfo reset = await c.ResetAsync(seed: false);
            Assert.Equal(emu.OrgId, reset.OrganizationId);
            Assert.Equal(0, (await c.GetPartnerAsync()).PsaClients);
        }
    }
}
