namespace GradientMsp.Emulator.Domain
{
    /// <summary>A service as one partner sees it: a vendor sku or one of its organization services, with its mapping.</summary>
    internal sealed record ServiceRef(string Id, string Kind, string Name, MappingRecord? Mapping)
    {
        public const string VendorKind = "vendor";
        public const string OrganizationKind = "organization";
    }
}
