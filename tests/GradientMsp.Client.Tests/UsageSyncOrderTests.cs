using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using GradientMsp.Client.Usage;
using Newtonsoft.Json.Linq;

namespace GradientMsp.Client.Tests
{
    /// <summary>The same account x service twice in a run (the later row stands), the breaker (401, a dead service) and abandoning a run.</summary>
    public class UsageSyncOrderTests : IDisposable
    {
        private readonly TestRig _rig;
        private readonly ConcurrentQueue<(string Account, decimal Count)> _arrivals = new ConcurrentQueue<(string, decimal)>();

        public UsageSyncOrderTests()
        {
            _rig = new TestRig(o => o.MaxRetries = 0);
            _rig.Handler.Responder = Route;
        }

        public void Dispose() => _rig.Dispose();

        /// <summary>Runs before a push is answered (after its arrival is recorded).</summary>
        private Func<string, decimal, CancellationToken, Task> BeforeAnswer { get; set; } = (a, c, ct) => Task.CompletedTask;
        private Func<string, HttpResponseMessage?> Answer { get; set; } = _ => null;

        private async Task<HttpResponseMessage> Route(CapturedRequest r, CancellationToken ct)
        {
            var body = JObject.Parse(r.Body!);
            var account = (string)body["accountId"]!;
            var count = (decimal)body["unitCount"]!;
            _arrivals.Enqueue((account, count));
            await BeforeAnswer(account, count, ct);
            return Answer(account) ?? Http.Json(201, "{\"status\":201,\"message\":\"Success\"}");
        }

        private List<CapturedRequest> Pushes => _rig.Handler.Requests.Where(r => r.Method == "POST").ToList();

        private static UsageRow Row(long index, string account, decimal count) => new UsageRow { Index = index, AccountId = account, ServiceId = "svc-1", UnitCount = count };

        private static async Task<(UsageSyncSummary Summary, List<UsageResult> Results)> Run(UsageSyncEngine engine, IEnumerable<UsageRow> rows)
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

        [Fact]
        public async Task A_later_row_of_the_same_pair_is_sent_only_after_the_earlier_push_and_its_count_stands()
        {
            var gate = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            BeforeAnswer = (account, count, ct) => account == "a" && count == 1 ? gate.Task.WaitAsync(ct) : Task.CompletedTask;
            using var engine = new UsageSyncEngine(_rig.Client, new UsageSyncOptions { MaxConcurrency = 8 });
            var rows = new[] { Row(1, "a", 1), Row(2, "b", 5), Row(3, "a", 2), Row(4, "c", 7) };
            foreach (var row in rows) await engine.AddAsync(row, CancellationToken.None);

            // Rows 1-3 are out (row 4 is held for the billing rebuild); row 3 waits for row 1's answer.
            await Drive.Until(() => _arrivals.Any(x => x.Account == "b"));
            await Task.Delay(100);
            Assert.DoesNotContain(_arrivals, x => x.Account == "a" && x.Count == 2);

            gate.SetResult(true);
            var summary = await engine.CompleteAsync(CancellationToken.None);
            var results = engine.TakeCompleted().ToDictionary(r => r.Index);

            Assert.Equal(new decimal[] { 1, 2 }, _arrivals.Where(x => x.Account == "a").Select(x => x.Count));
            Assert.Equal(UsageOutcome.Superseded, results[1].Outcome);
            Assert.Contains("row 3", results[1].Reason);
            Assert.Equal(UsageOutcome.Pushed, results[3].Outcome);
            Assert.Contains("Row 1", results[3].Reason);
            Assert.Equal(1, summary.DuplicatePairs);
            Assert.Equal(1, summary.Superseded);
            Assert.Equal(3, summary.Pushed);
            Assert.Equal(4, summary.Total);
            Assert.True(summary.BillingRebuilt);
        }

        [Fact]
        public async Task Back_to_back_rows_of_one_pair_are_coalesced_into_one_push_of_the_later_count()
        {
            using var engine = new UsageSyncEngine(_rig.Client);
            var (summary, results) = await Run(engine, new[] { Row(1, "a", 1), Row(2, "a", 2), Row(3, "b", 3), Row(4, "b", 4), Row(5, "b", 5) });

            Assert.Equal(new[] { ("a", 2m), ("b", 5m) }, _arrivals.ToArray());
            Assert.Equal(new[] { UsageOutcome.Superseded, UsageOutcome.Pushed, UsageOutcome.Superseded, UsageOutcome.Superseded, UsageOutcome.Pushed },
                results.OrderBy(r => r.Index).Select(r => r.Outcome));
            Assert.StartsWith("Not sent", results.Single(r => r.Index == 1).Reason);
            Assert.Equal(2, summary.DuplicatePairs);
            Assert.Equal(3, summary.Superseded);
            Assert.Equal(5, summary.Total);
            Assert.True(summary.BillingRebuilt);
        }

