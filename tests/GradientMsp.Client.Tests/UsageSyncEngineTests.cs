using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GradientMsp.Client.Usage;
using Newtonsoft.Json.Linq;

namespace GradientMsp.Client.Tests
{
    public class UsageSyncEngineTests : IDisposable
    {
        private readonly TestRig _rig;
        private int _vendorGets, _orgGets, _inFlight, _maxInFlight;

        public UsageSyncEngineTests()
        {
            _rig = new TestRig(o => o.MaxRetries = 2);
            _rig.Handler.Responder = Route;
        }

        public void Dispose() => _rig.Dispose();

        /// <summary>Pushes: account "unmapped*" → 404, "fail*" → 500, "slow*" waits for the token; otherwise 201.</summary>
        private Func<string, CancellationToken, Task>? BeforeCount { get; set; }
        private string OrgServices { get; set; } = "404";

        private const string Vendor = "{\"status\":200,\"message\":\"ok\",\"data\":{\"id\":\"v\",\"name\":\"V\",\"skus\":["
            + "{\"id\":\"svc-backup\",\"name\":\"Backup\"},"
            + "{\"_id\":\"svc-mail\",\"name\":\"Hosted Mail\"},"
            + "{\"id\":\"dup-1\",\"name\":\"Twin\"},{\"id\":\"dup-2\",\"name\":\"twin\"},"
            + "{\"id\":\"same\",\"name\":\"Listed Twice\"},{\"id\":\"same\",\"name\":\"Listed Twice\"}]}}";

