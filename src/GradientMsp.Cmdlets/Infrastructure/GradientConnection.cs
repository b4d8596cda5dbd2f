using System;
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

        public override string ToString() => $"{OrganizationName ?? OrganizationId ?? "?"} @ {BaseUri} (partner {PartnerKeyHint})";
    }
}
