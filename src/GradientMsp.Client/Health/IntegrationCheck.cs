using System;
using System.Collections.Generic;

namespace GradientMsp.Client.Health
{
    /// <summary>The checks Test-GradientIntegration runs, in the order it runs them.</summary>
    public enum IntegrationCheckName
    {
        /// <summary>GET /organization answers: the vendor and partner keys are accepted.</summary>
        Keys,
        /// <summary>The integration status: active, pending (setup unfinished) or inactive (disconnected).</summary>
        Status,
        /// <summary>The vendor's integrationPortalUrl is set (what "Open Vendor Portal" opens).</summary>
        PortalUrl,
        /// <summary>The partner has at least one account.</summary>
        Accounts,
        /// <summary>The vendor has at least one service (vendor-level or organization).</summary>
        Services,
        /// <summary>Every account is mapped by the partner (isMapped).</summary>
        UnmappedAccounts,
        /// <summary>Every organization service is mapped by the partner (isMapped).</summary>
        UnmappedServices,
        /// <summary>How long since usage last landed (lastSyncedAt).</summary>
        LastSync,
    }

    /// <summary>How a check came out.</summary>
    public enum IntegrationCheckStatus
    {
        Pass,
        /// <summary>Works, but something is unfinished or worth a look.</summary>
        Warn,
        /// <summary>Broken: usage will not reach the partner's billing until it is fixed.</summary>
        Fail,
        /// <summary>Not run: an earlier check it depends on failed, or the service does not report it.</summary>
        Skipped,
    }

    /// <summary>One typed check: what was looked at, how it came out, and a one-line fix.</summary>
    public sealed class IntegrationCheck
    {
        public IntegrationCheck(IntegrationCheckName name, IntegrationCheckStatus status, string message, string? fix = null, IReadOnlyList<string>? items = null)
        {
            Name = name;
            Status = status;
            Message = message ?? throw new ArgumentNullException(nameof(message));
            Fix = fix;
            Items = items ?? Array.Empty<string>();
        }

        public IntegrationCheckName Name { get; }
        public IntegrationCheckStatus Status { get; }
        /// <summary>What was found, in one line.</summary>
        public string Message { get; }
        /// <summary>What to do about a Warn or Fail, in one line; null on Pass.</summary>
        public string? Fix { get; }
        /// <summary>The ids behind the message (for example the unmapped accounts).</summary>
        public IReadOnlyList<string> Items { get; }

        public override string ToString() => $"{Name}: {Status} - {Message}";
    }

    /// <summary>Every check of one run.</summary>
    public sealed class IntegrationHealth
    {
        public IntegrationHealth(IReadOnlyList<IntegrationCheck> checks) => Checks = checks ?? throw new ArgumentNullException(nameof(checks));

        public IReadOnlyList<IntegrationCheck> Checks { get; }

        /// <summary>No check failed (warnings allowed): what -Quiet returns.</summary>
        public bool Healthy
        {
            get
            {
                foreach (IntegrationCheck check in Checks)
                {
                    if (check.Status == IntegrationCheckStatus.Fail) return false;
                }

                return true;
            }
        }

        /// <summary>
        /// A sync can start: keys accepted and the integration not disconnected. The other checks
        /// (unmapped, stale) do not stop a sync; the sync is what fixes a stale one.
        /// </summary>
        public bool CanSync => StatusOf(IntegrationCheckName.Keys) == IntegrationCheckStatus.Pass
            && StatusOf(IntegrationCheckName.Status) != IntegrationCheckStatus.Fail;

        public IntegrationCheckStatus? StatusOf(IntegrationCheckName name)
        {
            foreach (IntegrationCheck check in Checks)
            {
                if (check.Name == name) return check.Status;
            }

            return null;
        }

        public IntegrationCheck? Get(IntegrationCheckName name)
        {
            foreach (IntegrationCheck check in Checks)
            {
                if (check.Name == name) return check;
            }

            return null;
        }
    }
}
