namespace GradientMsp.Emulator.Domain
{
    /// <summary>An account or organization service to create, or the changes to one (null = unchanged).</summary>
    internal sealed class PropertyInput
    {
        public string? Id;
        public string? Name;
        public string? Description;
        public bool? IsActive;
        public bool? IsArrears;
    }

    /// <summary>One page of PSA clients (the vendor's client picker).</summary>
    internal sealed record ClientsPage(System.Collections.Generic.List<PsaClient> Clients, int Total, bool HasMore);
}
