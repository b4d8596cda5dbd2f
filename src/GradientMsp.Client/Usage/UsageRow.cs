namespace GradientMsp.Client.Usage
{
    /// <summary>
    /// One row of usage as the caller gave it: raw, unvalidated values, so that a bad row can be
    /// reported as Invalid with the reason instead of failing the whole run.
    /// </summary>
    public sealed class UsageRow
    {
        /// <summary>Position in the input, from 1, so results can be matched to rows (0: let the coordinator number it).</summary>
        public long Index { get; set; }
        public string? AccountId { get; set; }
        /// <summary>Gradient's service id; when empty, <see cref="ServiceName"/> is resolved once per run.</summary>
        public string? ServiceId { get; set; }
        public string? ServiceName { get; set; }
        /// <summary>The count as given (number or text); validated by the engine.</summary>
        public object? UnitCount { get; set; }
        /// <summary>The caller's original object, handed back on the result so failed rows can be piped again.</summary>
        public object? Source { get; set; }
        /// <summary>Set when the caller already knows the row is unusable (e.g. none of its fields is a usage field): it is reported Invalid with this reason.</summary>
        public string? Problem { get; set; }
        /// <summary>
        /// The row is a result of an earlier run piped back (a retry of what did not land): a run holding
        /// one is part of an export, not all of it, so a ledger's pairs it lacks are not judged Missing.
        /// </summary>
        public bool IsRetry { get; set; }
    }
}
