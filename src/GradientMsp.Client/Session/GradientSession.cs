using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using GradientMsp.Client.Models;

namespace GradientMsp.Client.Session
{
    /// <summary>
    /// One connection to Synthesize for one vendor key + partner key pair, and what it knows about
    /// the partner's integration. It connects (verify, then pending unless already active), observes
    /// every integration answer, sets the status, makes partner children and closes. PowerShell-free:
    /// the cmdlets wrap it, decide prompts and -WhatIf, and store it per runspace. Thread-safe.
    /// </summary>
    public sealed class GradientSession : IDisposable
    {
        private readonly object _gate = new object();
        // Partner children, one per partner key, kept for the life of this session so that re-piped
        // rows reuse the same client and pacer.
        private readonly Dictionary<string, GradientSession> _partners = new Dictionary<string, GradientSession>(StringComparer.Ordinal);
        // Set on the root session only: the socket pool it and its children share, which it disposes.
        private readonly HttpMessageHandler? _ownedPrimary;
        private int _closed;

        private GradientSession(GradientClient client, bool isEmulator, GradientSession? parent, HttpMessageHandler? ownedPrimary)
        {
            Client = client;
            IsEmulator = isEmulator;
            Parent = parent;
            _ownedPrimary = ownedPrimary;
        }

        /// <summary>
        /// A new session, not yet verified. Unless the options name a primary handler (a test seam),
        /// the session makes the one its partner children will share.
        /// </summary>
        /// <exception cref="ArgumentException">The base URI is not absolute, or is plain http to a non-loopback host.</exception>
        public static GradientSession Open(GradientCredential credential, GradientClientOptions options, bool isEmulator = false)
        {
            if (credential == null) throw new ArgumentNullException(nameof(credential));
            if (options == null) throw new ArgumentNullException(nameof(options));

            // Check the base URI before making sockets, so a refused URI leaks nothing.
            GradientClient.NormalizeBaseUri(options.BaseUri);
            GradientClientOptions own = options.Clone();
            HttpMessageHandler? owned = null;
            if (own.PrimaryHandler == null)
            {
                // GradientClient.ForPartner copies the options, primary handler included, so every
                // child sends through this one pool; the client leaves a given handler undisposed.
                own.PrimaryHandler = owned = SharedPrimaryHandler.Create();
            }

            try
            {
                return new GradientSession(new GradientClient(credential, own), isEmulator, null, owned);
            }
            catch
            {
                owned?.Dispose();
                throw;
            }
        }

        /// <summary>
        /// Opens, verifies the keys (GET /organization) and, when <paramref name="setPending"/> is true
        /// and the integration is not already active, sets it to pending (what lights up "Next" in
        /// Synthesize). A session whose keys fail is closed before the error is thrown.
        /// </summary>
        public static async Task<GradientSession> ConnectAsync(GradientCredential credential, GradientClientOptions options, bool isEmulator, bool setPending, CancellationToken cancellationToken = default)
        {
            GradientSession session = Open(credential, options, isEmulator);
            try
            {
                await session.VerifyAsync(cancellationToken).ConfigureAwait(false);
                if (setPending && !session.IsActive)
                {
                    await session.SetStatusAsync(IntegrationStatus.Pending, cancellationToken).ConfigureAwait(false);
                }

                return session;
            }
            catch
            {
                session.Close();
                throw;
            }
        }

        public GradientClient Client { get; }

        public Uri BaseUri => Client.BaseUri;

        public bool IsEmulator { get; }

        /// <summary>The session this one was made from for another partner key; null for a root session.</summary>
        public GradientSession? Parent { get; }

        public string? OrganizationId { get; private set; }

        public string? OrganizationName { get; private set; }

        public string? VendorName { get; private set; }

        public string? IntegrationId { get; private set; }

        /// <summary>The integration status as last seen or set through this session.</summary>
        public string? Status { get; private set; }

        /// <summary>True when the status last seen is active (then pending would be a downgrade).</summary>
        public bool IsActive => IsActiveStatus(Status);

        public bool IsClosed => Volatile.Read(ref _closed) != 0;

        /// <summary>The last characters of the partner key, to tell partners apart.</summary>
        public string PartnerKeyHint => Client.Credential.PartnerKeyHint;

        /// <summary>The socket-level handler under this session's client (shared by its children).</summary>
        internal HttpMessageHandler? PrimaryHandler => Client.Options.PrimaryHandler;

        public static bool IsActiveStatus(string? status) => string.Equals(status, "active", StringComparison.OrdinalIgnoreCase);

