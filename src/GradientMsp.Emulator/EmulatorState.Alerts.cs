using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using GradientMsp.Emulator.Domain;

namespace GradientMsp.Emulator
{
    /// <summary>Alerts: the vendor queues them, the emulated PSA turns them into tickets after the alert delay.</summary>
    internal sealed partial class EmulatorState
    {
        // ---------- alerting ----------

        public ApiResult CreateAlert(PartnerRecord p, string accountId, JsonNode? body)
        {
            if (body is not JsonObject o) return ApiResult.BadRequest("body must be an object");
            var errors = new List<string>();
            string? title = Body.ReqString(o, "title", errors);
            string? description = Body.ReqString(o, "description", errors);
            string? alertId = Body.ReqString(o, "alertId", errors);
            int priority = ReqInt(o, "priority", 1, 4, errors);
            int status = ReqInt(o, "status", 1, 6, errors);
            Body.OptString(o, "dueDateTime", errors, out string? due);
            if (due != null && !DateTimeOffset.TryParse(due, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out _))
                errors.Add("dueDateTime must be a valid ISO 8601 date string");
            Body.OptString(o, "serviceId", errors, out string? serviceId);
            if (errors.Count > 0) return ApiResult.BadRequest(string.Join("; ", errors));
            lock (_gate)
            {
                var alert = new AlertRecord
                {
                    MessageId = Guid.NewGuid().ToString(),
                    AlertId = alertId!,
                    CorrelationId = NewObjectId(),
                    AccountId = accountId,
                    Title = title!,
                    Description = description!,
                    Priority = priority,
                    Status = status,
                    DueDateTime = due,
                    ServiceId = serviceId,
                    QueuedAt = Now,
                };
                p.AddAlert(alert);
                Touch();
                return new ApiResult(201, new AlertCreatedDto { MessageId = alert.MessageId, AlertId = alert.AlertId, CorrelationId = alert.CorrelationId });
            }
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

        public ApiResult GetAlertDebug(PartnerRecord p, string messageId)
        {
            lock (_gate)
            {
                ProcessAlertsLocked(p, force: false);
                if (p.FindAlert(messageId) is not AlertRecord a)
                    return ApiResult.NotFound($"No alert found with messageId: {messageId}");
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
                return new ApiResult(200, dto);
            }
        }

        /// <summary>Turns queued alerts older than the alert delay (or all, when forced) into tickets or failures.</summary>
        private int ProcessAlertsLocked(PartnerRecord p, bool force)
        {
            DateTimeOffset now = Now;
            int processed = 0;
            foreach (AlertRecord a in p.Alerts)
            {
                if (a.State != "pending") continue;
                if (!force && now < a.QueuedAt.AddMilliseconds(AlertDelayMs)) continue;
                processed++;
                a.ProcessedAt = now;
                var errors = new List<string>();
                int code = 0;
                AccountRecord? account = p.FindAccount(a.AccountId);
                PsaClient? client = null;
                if (account == null)
                {
                    errors.Add($"No account found with id: {a.AccountId}");
                    code = 404;
                }
                else if (account.Mapping == null)
                {
                    errors.Add($"Account {a.AccountId} is not mapped to a PSA client");
                    code = 400;
                }
                else
                {
                    client = p.FindPsaClient(account.Mapping.PsaId);
                    if (client == null)
                    {
                        errors.Add($"Account {a.AccountId} is mapped to an unknown PSA client");
                        code = 400;
                    }
                }
                string? psaServiceId = null;
                if (a.ServiceId != null)
                {
                    MappingRecord? sm = ServiceMappingLocked(p, a.ServiceId, out bool exists);
                    if (!exists)
                    {
                        errors.Add($"No service found with id: {a.ServiceId}");
                        code = code == 0 ? 404 : code;
                    }
                    else if (sm == null)
                    {
                        errors.Add($"Service {a.ServiceId} is not mapped to a PSA service");
                        code = code == 0 ? 400 : code;
                    }
                    else psaServiceId = sm.PsaId;
                }
                if (errors.Count > 0)
                {
                    a.State = "failed";
                    a.StatusCode = code;
                    a.Errors = errors;
                    continue;
                }
                string ticketId = (_doc.NextTicketNumber++).ToString(System.Globalization.CultureInfo.InvariantCulture);
                a.State = "success";
                a.TicketId = ticketId;
                p.Tickets.Add(new TicketRecord
                {
                    TicketId = ticketId,
                    MessageId = a.MessageId,
                    AlertId = a.AlertId,
                    AccountId = a.AccountId,
                    PsaClientId = client!.Id,
                    PsaClientName = client.Name,
                    ServiceId = a.ServiceId,
                    PsaServiceId = psaServiceId,
                    Title = a.Title,
                    Description = a.Description,
                    Priority = Catalog.PriorityName(a.Priority),
                    Status = a.Status,
                    DueDateTime = a.DueDateTime,
                    CreatedAt = now,
                });
            }
            if (processed > 0) Touch();
            return processed;
        }

        /// <summary>Mapping of a vendor sku or organization service for this partner.</summary>
        private MappingRecord? ServiceMappingLocked(PartnerRecord p, string serviceId, out bool exists)
        {
            if (_skuIndex.ContainsKey(serviceId))
            {
                exists = true;
                return p.FindSkuMapping(serviceId)?.Mapping;
            }
            if (p.FindService(serviceId) is OrgServiceRecord os)
            {
                exists = true;
                return os.Mapping;
            }
            exists = false;
            return null;
        }
    }
}
