using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GradientMsp.Client.Models;
using GradientMsp.Client.Session;

namespace GradientMsp.Client.Health
{
    /// <summary>
    /// Test-GradientIntegration's logic, PowerShell-free: four reads (organization, vendor, accounts,
    /// organization services) turned into typed checks, each with a one-line fix. The answer to "it is
    /// connected but nothing shows in Synthesize". A failed read fails its own checks, not the run;
    /// refused keys or an unreachable service skip everything after the first check.
    /// </summary>
    public sealed class IntegrationChecker
    {
        /// <summary>lastSyncedAt before this is the service's never-synced sentinel (1900-…).</summary>
        private static readonly DateTimeOffset NeverSyncedBefore = new DateTimeOffset(1971, 1, 1, 0, 0, 0, TimeSpan.Zero);
        private const int ListedItems = 5;

        private readonly GradientSession _session;
        private readonly TimeProvider _time;

        // The cmdlets use this overload: a TimeProvider in their call would bind the cmdlets assembly
        // to Microsoft.Bcl.TimeProvider (docs/assembly-loading.md: no dependency type crosses).
        public IntegrationChecker(GradientSession session, TimeSpan maxSyncAge)
            : this(session, maxSyncAge, TimeProvider.System)
        {
        }

        public IntegrationChecker(GradientSession session, TimeSpan maxSyncAge, TimeProvider time)
        {
            _session = session ?? throw new ArgumentNullException(nameof(session));
            if (maxSyncAge <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(maxSyncAge), maxSyncAge, "The sync age must be positive.");
            MaxSyncAge = maxSyncAge;
            _time = time ?? throw new ArgumentNullException(nameof(time));
        }

        /// <summary>A last sync older than this fails the LastSync check.</summary>
        public TimeSpan MaxSyncAge { get; }