        /// <summary>Records what an integration answer says; fields it leaves out keep their last value.</summary>
        public void Observe(GradientIntegration integration)
        {
            if (integration == null) throw new ArgumentNullException(nameof(integration));
            lock (_gate)
            {
                OrganizationId = integration.OrganizationId ?? OrganizationId;
                OrganizationName = integration.Name ?? OrganizationName;
                VendorName = integration.VendorName ?? VendorName;
                IntegrationId = integration.IntegrationId ?? IntegrationId;
                Status = integration.Status ?? Status;
            }
        }

        /// <summary>Records the vendor's name from a vendor answer (Set-GradientVendor can rename it).</summary>
        public void ObserveVendor(GradientVendor vendor)
        {
            if (vendor == null) throw new ArgumentNullException(nameof(vendor));
            lock (_gate)
            {
                VendorName = vendor.Name ?? VendorName;
            }
        }

        /// <summary>GET /organization: checks the keys and observes the integration.</summary>
        public async Task<GradientIntegration> VerifyAsync(CancellationToken cancellationToken = default)
        {
            GradientIntegration integration = await Client.GetIntegrationAsync(cancellationToken).ConfigureAwait(false);
            Observe(integration);
            return integration;
        }

        /// <summary>Sets the integration status and observes the answer (the status set when the answer omits it).</summary>
        public async Task<GradientIntegration> SetStatusAsync(IntegrationStatus status, CancellationToken cancellationToken = default)
        {
            GradientIntegration updated = await Client.SetIntegrationStatusAsync(status, cancellationToken).ConfigureAwait(false);
            Observe(updated);
            lock (_gate)
            {
                Status = updated.Status ?? IntegrationStatusNames.ToWire(status);
            }

            return updated;
        }

        /// <summary>
        /// The session for another partner of this vendor: the root itself when the key is its own,
        /// else a child (unverified, status untouched) made once per key over the root's sockets and
        /// kept until the root closes. Children have their own token and pacer.
        /// </summary>
        public GradientSession ForPartner(string partnerKey)
        {
            if (string.IsNullOrWhiteSpace(partnerKey)) throw new ArgumentException("The partner key is empty.", nameof(partnerKey));
            GradientSession root = Parent ?? this;
            if (root.Client.Credential.IsPartnerKey(partnerKey))
            {
                return root;
            }

            string trimmed = partnerKey.Trim();
            lock (root._partners)
            {
                if (root.IsClosed)
                {
                    throw new ObjectDisposedException(nameof(GradientSession), "The session is closed.");
                }

                if (!root._partners.TryGetValue(trimmed, out GradientSession? partner) || partner.IsClosed)
                {
                    partner = new GradientSession(root.Client.ForPartner(trimmed), root.IsEmulator, root, null);
                    root._partners[trimmed] = partner;
                }

                return partner;
            }
        }

        /// <summary>The partner children made so far (a snapshot).</summary>
        public IReadOnlyList<GradientSession> Partners
        {
            get
            {
                lock (_partners)
                {
                    return new List<GradientSession>(_partners.Values);
                }
            }
        }

        /// <summary>Closes this session and its children; the shared sockets go last, with the root.</summary>
        public void Close()
        {
            if (Interlocked.Exchange(ref _closed, 1) != 0) return;
            List<GradientSession> children;
            lock (_partners)
            {
                children = new List<GradientSession>(_partners.Values);
                _partners.Clear();
            }

            foreach (GradientSession child in children)
            {
                child.Close();
            }

            Client.Dispose();
            _ownedPrimary?.Dispose();
        }

        public void Dispose() => Close();

        /// <summary>
        /// The one line Connect-GradientIntegration prints: organization, vendor, host, the partner
        /// key's last four characters only, and the status.
        /// </summary>
        public string DescribeConnection()
        {
            string organization = OrganizationName ?? OrganizationId ?? "an unnamed organization";
            string vendor = string.IsNullOrEmpty(VendorName) ? string.Empty : $" as vendor '{VendorName}'";
            string where = IsEmulator ? $"the local emulator at {BaseUri.Authority}" : BaseUri.Authority;
            return $"Connected to '{organization}'{vendor} on {where} with partner key {PartnerKeyHint}; integration status: {Status ?? "unknown"}.";
        }


        /// <summary>"Org @ uri (partner ****abcd)"; a partner not asked about yet (a usage row's own key) is named by its key hint, not "?".</summary>
        public override string ToString() => (OrganizationName ?? OrganizationId) is string name
            ? $"{name} @ {BaseUri} (partner {PartnerKeyHint})"
            : $"partner {PartnerKeyHint} @ {BaseUri}";
    }
}
