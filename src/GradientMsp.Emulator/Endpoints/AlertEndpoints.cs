using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json.Nodes;
using GradientMsp.Emulator.Domain;

namespace GradientMsp.Emulator
{
    /// <summary>The vendor API's alerting routes: JSON in, domain call, DTOs and statuses out.</summary>
    internal sealed class AlertEndpoints
    {
        private readonly EmulatorState _s;

        public AlertEndpoints(EmulatorState s) => _s = s;

        public ApiResult CreateAlert(PartnerRecord p, string accountId, JsonNode? body)
        {
            if (body is not JsonObject o) return ApiResult.BadRequest("body must be an object");
            var errors = new List<string>();
            var i = new AlertInput
            {
                Title = Body.ReqString(o, "title", errors),
                Description = Body.ReqString(o, "description", errors),
                AlertId = Body.ReqString(o, "alertId", errors),
                Priority = ReqInt(o, "priority", 1, 4, errors),
                Status = ReqInt(o, "status", 1, 6, errors),
            };
            Body.OptString(o, "dueDateTime", errors, out i.DueDateTime);
            if (i.DueDateTime != null && !DateTimeOffset.TryParse(i.DueDateTime, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _))
                errors.Add("dueDateTime must be a valid ISO 8601 date string");
            // The SDK's CreateAlertingDto sends serviceId "" and dueDateTime null when they are not set.
            Body.OptString(o, "serviceId", errors, out i.ServiceId);
            i.ServiceId = Body.Unset(i.ServiceId);
            if (errors.Count > 0) return ApiResult.BadRequest(string.Join("; ", errors));
            AlertRecord a = _s.QueueAlert(p, accountId, i);
            return new ApiResult(201, new AlertCreatedDto { MessageId = a.MessageId, AlertId = a.AlertId, CorrelationId = a.CorrelationId });
        }

        private static int ReqInt(JsonObject o, string name, int min, int max, List<string> errors)
        {
            if (!o.TryGetPropertyValue(name, out JsonNode? n) || n == null)
            {
                errors.Add($"{name} should not be empty");
                return 0;
            }
            if (!Body.TryNumber(n, out decimal d) || d != decimal.Truncate(d))
            {
                errors.Add($"{name} must be an integer number");
                return 0;
            }
            if (d < min || d > max)
            {
                errors.Add($"{name} must be between {min} and {max}");
                return 0;
            }
            return (int)d;
        }

        public ApiResult GetAlertDebug(PartnerRecord p, string messageId) =>
            _s.Locked(() => Http.Map(_s.FindAlert(p, messageId), DebugDto));

        private static RetrieveAlertResponseDto DebugDto(AlertRecord a)
        {
            var dto = new RetrieveAlertResponseDto { MessageId = a.MessageId, Status = a.State };
            switch (a.State)
            {
                case "pending":
                    dto.Message = "Alert is queued for processing";
                    break;
                case "success":
                    dto.TicketId = a.TicketId;
                    dto.CreatedAt = JsonSetup.Iso(a.ProcessedAt);
                    dto.Message = "Ticket created";
                    break;
                default:
                    dto.StatusCode = a.StatusCode;
                    dto.Errors = a.Errors;
                    dto.Message = "Failed to create a ticket from the alert";
                    break;
            }
            return dto;
        }
    }
}
