using System;
using System.Text;

namespace GradientMsp.Contracts
{
    /// <summary>How a caller reaches Synthesize's vendor API (docs/gradient-api.md §1, §2.1).</summary>
    public static class VendorApiContract
    {
        /// <summary>The path every vendor route sits under, relative to the host root.</summary>
        public const string Prefix = "/api/vendor-api";

        /// <summary>The header that carries <see cref="Token"/>.</summary>
        public const string TokenHeader = "GRADIENT-TOKEN";

        /// <summary>
        /// Base64 of UTF-8 "vendorKey:partnerKey". The client sends it and the emulator recognises it,
        /// so both must build it here; a key containing ':' could not be split again, which is why the
        /// client refuses such a vendor key.
        /// </summary>
        public static string Token(string vendorKey, string partnerKey)
        {
            if (vendorKey == null) throw new ArgumentNullException(nameof(vendorKey));
            if (partnerKey == null) throw new ArgumentNullException(nameof(partnerKey));
            return Convert.ToBase64String(Encoding.UTF8.GetBytes(vendorKey + ":" + partnerKey));
        }
    }
}
