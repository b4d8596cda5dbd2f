using System;
using GradientMsp.Contracts;

namespace GradientMsp.Client
{
    /// <summary>
    /// The vendor key and partner key that make up a GRADIENT-TOKEN. Never printed: ToString
    /// shows only a fingerprint so logs and transcripts can tell connections apart.
    /// </summary>
    public sealed class GradientCredential
    {
        private readonly string _vendorKey;
        private readonly string _partnerKey;

        public GradientCredential(string vendorKey, string partnerKey)
        {
            if (string.IsNullOrWhiteSpace(vendorKey)) throw new ArgumentException("The vendor API key is empty.", nameof(vendorKey));
            if (string.IsNullOrWhiteSpace(partnerKey)) throw new ArgumentException("The partner API key is empty.", nameof(partnerKey));
            if (vendorKey.IndexOf(':') >= 0) throw new ArgumentException("The vendor API key cannot contain ':' because the token joins the keys with one.", nameof(vendorKey));
            // The token travels in one header; servers refuse headers over a few KB (431), which would look like a network fault.
            if (vendorKey.Length > MaxKeyLength) throw new ArgumentException(TooLong("vendor", vendorKey.Length), nameof(vendorKey));
            if (partnerKey.Length > MaxKeyLength) throw new ArgumentException(TooLong("partner", partnerKey.Length), nameof(partnerKey));
            _vendorKey = vendorKey.Trim();
            _partnerKey = partnerKey.Trim();
        }

        /// <summary>Base64 of UTF-8 "vendorKey:partnerKey", the value of the GRADIENT-TOKEN header.</summary>
        /// <summary>The longest key accepted. Gradient's keys are a few dozen characters.</summary>
        public const int MaxKeyLength = 1024;

        private static string TooLong(string which, int length)
            => "The " + which + " API key is " + length.ToString(System.Globalization.CultureInfo.InvariantCulture)
               + " characters long; a Gradient key is a few dozen (at most " + MaxKeyLength.ToString(System.Globalization.CultureInfo.InvariantCulture) + " accepted).";

        internal string ToToken() => VendorApiContract.Token(_vendorKey, _partnerKey);

        /// <summary>The same vendor key with another partner's key (one vendor syncing many partners).</summary>
        public GradientCredential WithPartnerKey(string partnerKey) => new GradientCredential(_vendorKey, partnerKey);

        /// <summary>Whether <paramref name="partnerKey"/> is this credential's partner key (surrounding spaces ignored).</summary>
        public bool IsPartnerKey(string? partnerKey) => partnerKey != null && string.Equals(_partnerKey, partnerKey.Trim(), StringComparison.Ordinal);

        /// <summary>The last four characters of the partner key, enough to tell partners apart in output.</summary>
        public string PartnerKeyHint => _partnerKey.Length <= 4 ? "****" : "****" + _partnerKey.Substring(_partnerKey.Length - 4);

        /// <summary>
        /// A keyed hash (HMAC-SHA256 with <paramref name="salt"/>) of the partner key, as 16 hex digits: tells
        /// whether the key changed without keeping it. The push ledger stores this, never the key.
        /// </summary>
        internal string PartnerKeyFingerprint(byte[] salt)
        {
            if (salt == null) throw new ArgumentNullException(nameof(salt));
            using (var hmac = new System.Security.Cryptography.HMACSHA256(salt))
            {
                byte[] hash = hmac.ComputeHash(System.Text.Encoding.UTF8.GetBytes(_partnerKey));
                var text = new System.Text.StringBuilder(16);
                for (int i = 0; i < 8; i++) text.Append(hash[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
                return text.ToString();
            }
        }

        public override string ToString() => "GradientCredential(partner " + PartnerKeyHint + ")";
    }
}
