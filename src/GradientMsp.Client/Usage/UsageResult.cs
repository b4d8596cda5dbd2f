using System;

namespace GradientMsp.Client.Usage
{
    /// <summary>What happened to one usage row.</summary>
    public enum UsageOutcome
    {
        /// <summary>The count was accepted (201).</summary>
        Pushed,
        /// <summary>404: the partner has not mapped the account or the service. Expected; not a failure.</summary>
        Unmapped,
        /// <summary>The push failed after retries; <see cref="UsageResult.Reason"/> says why. Pipe it back to retry.</summary>
        Failed,
        /// <summary>The row itself is wrong (missing id, negative or non-numeric count, unknown service name); nothing was sent.</summary>
        Invalid,
        /// <summary>-WhatIf, or the run was stopped before this row was sent.</summary>
        NotSent,
    }

    /// <summary>The outcome of one usage row. Carries the row's values so it can be piped back in.</summary>
    public sealed class UsageResult
    {
        public long Index { get; set; }
        public string? AccountId { get; set; }
        public string? ServiceId { get; set; }
        public string? ServiceName { get; set; }
        public decimal? UnitCount { get; set; }
        public UsageOutcome Outcome { get; set; }
        public string? Reason { get; set; }
        public int? StatusCode { get; set; }
        public int Attempts { get; set; }
        /// <summary>True when this push was the one sent without no_build, i.e. it rebuilt billing.</summary>
        public bool RebuiltBilling { get; set; }
        public TimeSpan Elapsed { get; set; }
        /// <summary>The caller's original object.</summary>
        public object? Source { get; set; }
    }

    /// <summary>Totals for one run of a usage sync.</summary>
    public sealed class UsageSyncSummary
    {
        public long Total { get; set; }
        public long Pushed { get; set; }
        public long Unmapped { get; set; }
        public long Failed { get; set; }
        public long Invalid { get; set; }
        public long NotSent { get; set; }
        /// <summary>HTTP requests sent, retries included.</summary>
        public long Requests { get; set; }
        public long Retries { get; set; }
        /// <summary>Whether billing was rebuilt at the end (a push without no_build landed).</summary>
        public bool BillingRebuilt { get; set; }
        public TimeSpan Elapsed { get; set; }
        public double RowsPerSecond => Elapsed.TotalSeconds > 0 ? Total / Elapsed.TotalSeconds : 0;
    }
}
