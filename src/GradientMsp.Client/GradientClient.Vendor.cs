using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using GradientMsp.Client.Models;

namespace GradientMsp.Client
{
    // The vendor record (V scope): GET and PATCH /vendor-api.
    public sealed partial class GradientClient
    {
        public async Task<GradientVendor> GetVendorAsync(CancellationToken cancellationToken = default)
        {
            var response = await SendAsync(HttpMethod.Get, Route(), null, cancellationToken).ConfigureAwait(false);
            return response.ReadObject<GradientVendor>();
        }

        public async Task<GradientVendor> UpdateVendorAsync(VendorUpdate update, CancellationToken cancellationToken = default)
        {
            if (update == null) throw new ArgumentNullException(nameof(update));
            if (update.Name == null && update.Description == null && update.VendorSupportPageUrl == null && update.IntegrationPortalUrl == null)
                throw new ArgumentException("Give at least one vendor field to update.", nameof(update));
            var response = await SendAsync(Patch, Route(), update, cancellationToken).ConfigureAwait(false);
            return response.ReadObject<GradientVendor>();
        }
    }
}
