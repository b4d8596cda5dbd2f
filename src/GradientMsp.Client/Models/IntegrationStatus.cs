namespace GradientMsp.Client.Models
{
    /// <summary>
    /// The integration status values the current reference accepts. The wire form is lower case
    /// ("The status is case sensitive"); see <see cref="IntegrationStatusNames"/>.
    /// </summary>
    public enum IntegrationStatus
    {
        /// <summary>The default; also what the vendor sets when the partner disconnects.</summary>
        Inactive,
        /// <summary>Set after the partner authenticates; it is what enables "Next" in Synthesize.</summary>
        Pending,
        /// <summary>Gradient sets this on the first usage or alert received.</summary>
        Active,
    }

    /// <summary>Conversions between <see cref="IntegrationStatus"/> and its case-sensitive wire form.</summary>
    public static class IntegrationStatusNames
    {
        public static string ToWire(IntegrationStatus status) => status switch
        {
            IntegrationStatus.Inactive => "inactive",
            IntegrationStatus.Pending => "pending",
            IntegrationStatus.Active => "active",
            _ => throw new System.ArgumentOutOfRangeException(nameof(status), status, "Unknown integration status."),
        };

        /// <summary>Parses a status as any case typed; returns false for values the reference does not list.</summary>
        public static bool TryParse(string? value, out IntegrationStatus status)
        {
            switch (value?.Trim().ToLowerInvariant())
            {
                case "inactive": status = IntegrationStatus.Inactive; return true;
                case "pending": status = IntegrationStatus.Pending; return true;
                case "active": status = IntegrationStatus.Active; return true;
                default: status = default; return false;
            }
        }
    }
}
