using System;
using System.Collections.Generic;
using GradientMsp.Client;

namespace GradientMsp.Commands
{
    /// <summary>
    /// One connection to Synthesize: a vendor key + partner key pair against one base URI. This is
    /// what Connect-GradientIntegration -PassThru returns and what -Connection takes. It carries no
    /// key: only a hint of the partner key's last characters.
    /// </summary>
    public sealed class GradientConnection
    {
        internal GradientConnection(GradientClient client, bool isEmulator)
        {
            Client = client;
            Id = Guid.NewGuid();
            ConnectedAt = DateTimeOffset.Now;
            IsEmulator = isEmulator;
        }

        /// <summary>Identifies the connection within the session.</summary>
        public Guid Id { get; }

        public Uri BaseUri => Client.BaseUri;

        /// <summary>The partner organization this connection acts for.</summary>
        public string? OrganizationId { get; internal set; }

        public string? OrganizationName { get; internal set; }

        public string? VendorName { get; internal set; }

        public string? IntegrationId { get; internal set; }

        /// <summary>The integration status as last seen or set by this session.</summary>
        public string? Status { get; internal set; }

        /// <summary>The last characters of the partner key, to tell partners apart.</summary>
        public string PartnerKeyHint => Client.Credential.PartnerKeyHint;

        public bool IsEmulator { get; }

        public DateTimeOffset ConnectedAt { get; }

        /// <summary>True once Disconnect-GradientIntegration has closed it.</summary>
        public bool IsClosed { get; internal set; }

        /// <summary>The requests a second this connection never exceeds.</summary>
        public double RequestsPerSecond => Client.Options.RequestsPerSecond;

        internal GradientClient Client { get; }

        /// <summary>
        /// The connection this one was made from for a usage row that carried its own partner key;
        /// null for connections made by Connect-GradientIntegration.
        /// </summary>
        public GradientConnection? Parent { get; private set; }

        // Connections for partner keys that usage rows carried, one per key, kept for the life of
        // this connection so that re-piped failures reuse the same client and pacer.
        private readonly Dictionary<string, GradientConnection> _partners = new Dictionary<string, GradientConnection>(StringComparer.Ordinal);

        /// <summary>
        /// The connection for another partner of this connection's vendor: this one when the key is
        /// its own, else one made (unverified, status untouched) and kept for the next call.
        /// </summary>
        internal GradientConnection ForPartner(string partnerKey)
        {
            GradientConnection root = Parent ?? this;
            if (root.Client.Credential.IsPartnerKey(partnerKey))
            {
                return root;
            }

            lock (root._partners)
            {
                string trimmed = partnerKey.Trim();
                if (!root._partners.TryGetValue(trimmed, out GradientConnection? partner) || partner.IsClosed)
                {
                    partner = new GradientConnection(root.Client.ForPartner(trimmed), root.IsEmulator) { Parent = root };
                    root._partners[trimmed] = partner;
                }

                return partner;
            }
        }

        /// <summary>Closes this connection and the partner connections made from it.</summary>
        internal void Close()
        {
            IsClosed = true;
            Client.Dispose();
            lock (_partners)
            {
                foreach (GradientConnection partner in _partners.Values)
                {
                    partner.Close();
                }

                _partners.Clear();
            }
        }

        public override string ToString() => $"{OrganizationName ?? OrganizationId ?? "?"} @ {BaseUri} (partner {PartnerKeyHint})";
    }
}
