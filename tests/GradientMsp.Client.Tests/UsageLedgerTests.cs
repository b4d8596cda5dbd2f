using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using GradientMsp.Client.Ledger;
using GradientMsp.Client.Models;
using GradientMsp.Client.Session;
using GradientMsp.Client.Usage;
using Newtonsoft.Json.Linq;

namespace GradientMsp.Client.Tests
{
    /// <summary>The push ledger: the store itself, and the engine's use of it (docs/usage-sync.md, "Ledger"). No sleeps, fake time.</summary>
    public class UsageLedgerTests : IDisposable
    {
        private const string SecretPartnerKey = "partner-secret-Q7Z9W";
        private readonly string _dir;
        private readonly string _path;
        private readonly TestRig _rig;
        // Accounts answered 404 right now; "fail*" accounts answer 500.
        private readonly ConcurrentDictionary<string, bool> _unmapped = new ConcurrentDictionary<string, bool>();

        public UsageLedgerTests()
        {
            _dir = Path.Combine(Path.GetTempPath(), "gm-ledger-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(_dir);
            _path = Path.Combine(_dir, "usage.ledger");
            _rig = new TestRig();
            _rig.Handler.Responder = Route;
        }

        public void Dispose()
        {
            _rig.Dispose();
            try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
        }

        private Task<System.Net.Http.HttpResponseMessage> Route(CapturedRequest r, CancellationToken ct)
        {
            string account = (string)JObject.Parse(r.Body!)["accountId"]!;
            if (_unmapped.ContainsKey(account))
                return Task.FromResult(Http.Json(404, "{\"statusCode\":404,\"message\":\"Unknown account, or service is not mapped\"}"));
            if (account.StartsWith("fail", StringComparison.Ordinal))
                return Task.FromResult(Http.Json(400, "{\"statusCode\":400,\"message\":\"You have provided an invalid Id type\"}"));
            return Task.FromResult(Http.Json(201, "{\"status\":201,\"message\":\"Success - Created service unit count\"}"));
        }

        private static GradientIntegration Integration(string integrationId = "int-1", string status = "active")
            => new GradientIntegration { OrganizationId = "org-1", Name = "Contoso IT", IntegrationId = integrationId, VendorId = "vendor-1", Status = status };

        private static GradientCredential Key(string partnerKey = SecretPartnerKey) => new GradientCredential("vendor-key", partnerKey);

        private static UsageRow Row(string account, object count, string service = "svc-backup")
            => new UsageRow { AccountId = account, ServiceId = service, UnitCount = count };

        private List<JObject> Pushes() => _rig.Handler.Requests.Where(r => r.Method == "POST").Select(r => JObject.Parse(r.Body!)).ToList();

        private List<CapturedRequest> PushRequests() => _rig.Handler.Requests.Where(r => r.Method == "POST").ToList();

        private void ClearRequests()
        {
            while (_rig.Handler.Requests.TryDequeue(out _)) { }
        }

        /// <summary>One run of the engine against the ledger, as the cmdlet makes it.</summary>
        private async Task<(UsageSyncSummary Summary, List<UsageResult> Results, UsageLedgerPartner Partner)> Sync(
            IEnumerable<UsageRow> rows, GradientCredential? key = null, string integrationId = "int-1", bool force = false, bool zeroMissing = false, bool whatIf = false)
        {
            using var ledger = UsageLedger.Open(_path, _rig.Time);
            UsageLedgerPartner partner = ledger.Partner(Integration(integrationId), key ?? Key());
            using var engine = new UsageSyncEngine(_rig.Client, new UsageSyncOptions { Ledger = partner, Force = force, ZeroMissing = zeroMissing, WhatIf = whatIf, MaxConcurrency = 4 });
            var results = new List<UsageResult>();
            long index = 0;
            foreach (UsageRow row in rows)
            {
                row.Index = ++index;
                await engine.AddAsync(row, CancellationToken.None);
                results.AddRange(engine.TakeCompleted());
            }

            UsageSyncSummary summary = await engine.CompleteAsync(CancellationToken.None);
            results.AddRange(engine.TakeCompleted());
            return (summary, results, partner);
        }

        private List<UsageLedgerEntry> Read()
        {
            using var ledger = UsageLedger.Open(_path, _rig.Time);
            return ledger.Read().ToList();
        }

        // ------------------------------------------------------------------ the store

        [Fact]
        public void Landed_counts_are_kept_across_opens_with_time_and_run()
        {
            string runId;
            using (var ledger = UsageLedger.Open(_path, _rig.Time))
            {
                runId = ledger.RunId;
                UsageLedgerPartner partner = ledger.Partner(Integration(), Key());
                Assert.True(partner.IsNew);
                partner.Landed("acct-1", "svc-backup", 12.5m);
                partner.Flush();
            }

            UsageLedgerEntry entry = Assert.Single(Read());
            Assert.Equal(("org-1", "Contoso IT", "acct-1", "svc-backup", 12.5m), (entry.OrganizationId, entry.OrganizationName, entry.AccountId, entry.ServiceId, entry.UnitCount));
            Assert.Equal(_rig.Time.GetUtcNow(), entry.LandedAt);
            Assert.Equal(runId, entry.RunId);
            Assert.True(entry.Trusted);
        }

        [Fact]
        public void Writes_are_batched_in_transactions_not_one_per_row()
        {
            using var ledger = UsageLedger.Open(_path, _rig.Time);
            UsageLedgerPartner partner = ledger.Partner(Integration(), Key());
            for (int i = 0; i < 1200; i++) partner.Landed("acct-" + i, "svc", i);
            partner.Flush();
            Assert.Equal(3, ledger.Transactions);   // 500 + 500 + the last 200
            Assert.Equal(1200, ledger.Read().Count());
        }

        [Fact]
        public void Records_of_a_batch_are_written_at_least_once_a_second()
        {
            using var ledger = UsageLedger.Open(_path, _rig.Time);
            UsageLedgerPartner partner = ledger.Partner(Integration(), Key());
            partner.Landed("acct-1", "svc", 1);
            Assert.Equal(0, ledger.Transactions);
            _rig.Time.Advance(TimeSpan.FromSeconds(1));
            partner.Landed("acct-2", "svc", 2);
            Assert.Equal(1, ledger.Transactions);
        }

        [Fact]
        public void A_second_open_of_the_same_ledger_is_refused_with_what_to_do_until_the_first_closes()
        {
            using (UsageLedger.Open(_path, _rig.Time))
            {
                var ex = Assert.Throws<UsageLedgerException>(() => UsageLedger.Open(_path, _rig.Time));
                Assert.Equal(UsageLedgerProblem.InUse, ex.Problem);
                Assert.Contains("in use by another run", ex.Message);
                Assert.Contains("wait for the other run", ex.Message);
            }

            using (UsageLedger.Open(_path, _rig.Time)) { }
        }

        [Fact]
        public void A_file_that_is_not_a_ledger_is_refused_and_left_alone()
        {
            byte[] junk = Encoding.UTF8.GetBytes("AccountId,ServiceId,UnitCount\r\nacct,svc,1\r\n" + new string('x', 9000));
            File.WriteAllBytes(_path, junk);
            var ex = Assert.Throws<UsageLedgerException>(() => UsageLedger.Open(_path, _rig.Time));
            Assert.Equal(UsageLedgerProblem.NotALedger, ex.Problem);
            Assert.Contains("Give -LedgerPath a new file name", ex.Message);
            Assert.Equal(junk, File.ReadAllBytes(_path));
            // and the lock was let go
            File.Delete(_path);
            using (UsageLedger.Open(_path, _rig.Time)) { }
        }

        [Fact]
        public void A_ledger_from_a_newer_version_is_refused_and_one_from_an_unknown_older_layout_says_what_to_do()
        {
            using (UsageLedger.Open(_path, _rig.Time)) { }
            SetSchema(UsageLedger.SchemaVersion + 1);
            var newer = Assert.Throws<UsageLedgerException>(() => UsageLedger.Open(_path, _rig.Time));
            Assert.Equal(UsageLedgerProblem.UnsupportedVersion, newer.Problem);
            Assert.Contains("newer GradientMsp", newer.Message);
            Assert.Contains("Update-Module GradientMsp", newer.Message);

            SetSchema(0);
            var older = Assert.Throws<UsageLedgerException>(() => UsageLedger.Open(_path, _rig.Time));
            Assert.Contains("Move the file aside", older.Message);

            SetSchema(UsageLedger.SchemaVersion);
            using (UsageLedger.Open(_path, _rig.Time)) { }
        }

        private void SetSchema(int schema)
        {
            using var db = new LiteDB.LiteDatabase(new LiteDB.ConnectionString { Filename = _path, Connection = LiteDB.ConnectionType.Direct });
            var meta = db.GetCollection("meta");
            LiteDB.BsonDocument doc = meta.FindById("ledger");
            doc["schema"] = schema;
            meta.Update(doc);
        }

        [Fact]
        public void The_file_holds_a_fingerprint_of_the_partner_key_never_the_key()
        {
            using (var ledger = UsageLedger.Open(_path, _rig.Time))
            {
                UsageLedgerPartner partner = ledger.Partner(Integration(), Key());
                partner.Landed("acct-1", "svc", 1);
                partner.Flush();
                UsageLedgerPartnerInfo info = Assert.Single(ledger.Partners());
                Assert.Matches("^[0-9a-f]{16}$", info.KeyFingerprint);
            }

            foreach (string file in Directory.GetFiles(_dir))
            {
                byte[] bytes = File.ReadAllBytes(file);
                Assert.DoesNotContain(SecretPartnerKey, Encoding.UTF8.GetString(bytes));
                Assert.DoesNotContain(SecretPartnerKey, Encoding.Unicode.GetString(bytes));
            }
        }

        // ------------------------------------------------------------------ the engine with a ledger

        [Fact]
        public async Task A_re_run_sends_only_changed_rows_and_counts_the_rest_Unchanged()
        {
            await Sync(new[] { Row("a", 1), Row("b", 2), Row("c", 3) });
            Assert.Equal(3, Pushes().Count);
            ClearRequests();

            var (summary, results, _) = await Sync(new[] { Row("a", 1), Row("b", 20), Row("c", 3) });

            JObject push = Assert.Single(Pushes());
            Assert.Equal("b", (string)push["accountId"]!);
            Assert.Equal(2, summary.Unchanged);
            Assert.Equal(1, summary.Pushed);
            Assert.Equal(3, summary.Total);
            Assert.True(summary.BillingRebuilt);
            Assert.False(summary.KeptFresh);
            UsageResult a = results.Single(r => r.AccountId == "a");
            Assert.Equal(UsageOutcome.Unchanged, a.Outcome);
            Assert.Equal(1m, a.LedgerUnitCount);
            Assert.Equal(20m, Read().Single(e => e.AccountId == "b").UnitCount);
        }

        [Fact]
        public async Task A_run_that_changes_nothing_re_sends_one_row_without_no_build_so_billing_and_lastSyncedAt_move()
        {
            await Sync(new[] { Row("a", 1), Row("b", 2) });
            ClearRequests();

            var (summary, results, _) = await Sync(new[] { Row("a", 1), Row("b", 2) });

            CapturedRequest push = Assert.Single(PushRequests());
            Assert.DoesNotContain("no_build", push.Uri.Query);
            Assert.True(summary.KeptFresh);
            Assert.True(summary.BillingRebuilt);
            Assert.All(results, r => Assert.Equal(UsageOutcome.Unchanged, r.Outcome));
        }

        [Fact]
        public async Task Unmapped_rows_are_not_recorded_and_are_tried_again_next_run()
        {
            _unmapped["u"] = true;
            await Sync(new[] { Row("a", 1), Row("u", 5) });
            Assert.DoesNotContain(Read(), e => e.AccountId == "u");
            ClearRequests();

            await Sync(new[] { Row("a", 1), Row("u", 5) });
            Assert.Contains(Pushes(), p => (string)p["accountId"]! == "u");
        }

        [Fact]
        public async Task A_pair_that_landed_then_goes_unmapped_is_no_longer_vouched_for_and_is_sent_again()
        {
            await Sync(new[] { Row("a", 1), Row("b", 2) });
            _unmapped["b"] = true;
            await Sync(new[] { Row("a", 1), Row("b", 3) });
            UsageLedgerEntry b = Read().Single(e => e.AccountId == "b");
            Assert.Equal(2m, b.UnitCount);   // what last landed, still shown
            Assert.False(b.Trusted);
            _unmapped.Clear();
            ClearRequests();

            var (summary, _, _) = await Sync(new[] { Row("a", 1), Row("b", 2) });
            Assert.Contains(Pushes(), p => (string)p["accountId"]! == "b");
            Assert.Equal(1, summary.Unchanged);
            Assert.True(Read().Single(e => e.AccountId == "b").Trusted);
        }

        [Fact]
        public async Task A_failed_push_is_not_recorded_as_landed()
        {
            var (summary, _, _) = await Sync(new[] { Row("fail-1", 4), Row("a", 1) });
            Assert.Equal(1, summary.Failed);
            Assert.DoesNotContain(Read(), e => e.AccountId == "fail-1");
        }

        [Fact]
        public async Task Pairs_in_the_ledger_but_not_in_the_input_are_Missing_and_with_ZeroMissing_pushed_as_0()
        {
            await Sync(new[] { Row("a", 1), Row("gone", 7) });
            ClearRequests();

            var (summary, results, _) = await Sync(new[] { Row("a", 1) });
            UsageResult missing = results.Single(r => r.Outcome == UsageOutcome.Missing);
            Assert.Equal(("gone", 7m, (decimal?)null), (missing.AccountId, missing.LedgerUnitCount!.Value, missing.UnitCount));
            Assert.Contains("-ZeroMissing", missing.Reason);
            Assert.Equal(1, summary.Missing);
            Assert.Equal(2, summary.Total);
            Assert.DoesNotContain(Pushes(), p => (string)p["accountId"]! == "gone");
            ClearRequests();

            (summary, results, _) = await Sync(new[] { Row("a", 1) }, zeroMissing: true);
            JObject zero = Pushes().Single(p => (string)p["accountId"]! == "gone");
            Assert.Equal(0m, (decimal)zero["unitCount"]!);
            UsageResult pushed = results.Single(r => r.AccountId == "gone");
            Assert.Equal(UsageOutcome.Pushed, pushed.Outcome);
            Assert.StartsWith("Missing from the input", pushed.Reason);
            Assert.Equal(1, summary.Missing);
            Assert.Equal(0m, Read().Single(e => e.AccountId == "gone").UnitCount);
        }

        [Fact]
        public async Task A_new_partner_key_or_integration_distrusts_the_entries_and_sends_every_row_saying_why()
        {
            await Sync(new[] { Row("a", 1), Row("b", 2) });
            ClearRequests();

            var (summary, _, partner) = await Sync(new[] { Row("a", 1), Row("b", 2) }, key: Key("a-new-partner-key"));
            Assert.Equal(2, Pushes().Count);
            Assert.Contains("partner key differs", summary.LedgerDistrusted);
            Assert.DoesNotContain("a-new-partner-key", summary.LedgerDistrusted);
            Assert.Equal(0, summary.Unchanged);
            ClearRequests();

            // Recorded under the new identity: trusted again on the next run with that key.
            (summary, _, _) = await Sync(new[] { Row("a", 1), Row("b", 2) }, key: Key("a-new-partner-key"));
            Assert.Null(summary.LedgerDistrusted);
            Assert.Equal(2, summary.Unchanged);
            ClearRequests();

            (summary, _, _) = await Sync(new[] { Row("a", 1), Row("b", 2) }, key: Key("a-new-partner-key"), integrationId: "int-2");
            Assert.Contains("integration differs", summary.LedgerDistrusted);
            Assert.Equal(2, Pushes().Count);
        }

        [Fact]
        public void An_integration_that_is_no_longer_active_is_not_trusted_since_a_disconnect_resets_it()
        {
            using var ledger = UsageLedger.Open(_path, _rig.Time);
            Assert.Null(ledger.Partner(Integration(status: "pending"), Key()).DistrustReason);   // first sight: nothing to distrust
            Assert.Null(ledger.Partner(Integration(), Key()).DistrustReason);
            Assert.Contains("status is 'inactive'", ledger.Partner(Integration(status: "inactive"), Key()).DistrustReason);
        }

        [Fact]
        public async Task A_run_cut_off_after_the_new_identity_was_recorded_still_does_not_trust_the_old_entries()
        {
            await Sync(new[] { Row("a", 1), Row("b", 2) });
            // The reconnect is noticed, then the run dies before pushing anything.
            using (var ledger = UsageLedger.Open(_path, _rig.Time))
            {
                Assert.NotNull(ledger.Partner(Integration(), Key("reconnected-key")).DistrustReason);
            }

            ClearRequests();
            var (summary, _, _) = await Sync(new[] { Row("a", 1), Row("b", 2) }, key: Key("reconnected-key"));
            Assert.Equal(2, Pushes().Count);
            Assert.Equal(0, summary.Unchanged);
        }

        [Fact]
        public async Task Force_sends_every_row_and_still_records()
        {
            await Sync(new[] { Row("a", 1) });
            ClearRequests();
            var (summary, _, _) = await Sync(new[] { Row("a", 1), Row("b", 2) }, force: true);
            Assert.Equal(2, Pushes().Count);
            Assert.Equal(0, summary.Unchanged);
            Assert.Equal(2, Read().Count);
        }

        [Fact]
        public async Task When_a_pair_comes_twice_the_later_row_stands_even_if_it_equals_the_ledger()
        {
            await Sync(new[] { Row("a", 5) });
            ClearRequests();
            await Sync(new[] { Row("a", 3), Row("a", 5) });
            List<JObject> pushes = Pushes();
            Assert.Equal(5m, (decimal)pushes.Last()["unitCount"]!);
            Assert.Equal(5m, Read().Single().UnitCount);
        }

        // ------------------------------------------------------------------ the coordinator (what the cmdlet drives)

        private async Task<UsageSyncSummary> Coordinate(string organizationAnswer, IEnumerable<UsageRow> rows)
        {
            _rig.Handler.Responder = (r, ct) => r.Method == "GET"
                ? Task.FromResult(organizationAnswer == "500" ? Http.Json(500, "{\"message\":\"down\"}") : Http.Json(200, organizationAnswer))
                : Route(r, ct);
            using var session = GradientSession.Open(new GradientCredential("vendor-key", SecretPartnerKey), _rig.Options);
            using var ledger = UsageLedger.Open(_path, _rig.Time);
            using var sync = new UsageSyncCoordinator(_ => true, 4, 0, TimeSpan.Zero) { Ledger = ledger };
            foreach (UsageRow row in rows) await sync.AddAsync(session, row);
            UsageSyncSummary summary = await sync.CompleteAsync(session);
            Assert.Equal(summary.Total, sync.TakeCompleted().Count);
            return summary;
        }

        private const string Organization = "{\"organizationId\":\"org-9\",\"name\":\"Fabrikam\",\"integrationId\":\"int-9\",\"vendorId\":\"vendor-1\",\"status\":\"active\"}";

        [Fact]
        public async Task The_coordinator_reads_each_partners_organization_once_and_keeps_its_entries_under_it()
        {
            await Coordinate(Organization, new[] { Row("a", 1), Row("b", 2) });
            Assert.Single(_rig.Handler.Requests, r => r.Method == "GET" && r.Path.EndsWith("/organization", StringComparison.Ordinal));
            Assert.All(Read(), e => Assert.Equal(("org-9", "Fabrikam"), (e.OrganizationId, e.OrganizationName)));
            ClearRequests();

            UsageSyncSummary again = await Coordinate(Organization, new[] { Row("a", 1), Row("b", 2) });
            Assert.Equal(2, again.Unchanged);
        }

        [Fact]
        public async Task When_the_organization_cannot_be_read_every_row_is_sent_none_recorded_and_the_summary_says_why()
        {
            UsageSyncSummary summary = await Coordinate("500", new[] { Row("a", 1), Row("b", 2) });
            Assert.Equal(2, summary.Pushed);
            Assert.Contains("The ledger was not used", summary.LedgerProblem);
            Assert.Empty(Read());
        }

        [Fact]
        public async Task WhatIf_with_a_ledger_says_what_would_be_sent_unchanged_and_missing_and_sends_nothing()
        {
            await Sync(new[] { Row("a", 1), Row("b", 2), Row("gone", 3) });
            ClearRequests();
            var (summary, results, _) = await Sync(new[] { Row("a", 1), Row("b", 20), Row("new", 1) }, whatIf: true);
            Assert.Empty(PushRequests());
            Assert.Equal(UsageOutcome.Unchanged, results.Single(r => r.AccountId == "a").Outcome);
            Assert.Contains("would be sent (the ledger has 2", results.Single(r => r.AccountId == "b").Reason);
            Assert.Contains("not in the ledger", results.Single(r => r.AccountId == "new").Reason);
            Assert.Equal(UsageOutcome.Missing, results.Single(r => r.AccountId == "gone").Outcome);
            Assert.Equal((1L, 2L, 1L), (summary.Unchanged, summary.NotSent, summary.Missing));
            Assert.Equal(2m, Read().Single(e => e.AccountId == "b").UnitCount);
        }
    }
}
