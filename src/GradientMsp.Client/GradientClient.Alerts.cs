using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using GradientMsp.Client.Models;

namespace GradientMsp.Client
{
    // Alerts to the partner's PSA: POST /alerting/{accountId} and the debug route for one message.
    public sealed partial class GradientClient
    {
        public async Task<GradientAlertReceipt> SendAlertAsync(string accountId, NewAlert alert, CancellationToken cancellationToken = default)
        {
            if (alert == null) throw new ArgumentNullException(nameof(alert));
            var path = Route("alerting", Segment(accountId, nameof(accountId)));
            var response = await SendAsync(HttpMethod.Post, path, alert, cancellationToken).ConfigureAwait(false);
            return response.ReadObject<GradientAlertReceipt>();
        }

        public async Task<GradientAlertTicket> GetAlertTicketAsync(string messageId, CancellationToken cancellationToken = default)
        {
            var path = Route("alerting", "debug", Segment(messageId, nameof(messageId)));
            var response = await SendAsync(HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false);
            return response.ReadObject<GradientAlertTicket>();
        }
    }
}