        public async Task<IntegrationHealth> CheckAsync(CancellationToken cancellationToken = default)
        {
            var checks = new List<IntegrationCheck>();
            GradientIntegration integration;
            try
            {
                integration = await _session.VerifyAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (GradientApiException exception)
            {
                checks.Add(KeysFailed(exception));
                foreach (IntegrationCheckName name in Enum.GetValues(typeof(IntegrationCheckName)))
                {
                    if (name != IntegrationCheckName.Keys)
                        checks.Add(new IntegrationCheck(name, IntegrationCheckStatus.Skipped, "Not checked: GET /organization failed."));
                }

                return new IntegrationHealth(checks);
            }

            checks.Add(new IntegrationCheck(IntegrationCheckName.Keys, IntegrationCheckStatus.Pass,
                $"Keys accepted for '{integration.Name ?? integration.OrganizationId}' (partner {_session.PartnerKeyHint})."));
            checks.Add(StatusCheck(integration.Status));
            GradientVendor? vendor = null;
            GradientApiException? vendorError = null, accountsError = null, servicesError = null;
            try { vendor = await _session.Client.GetVendorAsync(cancellationToken).ConfigureAwait(false); }
            catch (GradientApiException exception) { vendorError = exception; }
            checks.Add(vendor == null ? ReadFailed(IntegrationCheckName.PortalUrl, "GET /vendor-api", vendorError!) : PortalCheck(vendor));

            IReadOnlyList<GradientAccount>? accounts = null;
            IReadOnlyList<GradientOrganizationService>? services = null;
            try { accounts = await _session.Client.GetAccountsAsync(null, cancellationToken).ConfigureAwait(false); }
            catch (GradientApiException exception) { accountsError = exception; }
            try { services = await _session.Client.GetOrganizationServicesAsync(null, cancellationToken).ConfigureAwait(false); }
            catch (GradientApiException exception) { servicesError = exception; }

            checks.Add(accounts == null
                ? ReadFailed(IntegrationCheckName.Accounts, "GET /organization/accounts", accountsError!)
                : accounts.Count > 0
                    ? new IntegrationCheck(IntegrationCheckName.Accounts, IntegrationCheckStatus.Pass, $"{accounts.Count} account(s).")
                    : new IntegrationCheck(IntegrationCheckName.Accounts, IntegrationCheckStatus.Fail, "The partner has no accounts, so there is nothing to count usage against.",
                        "Create the MSP's customers with New-GradientAccount (names equal to PSA clients map themselves)."));

            int vendorServices = vendor?.Services.Count ?? 0;
            checks.Add(services == null || vendor == null
                ? ReadFailed(IntegrationCheckName.Services, services == null ? "GET /organization/services" : "GET /vendor-api", (servicesError ?? vendorError)!)
                : vendorServices + services.Count > 0
                    ? new IntegrationCheck(IntegrationCheckName.Services, IntegrationCheckStatus.Pass, $"{vendorServices} vendor service(s), {services.Count} organization service(s).")
                    : new IntegrationCheck(IntegrationCheckName.Services, IntegrationCheckStatus.Fail, "No services: usage has nothing to be counted for.",
                        "Create one with New-GradientService (or New-GradientOrganizationService for this partner only)."));

            checks.Add(accounts == null
                ? Skipped(IntegrationCheckName.UnmappedAccounts)
                : UnmappedCheck(IntegrationCheckName.UnmappedAccounts, "account", accounts.Select(a => (a.Id, a.IsMapped)).ToList()));
            checks.Add(services == null
                ? Skipped(IntegrationCheckName.UnmappedServices)
                : UnmappedCheck(IntegrationCheckName.UnmappedServices, "organization service", services.Select(s => (s.Id, s.IsMapped)).ToList()));
            checks.Add(SyncCheck(integration.LastSyncedAt));
            return new IntegrationHealth(checks);
        }

        private static IntegrationCheck KeysFailed(GradientApiException exception)
        {
            switch (exception.Kind)
            {
                case GradientErrorKind.Authentication:
                case GradientErrorKind.Forbidden:
                    return new IntegrationCheck(IntegrationCheckName.Keys, IntegrationCheckStatus.Fail,
                        $"The keys were refused ({(int?)exception.StatusCode}).",
                        "Check the vendor key (GRADIENT_VENDOR_API_KEY) and ask the partner for a new Partner API Key if they regenerated or disconnected it.");
                default:
                    return new IntegrationCheck(IntegrationCheckName.Keys, IntegrationCheckStatus.Fail,
                        $"The service could not be reached to check the keys ({exception.Kind}{(exception.StatusCode.HasValue ? " " + (int)exception.StatusCode.Value : string.Empty)}).",
                        "Check the network, proxy and -BaseUri; if Synthesize itself is down, retry later.");
            }
        }

        private static IntegrationCheck StatusCheck(string? status)
        {
            if (GradientSession.IsActiveStatus(status))
                return new IntegrationCheck(IntegrationCheckName.Status, IntegrationCheckStatus.Pass, "The integration is active.");
            if (string.Equals(status, "pending", StringComparison.OrdinalIgnoreCase))
                return new IntegrationCheck(IntegrationCheckName.Status, IntegrationCheckStatus.Warn, "The integration is pending: the partner has not finished setup.",
                    "The partner clicks Next in Synthesize's setup wizard and maps accounts and services; then Set-GradientStatus active.");
            return new IntegrationCheck(IntegrationCheckName.Status, IntegrationCheckStatus.Fail, $"The integration is '{status ?? "unknown"}': usage is not billed.",
                "Ask the partner to reconnect the integration in Synthesize, then run Connect-GradientIntegration (it sets pending).");
        }

        private static IntegrationCheck PortalCheck(GradientVendor vendor)
        {
            return string.IsNullOrWhiteSpace(vendor.IntegrationPortalUrl)
                ? new IntegrationCheck(IntegrationCheckName.PortalUrl, IntegrationCheckStatus.Warn, "No integration portal URL: \"Open Vendor Portal\" in Synthesize leads nowhere.",
                    "Set-GradientVendor -IntegrationPortalUrl 'https://your-portal.example/gradient'")
                : new IntegrationCheck(IntegrationCheckName.PortalUrl, IntegrationCheckStatus.Pass, $"Portal URL {vendor.IntegrationPortalUrl}.");
        }

        private static IntegrationCheck UnmappedCheck(IntegrationCheckName name, string what, IReadOnlyList<(string? Id, bool? IsMapped)> items)
        {
            if (items.Count > 0 && items.All(i => i.IsMapped == null))
                return new IntegrationCheck(name, IntegrationCheckStatus.Skipped, $"The service does not report isMapped for {what}s.");
            List<string> unmapped = items.Where(i => i.IsMapped == false).Select(i => i.Id ?? "?").ToList();
            if (unmapped.Count == 0)
                return new IntegrationCheck(name, IntegrationCheckStatus.Pass, $"Every {what} is mapped ({items.Count}).");
            string listed = string.Join(", ", unmapped.Take(ListedItems)) + (unmapped.Count > ListedItems ? $" and {unmapped.Count - ListedItems} more" : string.Empty);
            return new IntegrationCheck(name, IntegrationCheckStatus.Warn,
                $"{unmapped.Count} of {items.Count} {what}(s) not mapped by the partner: {listed}. Their usage comes back Unmapped.",
                $"The partner maps them in Synthesize (Mapping page); see Items for the ids.", unmapped);
        }

        private IntegrationCheck SyncCheck(DateTimeOffset? lastSyncedAt)
        {
            if (lastSyncedAt == null || lastSyncedAt.Value < NeverSyncedBefore)
                return new IntegrationCheck(IntegrationCheckName.LastSync, IntegrationCheckStatus.Warn, "No usage has been synced yet.",
                    "Run Sync-GradientUsage (or schedule Invoke-GradientUsageJob.ps1).");
            TimeSpan age = _time.GetUtcNow() - lastSyncedAt.Value;
            string ago = age.TotalHours >= 48 ? $"{age.TotalDays:0.#} days" : $"{Math.Max(0, age.TotalHours):0.#} hours";
            return age > MaxSyncAge
                ? new IntegrationCheck(IntegrationCheckName.LastSync, IntegrationCheckStatus.Fail, $"Last sync {ago} ago ({lastSyncedAt.Value:u}), older than {MaxSyncAge.TotalHours:0.#} hours.",
                    "Check the scheduled usage job's log and exit code; run it once by hand.")
                : new IntegrationCheck(IntegrationCheckName.LastSync, IntegrationCheckStatus.Pass, $"Last sync {ago} ago ({lastSyncedAt.Value:u}).");
        }

        private static IntegrationCheck ReadFailed(IntegrationCheckName name, string read, GradientApiException exception) =>
            new IntegrationCheck(name, IntegrationCheckStatus.Fail, $"{read} failed ({exception.Kind}{(exception.StatusCode.HasValue ? " " + (int)exception.StatusCode.Value : string.Empty)}).",
                "Retry; if it persists, check the service status and the request log (-Verbose).");

        private static IntegrationCheck Skipped(IntegrationCheckName name) =>
            new IntegrationCheck(name, IntegrationCheckStatus.Skipped, "Not checked: the read it needs failed.");
    }
}
