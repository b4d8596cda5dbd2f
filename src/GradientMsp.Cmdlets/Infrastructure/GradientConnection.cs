using System;
using System.Collections.Generic;
using GradientMsp.Client;
using GradientMsp.Client.Session;

namespace GradientMsp.Commands
{
    /// <summary>
    /// One connection to Synthesize: a vendor key + partner key pair against one base URI. This is
    /// what Connect-GradientIntegration -PassThru returns and what -Connection takes. It carries no
    /// key: only a hint of the partner key's last characters. What a connection does lives in the
    /// client's <see cref="GradientSession"/>; this is its PowerShell face.
    /// </summary>
    public sealed class GradientConnection
    {
        // One face per partner child, so Parent and re-piped rows see the same object every time.
        private readonly Dictionary<GradientSession, GradientConnection> _partners = new Dictionary<GradientSession, GradientConnection>();

        internal GradientConnection(GradientSession session, GradientConnection? parent = null)
        {
            Session = session;
            Parent = parent;
            Id = Guid.NewGuid();
            ConnectedAt = DateTimeOffset.Now;
        }

        /// <summary>Identifies the connection within the session.</summary>
        public Guid Id { get; }

        public Uri BaseUri => Session.BaseUri;

        /// <summary>The partner organization this connection acts for.</summary>
        public string? OrganizationId => Session.OrganizationId;

        public string? OrganizationName => Session.OrganizationName;

        public string? VendorName => Session.VendorName;

        public string? IntegrationId => Session.IntegrationId;

        /// <summary>The integration status as last seen or set by this session.</summary>
        public string? Status => Session.Status;

        /// <summary>The last characters of the partner key, to tell partners apart.</summary>
        public string PartnerKeyHint => Session.PartnerKeyHint;

        public bool IsEmulator => Session.IsEmulator;

        public DateTimeOffset ConnectedAt { get; }

        /// <summary>True once Disconnect-GradientIntegration has closed it.</summary>
        public bool IsClosed => Session.IsClosed;

        /// <summary>The requests a second this connection never exceeds.</summary>
        public double RequestsPerSecond => Session.Client.Options.RequestsPerSecond;

        internal GradientSession Session { get; }

        internal GradientClient Client => Session.Client;

        /// <summary>
        /// The connection this one was made from for a usage row that carried its own partner key;
        /// null for connections made by Connect-GradientIntegration.
        /// </summary>
        public GradientConnection? Parent { get; }

        /// <summary>The connection for another partner of this connection's vendor (see <see cref="GradientSession.ForPartner"/>).</summary>
        internal GradientConnection ForPartner(string partnerKey) => Wrap(Session.ForPartner(partnerKey));

        /// <summary>This connection's face, or its root's face for one of the root's partner children.</summary>
        internal GradientConnection Wrap(GradientSession session)
        {
            GradientConnection root = Parent ?? this;
            if (ReferenceEquals(session, root.Session))
            {
                return root;
            }

            lock (root._partners)
            {
                if (!root._partners.TryGetValue(session, out GradientConnection? partner))
                {
                    partner = new GradientConnection(session, root);
                    root._partners[session] = partner;
                }

                return partner;
            }
        }

        /// <summary>Closes this connection and the partner connections made from it.</summary>
        internal void Close()
        {
            Session.Close();
            lock (_partners)
            {
                _partners.Clear();
            }
        }

        public override string ToString() => Session.ToString();
    }
}
