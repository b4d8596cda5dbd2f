using System;
using System.Threading;
using System.Threading.Tasks;
using GradientMsp.Client.Models;

namespace GradientMsp.Client.Session
{
    /// <summary>Where a wait for an alert's PSA ticket stands, after each check.</summary>
    public sealed class AlertTicketWaitStatus
    {
        public AlertTicketWaitStatus(string messageId, string lastSeen, TimeSpan elapsed, TimeSpan timeout)
        {
            MessageId = messageId;
            LastSeen = lastSeen;
            Elapsed = elapsed;
            Timeout = timeout;
        }

        public string MessageId { get; }

        /// <summary>The last status seen: pending, success, failed, "not found yet", "no status" or "not checked yet".</summary>
        public string LastSeen { get; }

        public TimeSpan Elapsed { get; }

        public TimeSpan Timeout { get; }

        public TimeSpan Left => Timeout - Elapsed > TimeSpan.Zero ? Timeout - Elapsed : TimeSpan.Zero;

        public int PercentComplete => Timeout <= TimeSpan.Zero ? 99 : (int)Math.Min(99, Elapsed.TotalMilliseconds * 100 / Timeout.TotalMilliseconds);
    }

    /// <summary>The end of a wait: the settled ticket, or a timeout with the last status seen.</summary>
    public sealed class AlertTicketWaitResult
    {
        public AlertTicketWaitResult(GradientAlertTicket? ticket, AlertTicketWaitStatus status)
        {
            Ticket = ticket;
            Status = status;
        }

        /// <summary>The ticket once it is success or failed; null when the wait timed out.</summary>
        public GradientAlertTicket? Ticket { get; }

        public bool TimedOut => Ticket == null;

        public AlertTicketWaitStatus Status { get; }
    }

    /// <summary>
    /// Polls GET /alerting/debug/{messageId} until the ticket is settled (success or failed) or the
    /// timeout passes, on a <see cref="TimeProvider"/> so tests never sleep. A 404 counts as "not
    /// found yet": a message still in Gradient's queue may not be visible to the debug route.
    /// Other API errors end the wait by propagating.
    /// </summary>
    public sealed class AlertTicketWaiter
    {
        public const string Success = "success";
        public const string Failed = "failed";

        private readonly GradientClient _client;
        private readonly TimeSpan _timeout;
        private readonly TimeSpan _interval;
        private readonly TimeProvider _time;

        // The cmdlets use this overload: naming TimeProvider there would make the cmdlets assembly
        // reference Microsoft.Bcl.TimeProvider, which pwsh binds to its own framework type
        // (docs/assembly-loading.md: no dependency type crosses the boundary).
        public AlertTicketWaiter(GradientClient client, TimeSpan timeout, TimeSpan pollInterval)
            : this(client, timeout, pollInterval, TimeProvider.System)
        {
        }

        public AlertTicketWaiter(GradientClient client, TimeSpan timeout, TimeSpan pollInterval, TimeProvider time)
        {
            if (timeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(timeout));
            if (pollInterval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(pollInterval));
            _client = client ?? throw new ArgumentNullException(nameof(client));
            _timeout = timeout;
            _interval = pollInterval;
            _time = time ?? throw new ArgumentNullException(nameof(time));
        }

        public static bool IsSettled(string? status) => IsSuccess(status) || IsFailed(status);

        public static bool IsSuccess(string? status) => string.Equals(status, Success, StringComparison.OrdinalIgnoreCase);

        public static bool IsFailed(string? status) => string.Equals(status, Failed, StringComparison.OrdinalIgnoreCase);

        /// <param name="messageId">The messageId from the alert's receipt.</param>
        /// <param name="onPoll">Called after every check that did not settle (from any thread).</param>
        /// <param name="cancellationToken">Ends the wait at once, even mid-delay.</param>
        public async Task<AlertTicketWaitResult> WaitAsync(string messageId, Action<AlertTicketWaitStatus>? onPoll = null, CancellationToken cancellationToken = default)
        {
            long start = _time.GetTimestamp();
            while (true)
            {
                GradientAlertTicket? ticket = null;
                string lastSeen;
                try
                {
                    ticket = await _client.GetAlertTicketAsync(messageId, cancellationToken).ConfigureAwait(false);
                    lastSeen = ticket.Status ?? "no status";
                }
                catch (GradientApiException exception) when (exception.Kind == GradientErrorKind.NotFound)
                {
                    lastSeen = "not found yet";
                }

                var status = new AlertTicketWaitStatus(messageId, lastSeen, _time.GetElapsedTime(start), _timeout);
                if (ticket != null && IsSettled(ticket.Status))
                {
                    return new AlertTicketWaitResult(ticket, status);
                }

                if (status.Left <= TimeSpan.Zero)
                {
                    return new AlertTicketWaitResult(null, status);
                }

                onPoll?.Invoke(status);
                TimeSpan pause = _interval < status.Left ? _interval : status.Left;
                await TimeProviderTaskExtensions.Delay(_time, pause, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
