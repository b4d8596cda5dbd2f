using System;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using GradientMsp.Client;
using GradientMsp.Client.Models;
using GradientMsp.Client.Session;

namespace GradientMsp.Commands
{
    /// <summary>
    /// <para type="synopsis">Checks whether an alert became a PSA ticket (pending, success or failed); with -Wait, polls until it is settled or the timeout passes.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "GradientAlertTicket")]
    [OutputType(typeof(GradientAlertTicket))]
    public sealed class GetGradientAlertTicketCommand : GradientApiCmdlet
    {
        /// <summary>The messageId from Send-GradientAlert's receipt (binds from piped receipts).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(GradientValueCompleter))]
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
            var waiter = new AlertTicketWaiter(connection.Client, TimeSpan.FromSeconds(TimeoutSec), TimeSpan.FromSeconds(PollIntervalSec));
            var progress = new ProgressRecord(2, "Waiting for the PSA ticket", $"Alert message {messageId}");
            AlertTicketWaitStatus? latest = null;
            AlertTicketWaitStatus? shown = null;
            AlertTicketWaitResult result;
            try
            {
                // The waiter reports from worker threads; progress is written here, on the pipeline thread.
                Task<AlertTicketWaitResult> wait = waiter.WaitAsync(messageId, status => Volatile.Write(ref latest, status), StopToken);
                WaitOnPipelineThread(wait, () =>
                {
                    AlertTicketWaitStatus? status = Volatile.Read(ref latest);
                    if (status != null && !ReferenceEquals(status, shown))
                    {
                        shown = status;
                        progress.StatusDescription = $"Alert message {messageId}: {status.LastSeen} ({status.Elapsed.TotalSeconds:0} s of {TimeoutSec} s)";
                        progress.PercentComplete = status.PercentComplete;
                        progress.SecondsRemaining = (int)Math.Ceiling(status.Left.TotalSeconds);
                        WriteProgress(progress);
                    }
                });
                result = wait.GetAwaiter().GetResult();
            }
            catch (GradientApiException exception)
            {
                WriteError(ErrorRecordFactory.FromApiException(exception, messageId));
                return;
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

            if (result.TimedOut)
            {
                WriteError(ErrorRecordFactory.Create(ErrorIds.AlertTicketTimeout, ErrorCategory.OperationTimeout, messageId,
                    $"The alert {messageId} was not settled after {TimeoutSec} s; its last status was '{result.Status.LastSeen}'.",
                    "Gradient processes alerts from a queue; check again later, or raise -TimeoutSec. A ticket is only made when the account and service are mapped and the service is mapped to a PSA board."));
                return;
            }

            Report(result.Ticket!, messageId);
        }

        private void Report(GradientAlertTicket ticket, string messageId)
        {
            if (AlertTicketWaiter.IsFailed(ticket.Status))
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
