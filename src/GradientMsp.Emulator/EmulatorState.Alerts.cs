using System;
using System.Collections.Generic;
using System.Linq;
using GradientMsp.Emulator.Domain;

namespace GradientMsp.Emulator
{
    /// <summary>An alert as the vendor sends it, validated.</summary>
    internal sealed class AlertInput
    {
        public string? Title, Description, AlertId, DueDateTime, ServiceId;
        public int Priority, Status;
    }

    /// <summary>Alerts: the vendor queues them, the emulated PSA turns them into tickets after the alert delay.</summary>
    internal sealed partial class EmulatorState
    {
        // ---------- alerting ----------

        /// <summary>Queues an alert; the account and service are checked only when it is processed (as Synthesize does).</summary>
        public AlertRecord QueueAlert(PartnerRecord p, string accountId, AlertInput i)
        {
            lock (_gate)
            {
                var alert = new AlertRecord
                {
                    MessageId = Guid.NewGuid().ToString(),
                    AlertId = i.AlertId!,
                    CorrelationId = NewObjectId(),
                    AccountId = accountId,
                    Title = i.Title!,
                    Description = i.Description!,
                    Priority = i.Priority,
                    Status = i.Status,
                    DueDateTime = i.DueDateTime,
                    ServiceId = i.ServiceId,
                    QueuedAt = Now,
                };
                p.AddAlert(alert);
                Touch();
                return alert;
            }
        }

        /// <summary>The alert after due alerts were processed (the debug route's view).</summary>
        public Result<AlertRecord> FindAlert(PartnerRecord p, string messageId)
        {
            lock (_gate)
            {
                ProcessAlertsLocked(p, force: false);
                return p.FindAlert(messageId) is AlertRecord a ? a : DomainError.NotFound($"No alert found with messageId: {messageId}");
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
