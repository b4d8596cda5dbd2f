using System;

namespace GradientMsp.Client.Ledger
{
    /// <summary>A ledger that cannot be used: in use by another run, not a ledger, damaged, or from another version. The message says what to do.</summary>
    public sealed class UsageLedgerException : Exception
    {
        public UsageLedgerException(UsageLedgerProblem problem, string message, Exception? innerException = null)
            : base(message, innerException)
        {
            Problem = problem;
        }

        public UsageLedgerProblem Problem { get; }
    }

    /// <summary>Why a ledger could not be opened.</summary>
    public enum UsageLedgerProblem
    {
        /// <summary>Another run holds the ledger's lock file.</summary>
        InUse,
        /// <summary>The file is not a GradientMsp ledger, or it is damaged.</summary>
        NotALedger,
        /// <summary>The ledger was written by a newer GradientMsp, or by an older one this version cannot upgrade.</summary>
        UnsupportedVersion,
        /// <summary>The path cannot be opened (folder missing, access denied).</summary>
        Unreachable,
    }

    /// <summary>What the ledger says Gradient was last told for one partner organization x account x service.</summary>
    public sealed class UsageLedgerEntry
    {
        public string OrganizationId { get; set; } = "";
        public string? OrganizationName { get; set; }
        public string AccountId { get; set; } = "";
        public string ServiceId { get; set; } = "";
        /// <summary>The count that was answered 201.</summary>
        public decimal UnitCount { get; set; }
        /// <summary>When the 201 came (UTC).</summary>
        public DateTimeOffset LandedAt { get; set; }
        /// <summary>The run that pushed it.</summary>
        public string RunId { get; set; } = "";
        /// <summary>
        /// False when the ledger no longer vouches for the count: the partner's key or integration changed since
        /// (a reconnect deletes the counts), or a later push of the pair was unmapped, failed or cut off. Such a
        /// pair is sent again on the next run.
        /// </summary>
        public bool Trusted { get; set; }

        public override string ToString() => OrganizationId + " / " + AccountId + " / " + ServiceId + " = " + UnitCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>One partner organization as the ledger knows it: its identity when last synced. Never the key, only its fingerprint.</summary>
    public sealed class UsageLedgerPartnerInfo
    {
        public string OrganizationId { get; set; } = "";
        public string? OrganizationName { get; set; }
        public string? IntegrationId { get; set; }
        public string? VendorId { get; set; }
        /// <summary>A keyed hash of the partner key (16 hex digits), salted per ledger file.</summary>
        public string KeyFingerprint { get; set; } = "";
        /// <summary>Raised each time the ledger stops trusting this partner's entries (key or integration changed).</summary>
        public int Generation { get; set; }
        public DateTimeOffset LastRunAt { get; set; }
        public string LastRunId { get; set; } = "";
    }
}
