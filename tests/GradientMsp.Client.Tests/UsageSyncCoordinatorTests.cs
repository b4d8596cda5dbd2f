using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using GradientMsp.Client.Session;
using GradientMsp.Client.Usage;
using Microsoft.Extensions.Time.Testing;

namespace GradientMsp.Client.Tests
{
    /// <summary>A usage sync over many partners: routing, one engine per partner, numbering, WhatIf per partner, progress.</summary>
    public class UsageSyncCoordinatorTests : IDisposable
    {
        private readonly FakeHandler _handler = new FakeHandler();
        private readonly GradientSession _root;

        public UsageSyncCoordinatorTests()
        {
            _handler.Answer(200, "{\"status\":200,\"data\":\"ok\"}");
            _root = GradientSession.Open(new GradientCredential("v", "p-root"), new GradientClientOptions
            {
                BaseUri = new Uri("https://gradient.example"),
                PrimaryHandler = _handler,
                RequestsPerSecond = 0,
                MaxRetries = 0,
            });
        }

        public void Dispose()
        {
            _root.Close();
            _handler.Dispose();
        }

        private static string Token(string partner) => Convert.ToBase64String(Encoding.UTF8.GetBytes("v:" + partner));

        private static UsageRow Row(string account, decimal count) => new UsageRow { AccountId = account, ServiceId = "svc-1", UnitCount = count };

        private static async Task<List<RoutedUsageResult>> Finish(UsageSyncCoordinator sync, List<(GradientSession Session, UsageSyncSummary Summary)> summaries)
        {
            var results = new List<RoutedUsageResult>();
            foreach (GradientSession session in sync.Sessions)
            {
                UsageSyncSummary summary = await sync.CompleteAsync(session);
                summaries.Add((session, summary));
            }

            results.AddRange(sync.TakeCompleted());
            return results;
        }

        [Fact]
        public async Task Rows_fan_out_by_partner_key_with_one_engine_and_one_summary_per_partner()
        {
            var confirmed = new List<GradientSession>();
            using var sync = new UsageSyncCoordinator(s => { confirmed.Add(s); return true; }, 4, 0, TimeSpan.Zero);
            string?[] keys = { null, "p-two", null, "p-three", "p-two" };
            for (int i = 0; i < keys.Length; i++)
            {
                GradientSession session = UsageSyncCoordinator.Route(_root, keys[i]);
                await sync.AddAsync(session, Row("acct-" + i, i));
            }

            var summaries = new List<(GradientSession Session, UsageSyncSummary Summary)>();
            List<RoutedUsageResult> results = await Finish(sync, summaries);

            Assert.Equal(new[] { _root, _root.ForPartner("p-two"), _root.ForPartner("p-three") }, sync.Sessions);
            Assert.Equal(sync.Sessions, confirmed);
            Assert.Equal(new long[] { 2, 2, 1 }, summaries.Select(s => s.Summary.Pushed));
            // Rows are numbered from 1, like a CSV's data rows.
            Assert.Equal(Enumerable.Range(1, 5).Select(i => (long)i), results.Select(r => r.Result.Index).OrderBy(i => i));
            Assert.All(results, r => Assert.Equal(UsageOutcome.Pushed, r.Result.Outcome));

            // Each row went out with its own partner's token.
            foreach (RoutedUsageResult result in results)
            {
                int i = (int)result.Result.Index - 1;
                string partner = keys[i] ?? "p-root";
                Assert.Same(UsageSyncCoordinator.Route(_root, keys[i]), result.Session);
                Assert.Contains(_handler.Requests, r => r.Body != null && r.Body.Contains("acct-" + i) && r.Header("GRADIENT-TOKEN") == Token(partner));
            }
        }

        [Fact]
        public async Task A_row_that_already_has_a_number_keeps_it_and_the_others_are_numbered_by_position()
        {
            using var sync = new UsageSyncCoordinator(_ => true, 4, 0, TimeSpan.FromHours(1));
            await sync.AddAsync(_root, Row("acct-a", 1));
            var repiped = Row("acct-b", 2);
            repiped.Index = 17;
            await sync.AddAsync(_root, repiped);
            await sync.AddAsync(_root, Row("acct-c", 3));

            List<RoutedUsageResult> results = await Finish(sync, new List<(GradientSession Session, UsageSyncSummary Summary)>());
            Assert.Equal(new long[] { 1, 17, 3 }, results.OrderBy(r => r.Result.UnitCount).Select(r => r.Result.Index));
        }

        [Fact]
        public async Task A_partner_that_is_not_confirmed_runs_as_WhatIf_and_sends_nothing()
        {
            GradientSession two = _root.ForPartner("p-two");
            using var sync = new UsageSyncCoordinator(s => !ReferenceEquals(s, two), 4, 0, TimeSpan.Zero);
            await sync.AddAsync(_root, Row("a", 1));
            await sync.AddAsync(two, Row("b", 2));

            var summaries = new List<(GradientSession Session, UsageSyncSummary Summary)>();
            List<RoutedUsageResult> results = await Finish(sync, summaries);

            Assert.Equal(UsageOutcome.NotSent, results.Single(r => r.Session == two).Result.Outcome);
            Assert.Equal(UsageOutcome.Pushed, results.Single(r => r.Session == _root).Result.Outcome);
            Assert.DoesNotContain(_handler.Requests, r => r.Header("GRADIENT-TOKEN") == Token("p-two"));
        }

        [Fact]
        public async Task Progress_is_paced_and_gives_percent_and_time_left_when_rows_are_expected()
        {
            var time = new FakeTimeProvider();
            using var sync = new UsageSyncCoordinator(_ => true, 4, expectedRows: 10, TimeSpan.FromMilliseconds(250), time);
            for (int i = 0; i < 4; i++) await sync.AddAsync(_root, Row("a" + i, i));
            await sync.CompleteAsync(_root);

            Assert.Null(sync.TakeProgress()); // nothing before the first interval
            time.Advance(TimeSpan.FromSeconds(2));
            Assert.Equal(4, sync.TakeCompleted().Count);
            UsageSyncCoordinatorProgress? progress = sync.TakeProgress();
            Assert.NotNull(progress);
            Assert.Equal(4, progress!.Received);
            Assert.Equal(4, progress.Done);
            Assert.Equal(2, progress.RowsPerSecond);
            Assert.Equal(40, progress.PercentComplete);
            Assert.Equal(3, progress.SecondsRemaining);
            Assert.Null(sync.TakeProgress()); // paced
            time.Advance(TimeSpan.FromMilliseconds(250));
            Assert.NotNull(sync.TakeProgress());
        }

        [Fact]
        public void Without_expected_rows_there_is_no_percent()
        {
            var progress = new UsageSyncCoordinatorProgress(5, 5, TimeSpan.FromSeconds(1), 0);
            Assert.Null(progress.PercentComplete);
            Assert.Null(progress.SecondsRemaining);
        }
    }
}
