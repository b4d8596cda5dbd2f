using System;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using GradientMsp.Client.Internal;
using GradientMsp.Client.Models;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace GradientMsp.Client
{
    // The vendor's services (skus, V scope) and their usage counts: /vendor-api/service[/{id}[/count]].
    public sealed partial class GradientClient
    {
        /// <summary>POST /vendor-api/service. Returns the vendor as answered (with the new sku among Services).</summary>
        public async Task<GradientVendor> CreateServiceAsync(NewService service, CancellationToken cancellationToken = default)
        {
            if (service == null) throw new ArgumentNullException(nameof(service));
            // The API has no delete and names are how partners and usage rows find a service, so a
            // lost answer is followed by a look for the name rather than a second POST.
            return await CreateOnceAsync(async ct =>
                {
                    var response = await SendAsync(HttpMethod.Post, Route("service"), service, ct).ConfigureAwait(false);
                    return response.ReadObject<GradientVendor>();
                },
                async ct =>
                {
                    GradientVendor vendor = await GetVendorAsync(ct).ConfigureAwait(false);
                    return vendor.Services.Any(s => string.Equals(s.Name, service.Name, StringComparison.Ordinal)) ? vendor : null;
                },
                cancellationToken).ConfigureAwait(false);
        }

        public async Task<GradientService> GetServiceAsync(string serviceId, CancellationToken cancellationToken = default)
        {
            var path = Route("service", Segment(serviceId, nameof(serviceId)));
            var response = await SendAsync(HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false);
            return response.Read(data =>
            {
                // "Retrieves Vendor with VendorSku[] filtered by service id": accept that, or the sku itself.
                if (data is JObject obj && obj.TryGetValue("skus", StringComparison.Ordinal, out var skus) && skus is JArray array)
                {
                    var services = array.Select(Json.To<GradientService>).ToList();
                    var match = services.FirstOrDefault(s => s.Id == serviceId || s.LegacyId == serviceId)
                                ?? (services.Count == 1 ? services[0] : null);
                    if (match == null)
                        throw response.Error(GradientErrorKind.NotFound, "no service with id '" + serviceId + "' in the answer");
                    return match;
                }
                return Json.To<GradientService>(RequireObject(data));
            });
        }

        public async Task UpdateServiceAsync(string serviceId, ServiceUpdate update, CancellationToken cancellationToken = default)
        {
            if (update == null) throw new ArgumentNullException(nameof(update));
            var path = Route("service", Segment(serviceId, nameof(serviceId)));
            await SendAsync(Patch, path, update, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>POST /vendor-api/service/{serviceId}/count[?no_build=true] with {accountId, unitCount}.</summary>
        public async Task<GradientResponse> SetUnitCountAsync(string serviceId, string accountId, decimal unitCount, bool noBuild, CancellationToken cancellationToken = default)
        {
            var body = CountBody(accountId, unitCount); // the account and count are checked before the service id
            var response = await SendAsync(HttpMethod.Post, CountRoute(serviceId, noBuild), body, cancellationToken, idempotent: true).ConfigureAwait(false);
            var result = response.Json == null
                ? new GradientResponse()
                : response.Read(data => data is JObject obj ? Json.To<GradientResponse>(obj) : new GradientResponse());
            if (result.Status == null) result.Status = response.StatusCode;
            return result;
        }

        /// <summary>
        /// The count route for the usage engine, where only the status matters: the 2xx body is not
        /// parsed, and a 404 (the partner has not mapped the account or the service) is an outcome, not
        /// an exception, which would cost more than the request on a large run. Other failures throw.
        /// </summary>
        internal async Task<UnitCountOutcome> PushUnitCountAsync(string serviceId, string accountId, decimal unitCount, bool noBuild, CancellationToken cancellationToken)
        {
            var body = CountBody(accountId, unitCount);
            // A count is absolute: sending it twice sets the same value, so it is retried like a read.
            var response = await ExchangeAsync(HttpMethod.Post, CountRoute(serviceId, noBuild), body, cancellationToken, idempotent: true).ConfigureAwait(false);
            if (response.StatusCode == 404) return new UnitCountOutcome(404, response.Attempts, response.ApiMessage);
            if (!response.IsSuccess) throw response.Failure();
            return new UnitCountOutcome(response.StatusCode, response.Attempts, null);
        }

        private static string CountRoute(string serviceId, bool noBuild)
            => Route("service", Segment(serviceId, nameof(serviceId)), "count") + (noBuild ? "?no_build=true" : "");

        private static RawJson CountBody(string accountId, decimal unitCount)
        {
            if (string.IsNullOrWhiteSpace(accountId)) throw new ArgumentException("The account id is empty.", nameof(accountId));
            if (unitCount < 0) throw new ArgumentOutOfRangeException(nameof(unitCount), unitCount, "A unit count cannot be negative.");
            // The hottest call of a usage sync: the body is written directly rather than through a JObject.
            return new RawJson("{\"accountId\":" + JsonConvert.ToString(accountId) + ",\"unitCount\":" + NumberToken(unitCount).ToString(Formatting.None) + "}");
        }
    }

    /// <summary>What the count route answered for the usage engine: the HTTP status, the attempts it took, and the API's message for a 404.</summary>
    internal readonly struct UnitCountOutcome
    {
        public UnitCountOutcome(int statusCode, int attempts, string? apiMessage)
        {
            StatusCode = statusCode; Attempts = attempts; ApiMessage = apiMessage;
        }

        public int StatusCode { get; }
        public int Attempts { get; }
        public string? ApiMessage { get; }
    }
}
