namespace GradientMsp.Client.Usage
{
    /// <summary>
    /// One row of usage as the caller gave it: raw, unvalidated values, so that a bad row can be
    /// reported as Invalid with the reason instead of failing the whole run.
    /// </summary>
    public sealed class UsageRow
    {
        /// <summary>Position in the input (0-based), so results can be matched to rows.</summary>
        public long Index { get; set; }
        public string? AccountId { get; set; }
        /// <summary>Gradient's service id; when empty, <see cref="ServiceName"/> is resolved once per run.</summary>
        public string? ServiceId { get; set; }
        public string? ServiceName { get; set; }
        /// <summary>The count as given (number or text); validated by the engine.</summary>
        public object? UnitCount { get; set; }
        /// <summary>The caller's original object, handed back on the result so failed rows can be piped again.</summary>
        public object? Source { get; set; }
    }
}
