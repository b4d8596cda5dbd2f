using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using GradientMsp.Client.Health;
using GradientMsp.Client.Session;
using Microsoft.Extensions.Time.Testing;

namespace GradientMsp.Client.Tests
{
    /// <summary>The health checker's verdicts, one cause at a time, over a fake Synthesize.</summary>
    public class IntegrationCheckerTests
    {
        private static readonly DateTimeOffset Now = new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

        /// <summary>A healthy partner; each test breaks one thing.</summary>
        private sealed class FakeSynthesize
        {
            public string Status = "active";
            public string? PortalUrl = "https://portal.example";
            public string LastSyncedAt = "2025-06-01T06:00:00.000Z";
            public string Accounts = "[{\"id\":\"a1\",\"name\":\"A\",\"isMapped\":true}]";
            public string OrgServices = "[]";
            public string Skus = "[{\"id\":\"s1\",\"name\":\"EDR\"}]";
            public Dictionary<string, int> Failures = new Dictionary<string, int>();

            public FakeHandler Handler() => new FakeHandler().Answer(r =>
            {
                foreach (var failure in Failures)
                    if (r.Path.EndsWith(failure.Key, StringComparison.Ordinal)) return Http.Json(failure.Value, "{\"message\":\"no\"}");
                switch (r.Path)
                {
                    case "/api/vendor-api/organization":
                        return Http.Json(200, "{\"organizationId\":\"o1\",\"name\":\"AJ AT\",\"status\":\"" + Status + "\",\"lastSyncedAt\":\"" + LastSyncedAt + "\"}");
                    case "/api/vendor-api":
                        return Http.Json(200, "{\"name\":\"V\",\"integrationPortalUrl\":" + (PortalUrl == null ? "null" : "\"" + PortalUrl + "\"") + ",\"skus\":" + Skus + "}");
                    case "/api/vendor-api/organization/accounts":
                        return Http.Json(200, Accounts);
                    case "/api/vendor-api/organization/services":
                        return Http.Json(200, OrgServices);
                    default:
                        return Http.Json(404, "{}");
                }
            });
        }

        private static async Task<IntegrationHealth> Check(FakeSynthesize fake, TimeSpan? maxAge = null)
        {
            using FakeHandler handler = fake.Handler();
            var options = new GradientClientOptions { BaseUri = new Uri("https://gradient.example"), PrimaryHandler = handler, RequestsPerSecond = 0, MaxRetries = 0 };
            using GradientSession session = GradientSession.Open(new GradientCredential("vendor-key", "partner-key-wxyz"), options);
            return await new IntegrationChecker(session, maxAge ?? TimeSpan.FromHours(48), new FakeTimeProvider(Now)).CheckAsync();
        }

        private static IntegrationCheckStatus? StatusOf(IntegrationHealth health, IntegrationCheckName name) => health.StatusOf(name);

        [Fact]
        public async Task A_healthy_integration_passes_every_check_in_order()
        {
            IntegrationHealth health = await Check(new FakeSynthesize());
            // By name: Mono's Enum.GetValues hands back the underlying ints, which its xunit then compares as another type.
            Assert.Equal(Enum.GetNames(typeof(IntegrationCheckName)), health.Checks.Select(c => c.Name.ToString()));
            Assert.All(health.Checks, c => Assert.Equal(IntegrationCheckStatus.Pass, c.Status));
            Assert.True(health.Healthy);
            Assert.True(health.CanSync);
            Assert.Contains("****wxyz", health.Get(IntegrationCheckName.Keys)!.Message);
            Assert.DoesNotContain("partner-key", string.Join(" ", health.Checks.Select(c => c.Message + c.Fix)));
        }

        [Theory]
        [InlineData(401)]
        [InlineData(403)]
        [InlineData(503)]
        public async Task Refused_keys_or_a_service_down_fail_Keys_and_skip_the_rest(int status)
        {
            var fake = new FakeSynthesize();
            fake.Failures["/organization"] = status;
            IntegrationHealth health = await Check(fake);
            Assert.Equal(IntegrationCheckStatus.Fail, StatusOf(health, IntegrationCheckName.Keys));
            Assert.All(health.Checks.Skip(1), c => Assert.Equal(IntegrationCheckStatus.Skipped, c.Status));
            Assert.False(health.Healthy);
            Assert.False(health.CanSync);
            Assert.NotNull(health.Get(IntegrationCheckName.Keys)!.Fix);
        }

