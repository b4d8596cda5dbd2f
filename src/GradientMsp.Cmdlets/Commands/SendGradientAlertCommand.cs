using System;
using System.Management.Automation;
using GradientMsp.Client.Models;

namespace GradientMsp.Commands
{
    /// <summary>
    /// <para type="synopsis">Queues an alert for an account; Gradient turns it into a ticket in the partner's PSA. Pipe the receipt to Get-GradientAlertTicket -Wait to follow it.</para>
    /// </summary>
    [Cmdlet(VerbsCommunications.Send, "GradientAlert", SupportsShouldProcess = true)]
    [OutputType(typeof(GradientAlertReceipt))]
    public sealed class SendGradientAlertCommand : GradientApiCmdlet
    {
        /// <summary>The id of the account the alert is about (the id given to New-GradientAccount); the account and its service must be mapped for a ticket to be made.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "Account")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(GradientValueCompleter))]
        public string AccountId { get; set; } = string.Empty;

        /// <summary>The ticket title.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Title { get; set; } = string.Empty;

        /// <summary>The ticket body.</summary>
        [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Description { get; set; } = string.Empty;

        /// <summary>Your own unique id for the alert, to refer to it later. Defaults to a new GUID for each alert.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? AlertId { get; set; }

        /// <summary>The ticket priority: 1-4 or Low, Medium, High, VeryHigh (very_high is accepted too). Default Low.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AlertPriorityTransformation]
        public GradientAlertPriority Priority { get; set; } = GradientAlertPriority.Low;

        /// <summary>The status (1-6) the ticket is created in, as mapped for the partner's PSA; Gradient's default is 1. The meanings of 2-6 are not documented.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, 6)]
        public int TicketStatus { get; set; } = 1;

        /// <summary>When the alert should be resolved by.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public DateTime? DueDateTime { get; set; }

        /// <summary>The service the alert is about (an id from Get-GradientService or an organization service id), to break alerts out by service.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? ServiceId { get; set; }

        protected override void ProcessRecord(GradientConnection connection)
        {
            var alert = new NewAlert
            {
                Title = Title,
                Description = Description,
                // A fresh id per pipeline item: pipeline-bound parameters go back to null between items.
                AlertId = string.IsNullOrEmpty(AlertId) ? Guid.NewGuid().ToString() : AlertId!,
                Priority = (int)Priority,
                Status = TicketStatus,
                DueDateTime = DueDateTime.HasValue ? new DateTimeOffset(DueDateTime.Value) : (DateTimeOffset?)null,
                ServiceId = ServiceId,
            };

            if (!ShouldProcess(AccountId, $"Send alert '{Title}' (priority {Priority}, alert id {alert.AlertId})"))
            {
                return;
            }

            string accountId = AccountId;
            if (TryCall(ct => connection.Client.SendAlertAsync(accountId, alert, ct), accountId, out GradientAlertReceipt receipt, ErrorIds.AccountNotFound))
            {
                GradientValueCompleter.RememberMessage(receipt.MessageId);
                WriteObject(receipt);
            }
        }
    }
}
