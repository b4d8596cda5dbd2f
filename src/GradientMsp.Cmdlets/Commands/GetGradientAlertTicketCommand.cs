using System;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using GradientMsp.Client;
using GradientMsp.Client.Models;

namespace GradientMsp.Commands
{
    /// <summary>
    /// <para type="synopsis">Checks whether an alert became a PSA ticket (pending, success or failed); with -Wait, polls until it is settled or the timeout passes.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "GradientAlertTicket")]
    [OutputType(typeof(GradientAlertTicket))]
    public sealed class GetGradientAlertTicketCommand : GradientApiCmdlet
    {
        private const string Success = "success";
        private const string Failed = "failed";

        /// <summary>The messageId from Send-GradientAlert's receipt (binds from piped receipts).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string MessageId { get; set; } = string.Empty;

        /// <summary>Poll until the status is success or failed, or -TimeoutSec passes. Ctrl+C stops waiting.</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        /// <summary>With -Wait: how long to wait for each alert before an AlertTicketTimeout error.</summary>
        [Parameter]
        [ValidateRange(1, 86400)]
        public int TimeoutSec { get; set; } = 120;

        /// <summary>With -Wait: seconds between checks (0.1 to 60).</summary>
        [Parameter]
        [ValidateRange(0.1, 60.0)]
        public double PollIntervalSec { get; set; } = 5;

        protected override void ProcessRecord(GradientConnection connection)
        {
            string messageId = MessageId;
            if (!Wait)
            {
                if (TryCall(ct => connection.Client.GetAlertTicketAsync(messageId, ct), messageId, out GradientAlertTicket ticket))
                {
                    Report(ticket, messageId);
                }

                return;
            }

            WaitFor(connection, messageId);
        }

        private void WaitFor(GradientConnection connection, string messageId)
        {
            var clock = Stopwatch.StartNew();
            TimeSpan timeout = TimeSpan.FromSeconds(TimeoutSec);
            TimeSpan interval = TimeSpan.FromSeconds(PollIntervalSec);
            var progress = new ProgressRecord(2, "Waiting for the PSA ticket", $"Alert message {messageId}");
            string lastSeen = "not checked yet";
            try
            {
                while (true)
                {
                    GradientAlertTicket? ticket = null;
                    try
                    {
                        ticket = RunSync(ct => connection.Client.GetAlertTicketAsync(messageId, ct));
                        lastSeen = ticket.Status ?? "no status";
                    }
                    catch (GradientApiException exception) when (exception.Kind == GradientErrorKind.NotFound)
                    {
                        // A message still in Gradient's queue may not be visible to the debug route yet.
                        lastSeen = "not found yet";
                    }
                    catch (GradientApiException exception)
                    {
                        WriteError(ErrorRecordFactory.FromApiException(exception, messageId));
                        return;
                    }

                    if (ticket != null && IsSettled(ticket.Status))
                    {
                        Report(ticket, messageId);
                        return;
                    }

                    TimeSpan left = timeout - clock.Elapsed;
                    if (left <= TimeSpan.Zero)
                    {
                        WriteError(ErrorRecordFactory.Create(ErrorIds.AlertTicketTimeout, ErrorCategory.OperationTimeout, messageId,
                            $"The alert {messageId} was not settled after {TimeoutSec} s; its last status was '{lastSeen}'.",
                            "Gradient processes alerts from a queue; check again later, or raise -TimeoutSec. A ticket is only made when the account and service are mapped and the service is mapped to a PSA board."));
                        return;
                    }

                    progress.StatusDescription = $"Alert message {messageId}: {lastSeen} ({clock.Elapsed.TotalSeconds:0} s of {TimeoutSec} s)";
                    progress.PercentComplete = Math.Min(99, (int)(clock.Elapsed.TotalMilliseconds * 100 / timeout.TotalMilliseconds));
                    progress.SecondsRemaining = (int)Math.Ceiling(left.TotalSeconds);
                    WriteProgress(progress);

                    TimeSpan pause = interval < left ? interval : left;
                    // Ctrl+C cancels StopToken, which ends the delay at once (RunSync turns it into PipelineStoppedException).
                    RunSync(ct => Task.Delay(pause, ct));
                }
            }
            finally
            {
                progress.RecordType = ProgressRecordType.Completed;
                try
                {
                    WriteProgress(progress);
                }
                catch (PipelineStoppedException)
                {
                    // Stopped: the host clears progress itself.
                }
            }
        }

        private static bool IsSettled(string? status)
            => string.Equals(status, Success, StringComparison.OrdinalIgnoreCase) || string.Equals(status, Failed, StringComparison.OrdinalIgnoreCase);

        private void Report(GradientAlertTicket ticket, string messageId)
        {
            if (string.Equals(ticket.Status, Failed, StringComparison.OrdinalIgnoreCase))
            {
                string errors = ticket.Errors == null || ticket.Errors.Count == 0
                    ? ticket.Message ?? "no reason given"
                    : string.Join("; ", ticket.Errors.Where(e => !string.IsNullOrEmpty(e)));
                string code = ticket.StatusCode.HasValue ? $" (HTTP {ticket.StatusCode.Value})" : string.Empty;
                WriteError(ErrorRecordFactory.Create(ErrorIds.AlertTicketFailed, ErrorCategory.InvalidResult, messageId,
                    $"Gradient could not make a ticket from alert {messageId}{code}: {errors}",
                    "Check that the account and service are mapped in Synthesize and that the service is mapped to a PSA board."));
                return;
            }

            WriteObject(ticket);
        }
    }
}
