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
        /// <summary>-WhatIf, or the run was stopped before this row was sent (pipe it back to send it).</summary>
        NotSent,
        /// <summary>A later row of the same run sets the same account and service; that row's count stands. Do not pipe this one back.</summary>
        Superseded,
        /// <summary>The ledger says Gradient already has this count for the pair (-LedgerPath): not sent. Counts in the summary.</summary>
        Unchanged,
        /// <summary>The ledger has a count for a pair absent from this run's input: Gradient keeps billing it. Not sent unless the run pushes missing pairs as 0.</summary>
        Missing,
    }

    /// <summary>Why a run stopped sending before the end of its rows.</summary>
    public enum UsageSyncStop
    {
        /// <summary>The run was not stopped.</summary>
        None,
        /// <summary>A push was answered 401: the partner key (or the vendor key) is wrong or revoked.</summary>
        AuthenticationFailed,
        /// <summary>Several pushes in a row could not reach Synthesize (connection failures, timeouts, 5xx after retries).</summary>
        CircuitOpen,
        /// <summary>The input ended early: the row source failed, the pipeline was stopped, or the caller abandoned the run.</summary>
        Abandoned,
    }

    /// <summary>The outcome of one usage row. Carries the row's values so it can be piped back in.</summary>
    public sealed class UsageResult
    {
        /// <summary>The row's number in the input, from 1 (the first data row of a CSV is 1); a re-piped result keeps its number.</summary>
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
        /// <summary>With a ledger: the count the ledger says last landed for the pair (null: none recorded).</summary>
        public decimal? LedgerUnitCount { get; set; }
        /// <summary>With a ledger: when that count landed (UTC).</summary>
        public DateTimeOffset? LedgerLandedAt { get; set; }
        /// <summary>The caller's row (a copy without any partner key when the row carried one).</summary>
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
        /// <summary>Rows not standing because a later row set the same account and service.</summary>
        public long Superseded { get; set; }
        /// <summary>Account x service pairs that appeared more than once (usually per-device rows that should have been summed).</summary>
        public long DuplicatePairs { get; set; }
        /// <summary>With a ledger: rows not sent because Gradient already has their count.</summary>
        public long Unchanged { get; set; }
        /// <summary>With a ledger: pairs in the ledger absent from the input (reported Missing, or pushed as 0 when asked).</summary>
        public long Missing { get; set; }
        /// <summary>With a ledger: the input held retried results (part of an export, not all of it), so no pair was judged Missing and nothing was pushed as 0.</summary>
        public bool MissingNotJudged { get; set; }
        /// <summary>With a ledger: why the partner's earlier entries were not trusted and every row was sent, or null.</summary>
        public string? LedgerDistrusted { get; set; }
        /// <summary>With a ledger: a problem writing it (the run went on; the rows it could not record are sent again next run), or null.</summary>
        public string? LedgerProblem { get; set; }
        /// <summary>With a ledger: no changed row rebuilt billing, so one unchanged row was re-sent without no_build to rebuild it and move lastSyncedAt.</summary>
        public bool KeptFresh { get; set; }
        /// <summary>Why the run stopped sending early, if it did; <see cref="StopReason"/> says more.</summary>
        public UsageSyncStop Stopped { get; set; }
        public string? StopReason { get; set; }
        /// <summary>HTTP requests sent, retries included.</summary>
        public long Requests { get; set; }
        public long Retries { get; set; }
        /// <summary>Whether billing was rebuilt at the end (a push without no_build landed).</summary>
        public bool BillingRebuilt { get; set; }
        public TimeSpan Elapsed { get; set; }
        public double RowsPerSecond => Elapsed.TotalSeconds > 0 ? Total / Elapsed.TotalSeconds : 0;
    }
}
