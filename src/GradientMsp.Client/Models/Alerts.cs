using System;
using System.Collections.Generic;
using Newtonsoft.Json;

namespace GradientMsp.Client.Models
{
    /// <summary>Body of POST /alerting/{accountId}; the account id travels in the path.</summary>
    public sealed class NewAlert
    {
        [JsonProperty("title")] public string Title { get; set; } = "";
        [JsonProperty("description")] public string Description { get; set; } = "";
        /// <summary>The vendor's own unique id for the alert.</summary>
        [JsonProperty("alertId")] public string AlertId { get; set; } = "";
        /// <summary>1 low, 2 medium, 3 high, 4 very high.</summary>
        [JsonProperty("priority")] public int Priority { get; set; } = 1;
        /// <summary>1 to 6: the PSA ticket status (meanings of 2..6 are undocumented).</summary>
        [JsonProperty("status")] public int Status { get; set; } = 1;
        [JsonProperty("dueDateTime", NullValueHandling = NullValueHandling.Ignore)] public DateTimeOffset? DueDateTime { get; set; }
        [JsonProperty("serviceId", NullValueHandling = NullValueHandling.Ignore)] public string? ServiceId { get; set; }
    }

    /// <summary>What POST /alerting/{accountId} answers: the queue message to follow up.</summary>
    public sealed class GradientAlertReceipt
    {
        [JsonProperty("messageId")] public string? MessageId { get; set; }
        [JsonProperty("alertId")] public string? AlertId { get; set; }
        [JsonProperty("correlationID")] public string? CorrelationId { get; set; }
    }

    /// <summary>The debug route's view of an alert: pending, success (with a ticket) or failed (with errors).</summary>
    public sealed class GradientAlertTicket
    {
        [JsonProperty("ticketId")] public string? TicketId { get; set; }
        [JsonProperty("createdAt")] public DateTimeOffset? CreatedAt { get; set; }
        [JsonProperty("message")] public string? Message { get; set; }
        [JsonProperty("messageId")] public string? MessageId { get; set; }
        /// <summary>failed, pending or success.</summary>
        [JsonProperty("status")] public string? Status { get; set; }
        [JsonProperty("statusCode")] public int? StatusCode { get; set; }
        [JsonProperty("errors")] public List<string>? Errors { get; set; }
    }

    /// <summary>The {status, message} answer of the count route.</summary>
    public sealed class GradientResponse
    {
        [JsonProperty("status")] public int? Status { get; set; }
        [JsonProperty("message")] public string? Message { get; set; }
    }
}
