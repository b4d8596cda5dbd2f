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
            ApiResponse response;
            try
            {
                response = await SendAsync(HttpMethod.Post, path, alert, cancellationToken).ConfigureAwait(false);
            }
            catch (GradientApiException ex) when (ex.OutcomeUnknown)
            {
                // Each alert becomes a PSA ticket, and the API cannot look an alert up by its alertId
                // (only by the messageId the lost answer carried): not sending it again is the only
                // way not to open a second ticket. The caller is told so.
                throw new GradientApiException(ex.Kind,
                    ex.Message + " The alert '" + alert.AlertId + "' may have been delivered, so it was not sent again:"
                    + " check the PSA for it before sending it again.",
                    ex.StatusCode, ex.ApiMessage, ex.Method, ex.Path, ex)
                {
                    Attempts = ex.Attempts,
                    OutcomeUnknown = true,
                };
            }
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
