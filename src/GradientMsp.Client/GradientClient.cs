using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using GradientMsp.Client.Models;

namespace GradientMsp.Client
{
    /// <summary>
    /// One connection to the Synthesize vendor API for one vendor key + partner key pair. Owns one
    /// HttpClient (pipeline: pacing, retries, tracing, token) for its whole life. Thread-safe.
    /// Every method throws <see cref="GradientApiException"/> on failure and honours cancellation.
    /// </summary>
    public sealed partial class GradientClient : IDisposable
    {
        public GradientClient(GradientCredential credential, GradientClientOptions? options = null)
        {
            Credential = credential ?? throw new ArgumentNullException(nameof(credential));
            Options = options ?? new GradientClientOptions();
            BaseUri = NormalizeBaseUri(Options.BaseUri);
            Initialize();
        }

        public GradientCredential Credential { get; }

        /// <summary>
        /// A new client for another partner of the same vendor: same base address, options and
        /// retry policy, its own HttpClient and its own pacer (the rate limit is per token).
        /// </summary>
        public GradientClient ForPartner(string partnerKey) => new GradientClient(Credential.WithPartnerKey(partnerKey), Options.Clone());
        public GradientClientOptions Options { get; }
        /// <summary>The host root, normalised (no /api suffix, trailing slash).</summary>
        public Uri BaseUri { get; }

        /// <summary>HTTP requests sent so far, retries included.</summary>
        public long RequestCount => System.Threading.Interlocked.Read(ref _requestCount);
        /// <summary>Retries made so far.</summary>
        public long RetryCount => System.Threading.Interlocked.Read(ref _retryCount);

        private long _requestCount;
        private long _retryCount;

        partial void Initialize();

        /// <summary>Checks the base URI: absolute, https (or http to loopback), and trims /api or /api/vendor-api.</summary>
        public static Uri NormalizeBaseUri(Uri baseUri) => NormalizeBaseUriCore(baseUri);

        // ---- vendor (V scope) ----
        public Task<GradientVendor> GetVendorAsync(CancellationToken cancellationToken = default) => GetVendorCoreAsync(cancellationToken);
        public Task<GradientVendor> UpdateVendorAsync(VendorUpdate update, CancellationToken cancellationToken = default) => UpdateVendorCoreAsync(update, cancellationToken);
        /// <summary>POST /vendor-api/service. Returns the vendor as answered (with the new sku among Services).</summary>
        public Task<GradientVendor> CreateServiceAsync(NewService service, CancellationToken cancellationToken = default) => CreateServiceCoreAsync(service, cancellationToken);
        public Task<GradientService> GetServiceAsync(string serviceId, CancellationToken cancellationToken = default) => GetServiceCoreAsync(serviceId, cancellationToken);
        public Task UpdateServiceAsync(string serviceId, ServiceUpdate update, CancellationToken cancellationToken = default) => UpdateServiceCoreAsync(serviceId, update, cancellationToken);

        // ---- usage ----
        /// <summary>POST /vendor-api/service/{serviceId}/count[?no_build=true] with {accountId, unitCount}.</summary>
        public Task<GradientResponse> SetUnitCountAsync(string serviceId, string accountId, decimal unitCount, bool noBuild, CancellationToken cancellationToken = default)
            => SetUnitCountCoreAsync(serviceId, accountId, unitCount, noBuild, cancellationToken);

        // ---- integration (P scope) ----
        public Task<GradientIntegration> GetIntegrationAsync(CancellationToken cancellationToken = default) => GetIntegrationCoreAsync(cancellationToken);
        public Task<GradientIntegration> SetIntegrationStatusAsync(IntegrationStatus status, CancellationToken cancellationToken = default) => SetIntegrationStatusCoreAsync(status, cancellationToken);
        public Task<GradientClientPage> GetClientsAsync(string? search = null, string? previousId = null, CancellationToken cancellationToken = default) => GetClientsCoreAsync(search, previousId, cancellationToken);

        // ---- accounts ----
        public Task<IReadOnlyList<GradientAccount>> GetAccountsAsync(IReadOnlyCollection<string>? accountIds = null, CancellationToken cancellationToken = default) => GetAccountsCoreAsync(accountIds, cancellationToken);
        /// <summary>POST /organization/accounts with an array body (one request for the whole batch).</summary>
        public Task<IReadOnlyList<GradientAccount>> CreateAccountsAsync(IReadOnlyList<NewAccount> accounts, CancellationToken cancellationToken = default) => CreateAccountsCoreAsync(accounts, cancellationToken);
        public Task<GradientAccount> UpdateAccountAsync(string accountId, MappingPropertyUpdate update, CancellationToken cancellationToken = default) => UpdateAccountCoreAsync(accountId, update, cancellationToken);

        // ---- organization services ----
        public Task<IReadOnlyList<GradientOrganizationService>> GetOrganizationServicesAsync(IReadOnlyCollection<string>? serviceIds = null, CancellationToken cancellationToken = default) => GetOrganizationServicesCoreAsync(serviceIds, cancellationToken);
        public Task<IReadOnlyList<GradientOrganizationService>> CreateOrganizationServicesAsync(IReadOnlyList<NewOrganizationService> services, CancellationToken cancellationToken = default) => CreateOrganizationServicesCoreAsync(services, cancellationToken);
        public Task<GradientOrganizationService> UpdateOrganizationServiceAsync(string serviceId, MappingPropertyUpdate update, CancellationToken cancellationToken = default) => UpdateOrganizationServiceCoreAsync(serviceId, update, cancellationToken);

        // ---- alerts ----
        public Task<GradientAlertReceipt> SendAlertAsync(string accountId, NewAlert alert, CancellationToken cancellationToken = default) => SendAlertCoreAsync(accountId, alert, cancellationToken);
        public Task<GradientAlertTicket> GetAlertTicketAsync(string messageId, CancellationToken cancellationToken = default) => GetAlertTicketCoreAsync(messageId, cancellationToken);
    }
}
