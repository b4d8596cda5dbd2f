using System.Collections.Generic;

namespace GradientMsp.Emulator.Pages
{
    /// <summary>What one page render has to hand: the partner, the vendor, the form token, a one-time message and
    /// the vendor-API requests since the browser last looked. Built and rendered under the state lock.</summary>
    internal sealed class PageContext
    {
        public PageContext(PartnerRecord? partner, IReadOnlyList<PartnerRecord> partners, VendorRecord vendor, string formToken,
            string nonce, Flash? flash, IReadOnlyList<RequestLogEntry> changes, bool firstLook, string? confirm)
        {
            Partner = partner;
            Partners = partners;
            Vendor = vendor;
            FormToken = formToken;
            Nonce = nonce;
            Flash = flash;
            Changes = changes;
            FirstLook = firstLook;
            Confirm = confirm;
        }

        public PartnerRecord? Partner { get; }
        public PartnerRecord P => Partner!;
        public IReadOnlyList<PartnerRecord> Partners { get; }
        public VendorRecord Vendor { get; }
        public string FormToken { get; }
        public string Nonce { get; }
        public Flash? Flash { get; }
        public IReadOnlyList<RequestLogEntry> Changes { get; }
        /// <summary>No "last looked" cookie yet: the panel shows recent requests instead of "since".</summary>
        public bool FirstLook { get; }
        /// <summary>The ?confirm= value: which modal (finish, disconnect) to show over the page.</summary>
        public string? Confirm { get; }

        /// <summary>The partner's page root, e.g. /synthesize/65f0…/ (organization ids are the emulator's).</summary>
        public string Root => SynthesizePages.Prefix + "/" + Html.Seg(P.OrganizationId);
    }

    /// <summary>A one-time message for the page a POST redirects to; <see cref="Key"/> is a key shown exactly once.</summary>
    internal sealed record Flash(string OrganizationId, string Notice, string? Key);
}
