using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using GradientMsp.Client.Internal;
using GradientMsp.Client.Models;
using Newtonsoft.Json.Linq;

namespace GradientMsp.Client
{
    // The partner's organization (P scope): the integration record and its status, the partner's PSA
    // clients, and the vendor's organization services. Accounts are in GradientClient.Accounts.cs.
    public sealed partial class GradientClient
    {
        public async Task<GradientIntegration> GetIntegrationAsync(CancellationToken cancellationToken = default)
        {
            var response = await SendAsync(HttpMethod.Get, Route("organization"), null, cancellationToken).ConfigureAwait(false);
            return response.ReadObject<GradientIntegration>();
        }

        public async Task<GradientIntegration> SetIntegrationStatusAsync(IntegrationStatus status, CancellationToken cancellationToken = default)
        {
            var wire = IntegrationStatusNames.ToWire(status);
            var response = await SendAsync(Patch, Route("organization", "status", wire), new JObject(), cancellationToken).ConfigureAwait(false);
            bool stringData = response.Json is JObject envelope && envelope.TryGetValue("data", StringComparison.Ordinal, out var raw)
                              && raw.Type != JTokenType.Object;
            if (!stringData && Json.Unwrap(response.Json) is JObject)
                return response.ReadObject<GradientIntegration>();
            // Some specs type "data" as a string, and an empty answer is possible: report what was set.
            return new GradientIntegration { Status = wire };
        }

        /// <summary>GET /organization/clients (deprecated upstream): one page of the partner's PSA clients.</summary>
        public async Task<GradientPsaClientPage> GetPsaClientsAsync(string? search = null, string? previousId = null, CancellationToken cancellationToken = default)
        {
            var query = new List<KeyValuePair<string, string>>();
            if (!string.IsNullOrEmpty(search)) query.Add(new KeyValuePair<string, string>("search", search!));
            if (!string.IsNullOrEmpty(previousId)) query.Add(new KeyValuePair<string, string>("previousId", previousId!));
            var response = await SendAsync(HttpMethod.Get, Route("organization", "clients") + Query(query), null, cancellationToken).ConfigureAwait(false);
            GradientPsaClientPage page = response.ReadObject<GradientPsaClientPage>();
            Json.MakePlain(page.Meta);
            foreach (Dictionary<string, object?> psaClient in page.Clients) Json.MakePlain(psaClient);
            return page;
        }

        public async Task<IReadOnlyList<GradientOrganizationService>> GetOrganizationServicesAsync(IReadOnlyCollection<string>? serviceIds = null, CancellationToken cancellationToken = default)
        {
            var path = Route("organization", "services") + Query(Repeated("serviceIds", serviceIds));
            var response = await SendAsync(HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false);
            return response.ReadList<GradientOrganizationService>();
        }

        public async Task<IReadOnlyList<GradientOrganizationService>> CreateOrganizationServicesAsync(IReadOnlyList<NewOrganizationService> services, CancellationToken cancellationToken = default)
        {
            if (services == null) throw new ArgumentNullException(nameof(services));
            if (services.Any(s => s == null)) throw new ArgumentException("The service list contains a null entry.", nameof(services));
            if (services.Count == 0) return Array.Empty<GradientOrganizationService>();
            // Re-sending after a lost answer would meet the 409 for the service just made: look first.
            return await CreateBatchOnceAsync(services,
                async (batch, ct) =>
                {
                    var response = await SendAsync(HttpMethod.Post, Route("organization", "services"), batch.ToArray(), ct).ConfigureAwait(false);
                    return response.ReadList<GradientOrganizationService>();
                },
                (ids, ct) => GetOrganizationServicesAsync(ids, ct),
                s => s.Id, s => s.Id, cancellationToken).ConfigureAwait(false);
        }

        public async Task<GradientOrganizationService> UpdateOrganizationServiceAsync(string serviceId, MappingPropertyUpdate update, CancellationToken cancellationToken = default)
        {
            CheckUpdate(update);
            var path = Route("organization", "services", Segment(serviceId, nameof(serviceId)));
            var response = await SendAsync(Patch, path, update, cancellationToken).ConfigureAwait(false);
            return response.ReadFirst<GradientOrganizationService>();
        }
    }
}