        [Fact]
        public async Task A_401_stops_the_run_the_rest_are_NotSent_and_billing_is_not_rebuilt()
        {
            Answer = _ => Http.Json(401, "{\"statusCode\":401,\"message\":\"Unauthorized\"}");
            using var engine = new UsageSyncEngine(_rig.Client, new UsageSyncOptions { MaxConcurrency = 4 });
            var (summary, results) = await Run(engine, Enumerable.Range(1, 200).Select(i => Row(i, "acct-" + i, i)));

            Assert.Equal(200, results.Count);
            Assert.Equal(200, results.Select(r => r.Index).Distinct().Count());
            Assert.InRange(Pushes.Count, 1, 4);
            Assert.Equal(Pushes.Count, summary.Failed);
            Assert.Equal(200 - Pushes.Count, summary.NotSent);
            Assert.Equal(UsageSyncStop.AuthenticationFailed, summary.Stopped);
            Assert.Contains("401", summary.StopReason);
            Assert.All(results.Where(r => r.Outcome == UsageOutcome.NotSent), r => Assert.Contains("401", r.Reason));
            Assert.False(summary.BillingRebuilt);
        }

        [Fact]
        public async Task Consecutive_connection_failures_open_the_breaker_and_a_success_resets_the_count()
        {
            _rig.Handler.Responder = async (r, ct) =>
            {
                var account = (string)JObject.Parse(r.Body!)["accountId"]!;
                await Task.Yield();
                if (account == "ok") return Http.Json(201, "{\"status\":201}");
                throw new HttpRequestException("Connection refused");
            };
            using var engine = new UsageSyncEngine(_rig.Client, new UsageSyncOptions { MaxConcurrency = 1, BreakerThreshold = 3 });
            var rows = new[] { Row(1, "x1", 1), Row(2, "x2", 1), Row(3, "ok", 1), Row(4, "x4", 1) }
                .Concat(Enumerable.Range(5, 50).Select(i => Row(i, "x" + i, 1)));
            var (summary, results) = await Run(engine, rows);

            Assert.Equal(54, results.Count);
            // Two failures, a success (the count starts again), then three failures open the breaker.
            Assert.Equal(6, Pushes.Count);
            Assert.Equal(5, summary.Failed);
            Assert.Equal(48, summary.NotSent);
            Assert.Equal(UsageSyncStop.CircuitOpen, summary.Stopped);
            Assert.Contains("3 pushes in a row", summary.StopReason);
            Assert.False(summary.BillingRebuilt);
        }

        [Fact]
        public async Task An_abandoned_run_reports_every_row_and_does_not_rebuild_billing()
        {
            using var engine = new UsageSyncEngine(_rig.Client, new UsageSyncOptions { MaxConcurrency = 4 });
            var results = new List<UsageResult>();
            for (int i = 1; i <= 10; i++) await engine.AddAsync(Row(i, "acct-" + i, i), CancellationToken.None);
            engine.Abandon();
            await engine.AddAsync(Row(11, "acct-11", 11), CancellationToken.None);
            var summary = await engine.CompleteAsync(CancellationToken.None);
            results.AddRange(engine.TakeCompleted());

            Assert.Equal(Enumerable.Range(1, 11).Select(i => (long)i), results.Select(r => r.Index).OrderBy(i => i));
            Assert.Equal(9, summary.Pushed);
            Assert.Equal(2, summary.NotSent);
            Assert.Equal(UsageSyncStop.Abandoned, summary.Stopped);
            Assert.False(summary.BillingRebuilt);
            Assert.All(Pushes, p => Assert.Equal("?no_build=true", p.Query));
        }

        [Fact]
        public async Task A_row_the_caller_marked_unusable_is_Invalid_with_that_reason_and_not_sent()
        {
            using var engine = new UsageSyncEngine(_rig.Client);
            var row = Row(1, "a", 1);
            row.Problem = "None of the fields is a usage field.";
            var (summary, results) = await Run(engine, new[] { row });
            Assert.Equal(UsageOutcome.Invalid, Assert.Single(results).Outcome);
            Assert.Equal(row.Problem, results[0].Reason);
            Assert.Empty(Pushes);
        }
    }
}