        [Theory]
        [InlineData("pending", IntegrationCheckStatus.Warn, true)]
        [InlineData("inactive", IntegrationCheckStatus.Fail, false)]
        public async Task Status_warns_when_pending_and_fails_when_inactive(string status, IntegrationCheckStatus expected, bool canSync)
        {
            IntegrationHealth health = await Check(new FakeSynthesize { Status = status });
            Assert.Equal(expected, StatusOf(health, IntegrationCheckName.Status));
            Assert.Equal(canSync, health.CanSync);
        }

        [Fact]
        public async Task PortalUrl_warns_when_unset()
        {
            IntegrationHealth health = await Check(new FakeSynthesize { PortalUrl = null });
            Assert.Equal(IntegrationCheckStatus.Warn, StatusOf(health, IntegrationCheckName.PortalUrl));
            Assert.Contains("Set-GradientVendor", health.Get(IntegrationCheckName.PortalUrl)!.Fix);
        }

        [Fact]
        public async Task Accounts_and_services_fail_when_there_are_none()
        {
            IntegrationHealth health = await Check(new FakeSynthesize { Accounts = "[]", Skus = "[]", OrgServices = "[]" });
            Assert.Equal(IntegrationCheckStatus.Fail, StatusOf(health, IntegrationCheckName.Accounts));
            Assert.Equal(IntegrationCheckStatus.Fail, StatusOf(health, IntegrationCheckName.Services));
            Assert.True(health.CanSync);
        }

        [Fact]
        public async Task Unmapped_accounts_and_services_warn_with_their_ids()
        {
            IntegrationHealth health = await Check(new FakeSynthesize
            {
                Accounts = "[{\"id\":\"a1\",\"isMapped\":true},{\"id\":\"a2\",\"isMapped\":false}]",
                OrgServices = "[{\"id\":\"o1\",\"isMapped\":false}]",
            });
            IntegrationCheck accounts = health.Get(IntegrationCheckName.UnmappedAccounts)!;
            Assert.Equal(IntegrationCheckStatus.Warn, accounts.Status);
            Assert.Equal(new[] { "a2" }, accounts.Items);
            Assert.Equal(new[] { "o1" }, health.Get(IntegrationCheckName.UnmappedServices)!.Items);
            Assert.True(health.Healthy);
        }

        [Fact]
        public async Task Mapping_not_reported_is_skipped_not_passed()
        {
            IntegrationHealth health = await Check(new FakeSynthesize { Accounts = "[{\"id\":\"a1\"}]" });
            Assert.Equal(IntegrationCheckStatus.Skipped, StatusOf(health, IntegrationCheckName.UnmappedAccounts));
        }

        [Theory]
        [InlineData("1900-06-18T17:11:28.553Z", IntegrationCheckStatus.Warn)] // the never-synced sentinel
        [InlineData("2025-05-29T12:00:00.000Z", IntegrationCheckStatus.Fail)] // 72 h ago
        [InlineData("2025-05-31T13:00:00.000Z", IntegrationCheckStatus.Pass)] // 23 h ago
        public async Task LastSync_warns_when_never_and_fails_when_older_than_the_limit(string lastSyncedAt, IntegrationCheckStatus expected)
        {
            IntegrationHealth health = await Check(new FakeSynthesize { LastSyncedAt = lastSyncedAt });
            Assert.Equal(expected, StatusOf(health, IntegrationCheckName.LastSync));
            Assert.True(health.CanSync, "a stale sync must not stop the sync that fixes it");
        }

        [Fact]
        public async Task A_failed_read_fails_only_its_own_checks()
        {
            var fake = new FakeSynthesize();
            fake.Failures["/organization/accounts"] = 500;
            IntegrationHealth health = await Check(fake);
            Assert.Equal(IntegrationCheckStatus.Fail, StatusOf(health, IntegrationCheckName.Accounts));
            Assert.Equal(IntegrationCheckStatus.Skipped, StatusOf(health, IntegrationCheckName.UnmappedAccounts));
            Assert.Equal(IntegrationCheckStatus.Pass, StatusOf(health, IntegrationCheckName.Services));
            Assert.Equal(IntegrationCheckStatus.Pass, StatusOf(health, IntegrationCheckName.LastSync));
        }
    }
}