        private async Task<System.Net.Http.HttpResponseMessage> Route(CapturedRequest r, CancellationToken ct)
        {
            if (r.Method == "GET" && r.Path == "/api/vendor-api")
            {
                Interlocked.Increment(ref _vendorGets);
                return Http.Json(200, Vendor);
            }
            if (r.Method == "GET" && r.Path == "/api/vendor-api/organization/services")
            {
                Interlocked.Increment(ref _orgGets);
                return OrgServices == "404" ? Http.Json(404, "{\"statusCode\":404,\"message\":\"Vendor Profile Not Found\"}")
                    : OrgServices == "500" ? Http.Json(500, "{\"message\":\"boom\"}")
                    : Http.Json(200, OrgServices);
            }
            Assert.Equal("POST", r.Method);
            var body = JObject.Parse(r.Body!);
            var account = (string)body["accountId"]!;
            int now = Interlocked.Increment(ref _inFlight);
            try
            {
                int seen;
                while ((seen = Volatile.Read(ref _maxInFlight)) < now && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen) { }
                if (BeforeCount != null) await BeforeCount(account, ct);
                else await Task.Yield();
                if (account.StartsWith("unmapped", StringComparison.Ordinal))
                    return Http.Json(404, "{\"statusCode\":404,\"message\":\"No account map found with id: " + account + "\"}");
                if (account.StartsWith("fail", StringComparison.Ordinal))
                    return Http.Json(500, "{\"statusCode\":500,\"message\":\"database down\"}");
                return Http.Json(201, "{\"status\":201,\"message\":\"Success - Created service unit count\"}");
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }

        private static UsageRow Row(long index, string? account, object? count, string? serviceId = "svc-backup", string? serviceName = null)
            => new UsageRow { Index = index, AccountId = account, ServiceId = serviceId, ServiceName = serviceName, UnitCount = count, Source = "src" + index };

        private async Task<(UsageSyncSummary Summary, List<UsageResult> Results)> Run(UsageSyncEngine engine, IEnumerable<UsageRow> rows)
        {
            var results = new List<UsageResult>();
            foreach (var row in rows)
            {
                await engine.AddAsync(row, CancellationToken.None);
                results.AddRange(engine.TakeCompleted());
            }
            var summary = await engine.CompleteAsync(CancellationToken.None);
            results.AddRange(engine.TakeCompleted());
            return (summary, results);
        }

        private List<CapturedRequest> Pushes => _rig.Handler.Requests.Where(r => r.Method == "POST").ToList();

        private static JObject BodyOf(CapturedRequest r) => JObject.Parse(r.Body!);

        [Fact]
        public async Task Invalid_rows_are_reported_with_a_reason_and_never_sent()
        {
            using var engine = new UsageSyncEngine(_rig.Client);
            var rows = new[]
            {
                Row(0, null, 1),
                Row(1, "   ", 1),
                Row(2, "a", 1, serviceId: null, serviceName: null),
                Row(3, "a", null),
                Row(4, "a", ""),
                Row(5, "a", "   "),
                Row(6, "a", "twelve"),
                Row(7, "a", -1),
                Row(8, "a", "-0.5"),
                Row(9, "a", double.NaN),
                Row(10, "a", double.PositiveInfinity),
                Row(11, "a", "Infinity"),
                Row(12, "a", true),
                Row(13, "a", 1, serviceId: " ", serviceName: "No Such Service"),
                Row(14, "a", 1, serviceId: null, serviceName: "TWIN"),
                Row(15, "a", "1,5"),
            };
            var (summary, results) = await Run(engine, rows);

            Assert.Equal(rows.Length, results.Count);
            Assert.All(results, r => Assert.Equal(UsageOutcome.Invalid, r.Outcome));
            Assert.All(results, r => Assert.False(string.IsNullOrWhiteSpace(r.Reason)));
            Assert.Empty(Pushes);
            Assert.Equal(rows.Length, summary.Invalid);
            Assert.Equal(rows.Length, summary.Total);
            Assert.False(summary.BillingRebuilt);

            string ReasonOf(long i) => results.Single(r => r.Index == i).Reason!;
            Assert.Contains("AccountId", ReasonOf(0));
            Assert.Contains("AccountId", ReasonOf(1));
            Assert.Contains("Neither ServiceId nor ServiceName", ReasonOf(2));
            Assert.Contains("missing", ReasonOf(3));
            Assert.Contains("missing", ReasonOf(4));
            Assert.Contains("missing", ReasonOf(5));
            Assert.Contains("not a number", ReasonOf(6));
            Assert.Contains("negative", ReasonOf(7));
            Assert.Contains("negative", ReasonOf(8));
            Assert.Contains("finite", ReasonOf(9));
            Assert.Contains("finite", ReasonOf(10));
            Assert.Contains("finite", ReasonOf(11));
            Assert.Contains("not a number", ReasonOf(12));
            Assert.Contains("Unknown service name", ReasonOf(13));
            Assert.Contains("ambiguous", ReasonOf(14));
            Assert.Contains("not a number", ReasonOf(15));
            Assert.Equal("src6", results.Single(r => r.Index == 6).Source);
        }

        [Theory]
        [InlineData(0, 0)]
        [InlineData("0", 0)]
        [InlineData(" 42 ", 42)]
        [InlineData("1e3", 1000)]
        [InlineData("2.5", 2.5)]
        [InlineData(7L, 7)]
        [InlineData((byte)3, 3)]
        [InlineData((short)4, 4)]
        [InlineData(5u, 5)]
        [InlineData(6ul, 6)]
        [InlineData(2.25f, 2.25)]
        [InlineData(1.5d, 1.5)]
        public void Unit_counts_of_any_numeric_type_or_invariant_text_are_accepted(object value, double expected)
        {
            Assert.True(UsageSyncEngine.TryParseUnitCount(value, out var count, out var problem), problem);
            Assert.Equal((decimal)expected, count);
            Assert.True(UsageSyncEngine.TryParseUnitCount(12.75m, out count, out _));
            Assert.Equal(12.75m, count);
        }

        [Fact]
        public async Task Zero_is_pushed_as_a_number()
        {
            using var engine = new UsageSyncEngine(_rig.Client);
            var (summary, results) = await Run(engine, new[] { Row(0, "a", 0), Row(1, "b", "0") });
            Assert.Equal(2, summary.Pushed);
            Assert.All(Pushes, p => Assert.Equal(JTokenType.Integer, BodyOf(p)["unitCount"]!.Type));
            Assert.All(Pushes, p => Assert.Equal(0, (int)BodyOf(p)["unitCount"]!));
            Assert.All(results, r => Assert.Equal(0m, r.UnitCount));
        }

        [Fact]
        public async Task No_build_on_every_push_but_the_last_which_goes_after_all_others_and_rebuilds_billing()
        {
            using var engine = new UsageSyncEngine(_rig.Client, new UsageSyncOptions { MaxConcurrency = 4 });
            var rows = Enumerable.Range(0, 25).Select(i => Row(i, "acct-" + i, i)).ToList();
            var (summary, results) = await Run(engine, rows);

            var pushes = Pushes;
            Assert.Equal(25, pushes.Count);
            Assert.All(pushes.Take(24), p => Assert.Equal("?no_build=true", p.Query));
            var last = pushes.Last();
            Assert.Equal("", last.Query);
            Assert.Equal("/api/vendor-api/service/svc-backup/count", last.Path);
            Assert.Equal("acct-24", (string)BodyOf(last)["accountId"]!);

            Assert.Equal(25, summary.Pushed);
            Assert.True(summary.BillingRebuilt);
            Assert.Equal(25, summary.Requests);
            Assert.Equal(0, summary.Retries);
            var rebuilt = Assert.Single(results, r => r.RebuiltBilling);
            Assert.Equal(24, rebuilt.Index);
            Assert.Equal(24, results.Last().Index);
            Assert.All(results, r => Assert.Equal(201, r.StatusCode));
            Assert.All(results, r => Assert.Equal(1, r.Attempts));
            Assert.True(_maxInFlight <= 4, "max in flight " + _maxInFlight);
        }

        [Fact]
        public async Task Concurrency_is_bounded()
        {
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            BeforeCount = (account, ct) => gate.Task.WaitAsync(ct);
            using var engine = new UsageSyncEngine(_rig.Client, new UsageSyncOptions { MaxConcurrency = 3 });
            for (int i = 0; i < 4; i++) await engine.AddAsync(Row(i, "a" + i, 1), CancellationToken.None);
            // Rows 0..2 are in flight (row 3 is held); a fifth row must wait for a slot.
            await Drive.Until(() => Volatile.Read(ref _inFlight) == 3);
            var fifth = engine.AddAsync(Row(4, "a4", 1), CancellationToken.None);
            Assert.False(await Drive.Settled(fifth));
            Assert.Equal(3, Volatile.Read(ref _inFlight));
            Assert.Empty(engine.TakeCompleted()); // the fifth row waits: it is neither sent nor dropped
            gate.SetResult();
            await fifth;
            var summary = await engine.CompleteAsync(CancellationToken.None);
            Assert.Equal(5, summary.Total);
            Assert.Equal(5, summary.Pushed);
            Assert.Equal(3, _maxInFlight);
        }

        [Fact]
        public async Task A_caller_waiting_for_a_slot_is_woken_once_a_batch_of_slots_is_free()
        {
            // MaxConcurrency 8 frees callers in batches of 2: a blocked PowerShell pipeline thread is
            // then woken once per batch of pushes, not once per push.
            var gates = Enumerable.Range(0, 10).ToDictionary(i => "a" + i, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            BeforeCount = (account, ct) => gates[account].Task.WaitAsync(ct);
            using var engine = new UsageSyncEngine(_rig.Client, new UsageSyncOptions { MaxConcurrency = 8 });
            for (int i = 0; i < 9; i++) await engine.AddAsync(Row(i, "a" + i, 1), CancellationToken.None);
            await Drive.Until(() => Volatile.Read(ref _inFlight) == 8);

            var next = engine.AddAsync(Row(9, "a9", 1), CancellationToken.None);
            Assert.False(await Drive.Settled(next));
            gates["a0"].SetResult();
            Assert.False(await Drive.Settled(next)); // one free slot is not a batch yet
            gates["a1"].SetResult();
            await next;

            foreach (var gate in gates.Values) gate.TrySetResult();
            var summary = await engine.CompleteAsync(CancellationToken.None);
            Assert.Equal(10, summary.Pushed);
            Assert.True(_maxInFlight <= 8, "max in flight " + _maxInFlight);
        }

        [Fact]
        public async Task Service_names_are_resolved_once_case_insensitively()
        {
            using var engine = new UsageSyncEngine(_rig.Client);
            var rows = new[]
            {
                Row(0, "a", 1, serviceId: null, serviceName: "backup"),
                Row(1, "b", 2, serviceId: null, serviceName: "BACKUP"),
                Row(2, "c", 3, serviceId: "", serviceName: "Hosted Mail"),
                Row(3, "d", 4, serviceId: null, serviceName: "Listed Twice"),
                Row(4, "e", 5, serviceId: null, serviceName: "Hosted Mail"),
            };
            var (summary, results) = await Run(engine, rows);
            Assert.Equal(5, summary.Pushed);
            Assert.Equal(1, _vendorGets);
            Assert.Equal(0, _orgGets);
            Assert.Equal(new[] { "svc-backup", "svc-backup", "svc-mail", "same", "svc-mail" },
                results.OrderBy(r => r.Index).Select(r => r.ServiceId));
            Assert.Equal(new[] { "same", "svc-backup", "svc-backup", "svc-mail", "svc-mail" },
                Pushes.Select(p => p.Path.Split('/')[4]).OrderBy(id => id, StringComparer.Ordinal));
        }

        [Fact]
        public async Task Unknown_names_fall_back_once_to_organization_services()
        {
            OrgServices = "[{\"id\":\"org-7\",\"name\":\"Custom Thing\"}]";
            using var engine = new UsageSyncEngine(_rig.Client);
            var (summary, results) = await Run(engine, new[]
            {
                Row(0, "a", 1, serviceId: null, serviceName: "custom thing"),
                Row(1, "b", 1, serviceId: null, serviceName: "Nope"),
                Row(2, "c", 1, serviceId: null, serviceName: "Nope either"),
            });
            Assert.Equal(1, _vendorGets);
            Assert.Equal(1, _orgGets);
            Assert.Equal("org-7", results.Single(r => r.Index == 0).ServiceId);
            Assert.Equal(1, summary.Pushed);
            Assert.Equal(2, summary.Invalid);
        }

        [Fact]
        public async Task A_404_from_organization_services_is_ignored()
        {
            using var engine = new UsageSyncEngine(_rig.Client);
            var (summary, results) = await Run(engine, new[]
            {
                Row(0, "a", 1, serviceId: null, serviceName: "Nope"),
                Row(1, "b", 1, serviceId: null, serviceName: "Backup"),
                Row(2, "c", 1, serviceId: null, serviceName: "Nope 2"),
            });
            Assert.Equal(1, _orgGets);
            Assert.Equal(2, summary.Invalid);
            Assert.Equal(1, summary.Pushed);
        }

        [Fact]
        public async Task Unmapped_and_failed_rows_are_reported_and_the_rest_continue()
        {
            using var engine = new UsageSyncEngine(_rig.Client);
            var (summary, results) = await Run(engine, new[]
            {
                Row(0, "ok-0", 1), Row(1, "unmapped-1", 1), Row(2, "fail-2", 1), Row(3, "ok-3", 1),
            });
            var unmapped = results.Single(r => r.Index == 1);
            Assert.Equal(UsageOutcome.Unmapped, unmapped.Outcome);
            Assert.Equal(404, unmapped.StatusCode);
            Assert.Equal("No account map found with id: unmapped-1", unmapped.Reason);
            Assert.Equal(1, unmapped.Attempts);

            var failed = results.Single(r => r.Index == 2);
            Assert.Equal(UsageOutcome.Failed, failed.Outcome);
            Assert.Equal(500, failed.StatusCode);
            Assert.StartsWith("ServerError: ", failed.Reason);
            Assert.Contains("database down", failed.Reason);
            Assert.Equal(3, failed.Attempts);
            Assert.Equal(2, summary.Retries);
            Assert.Equal(6, summary.Requests);

            Assert.Equal(2, summary.Pushed);
            Assert.Equal(1, summary.Unmapped);
            Assert.Equal(1, summary.Failed);
            Assert.True(summary.BillingRebuilt);
        }

        [Theory]
        [InlineData("unmapped-last", UsageOutcome.Unmapped)]
        [InlineData("fail-last", UsageOutcome.Failed)]
        public async Task When_the_last_push_does_not_land_the_last_pushed_row_is_resent_to_rebuild_billing(string lastAccount, UsageOutcome lastOutcome)
        {
            using var engine = new UsageSyncEngine(_rig.Client, new UsageSyncOptions { MaxConcurrency = 1 });
            var (summary, results) = await Run(engine, new[]
            {
                Row(0, "ok-0", 5), Row(1, "ok-1", 7), Row(2, "unmapped-2", 1), Row(3, lastAccount, 9),
            });
            Assert.Equal(4, results.Count);
            Assert.Equal(lastOutcome, results.Single(r => r.Index == 3).Outcome);
            Assert.DoesNotContain(results, r => r.RebuiltBilling);
            Assert.True(summary.BillingRebuilt);

            var final = Pushes.Last();
            Assert.Equal("", final.Query);
            var body = BodyOf(final);
            Assert.Equal("ok-1", (string)body["accountId"]!);
            Assert.Equal(7, (int)body["unitCount"]!);
            Assert.Equal(2, summary.Pushed);
        }

        [Fact]
        public async Task No_rebuild_when_nothing_landed()
        {
            using var engine = new UsageSyncEngine(_rig.Client);
            var (summary, results) = await Run(engine, new[] { Row(0, "unmapped-0", 1), Row(1, "unmapped-1", 1) });
            Assert.False(summary.BillingRebuilt);
            Assert.Equal(2, summary.Unmapped);
            Assert.Equal(2, Pushes.Count);
        }

        [Fact]
        public async Task Every_row_yields_exactly_one_result()
        {
            using var engine = new UsageSyncEngine(_rig.Client, new UsageSyncOptions { MaxConcurrency = 5 });
            var random = new Random(1234);
            var rows = Enumerable.Range(0, 400).Select(i => (random.Next(6)) switch
            {
                0 => Row(i, "unmapped-" + i, i),
                1 => Row(i, "fail-" + i, i),
                2 => Row(i, null, i),
                3 => Row(i, "ok-" + i, i, serviceId: null, serviceName: "Hosted Mail"),
                _ => Row(i, "ok-" + i, random.Next(3) == 0 ? (object)("" + i) : i),
            }).ToList();
            var (summary, results) = await Run(engine, rows);
            Assert.Equal(Enumerable.Range(0, 400).Select(i => (long)i), results.Select(r => r.Index).OrderBy(i => i));
            Assert.Equal(400, summary.Total);
            Assert.Equal(400, summary.Pushed + summary.Unmapped + summary.Failed + summary.Invalid + summary.NotSent);
            Assert.Equal(summary.Pushed, results.Count(r => r.Outcome == UsageOutcome.Pushed));
            Assert.Equal(400, results.Count);
            Assert.Equal(0, Volatile.Read(ref _inFlight));
            Assert.Empty(engine.TakeCompleted());
        }

        [Fact]
        public async Task WhatIf_validates_and_resolves_but_sends_nothing()
        {
            using var engine = new UsageSyncEngine(_rig.Client, new UsageSyncOptions { WhatIf = true });
            var (summary, results) = await Run(engine, new[]
            {
                Row(0, "a", 1), Row(1, "b", 2, serviceId: null, serviceName: "backup"), Row(2, "c", -1), Row(3, "d", 3, serviceId: null, serviceName: "nope"),
            });
            Assert.Empty(Pushes);
            Assert.Equal(2, summary.NotSent);
            Assert.Equal(2, summary.Invalid);
            Assert.All(results.Where(r => r.Outcome == UsageOutcome.NotSent), r => Assert.Equal("WhatIf", r.Reason));
            Assert.Equal("svc-backup", results.Single(r => r.Index == 1).ServiceId);
            Assert.False(summary.BillingRebuilt);
        }

        [Fact]
        public async Task Cancelling_while_waiting_for_a_slot_reports_everything_unsent_as_NotSent()
        {
            BeforeCount = (account, ct) => Task.Delay(Timeout.Infinite, ct);
            using var engine = new UsageSyncEngine(_rig.Client, new UsageSyncOptions { MaxConcurrency = 2 });
            using var cts = new CancellationTokenSource();
            for (int i = 0; i < 3; i++) await engine.AddAsync(Row(i, "a" + i, 1), cts.Token);
            await Drive.Until(() => Volatile.Read(ref _inFlight) == 2);
            var blocked = engine.AddAsync(Row(3, "a3", 1), cts.Token);
            Assert.False(await Drive.Settled(blocked));
            cts.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => blocked);

            // Later rows are refused as NotSent too, and CompleteAsync returns the totals.
            await engine.AddAsync(Row(4, "a4", 1), CancellationToken.None);
            var summary = await engine.CompleteAsync(CancellationToken.None);
            var results = engine.TakeCompleted();
            Assert.Equal(new long[] { 0, 1, 2, 3, 4 }, results.Select(r => r.Index).OrderBy(i => i));
            Assert.All(results, r => Assert.Equal(UsageOutcome.NotSent, r.Outcome));
            Assert.Equal(5, summary.NotSent);
            Assert.False(summary.BillingRebuilt);
            Assert.DoesNotContain(_rig.Handler.Requests, r => r.Query == "");
        }

        [Fact]
        public async Task Cancelling_CompleteAsync_stops_in_flight_pushes_and_still_returns_the_totals()
        {
            BeforeCount = (account, ct) => account == "a0" ? Task.CompletedTask : Task.Delay(Timeout.Infinite, ct);
            using var engine = new UsageSyncEngine(_rig.Client, new UsageSyncOptions { MaxConcurrency = 4 });
            for (int i = 0; i < 4; i++) await engine.AddAsync(Row(i, "a" + i, 1), CancellationToken.None);
            var results = new List<UsageResult>();
            await Drive.Until(() =>
            {
                results.AddRange(engine.TakeCompleted());
                return results.Count == 1 && Volatile.Read(ref _inFlight) == 2;
            });
            using var cts = new CancellationTokenSource();
            var completing = engine.CompleteAsync(cts.Token);
            Assert.False(await Drive.Settled(completing));
            cts.Cancel();
            var summary = await completing;
            results.AddRange(engine.TakeCompleted());
            Assert.Equal(4, results.Count);
            Assert.Equal(1, summary.Pushed);
            Assert.Equal(3, summary.NotSent);
            Assert.False(summary.BillingRebuilt);
            Assert.Equal(4, summary.Total);
        }

        [Fact]
        public async Task A_result_can_be_taken_as_soon_as_it_is_final_and_only_once()
        {
            using var engine = new UsageSyncEngine(_rig.Client);
            Assert.Empty(engine.TakeCompleted());
            await engine.AddAsync(Row(0, null, 1), CancellationToken.None); // invalid: a result at once
            Assert.Single(engine.TakeCompleted());
            Assert.Empty(engine.TakeCompleted());

            await engine.CompleteAsync(CancellationToken.None);
            Assert.Empty(engine.TakeCompleted());
        }

        [Fact]
        public async Task Adding_after_completion_is_refused()
        {
            using var engine = new UsageSyncEngine(_rig.Client);
            await engine.CompleteAsync(CancellationToken.None);
            await Assert.ThrowsAsync<InvalidOperationException>(() => engine.AddAsync(Row(0, "a", 1), CancellationToken.None));
            Assert.Same(await engine.CompleteAsync(CancellationToken.None), await engine.CompleteAsync(CancellationToken.None));
        }
    }
}
