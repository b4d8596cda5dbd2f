using System;
using GradientMsp.Client.Emulator;

namespace GradientMsp.Commands
{
    /// <summary>
    /// A local Synthesize emulator started by Start-GradientEmulator (a child process on 127.0.0.1), or
    /// one started elsewhere that Connect-GradientEmulator attached to: it serves the vendor API and the
    /// partner-side control API. The keys are the emulator's own
    /// test keys (random per start unless given), so they are exposed here, but the default view does
    /// not print them.
    /// </summary>
    public sealed class GradientEmulator
    {
        internal GradientEmulator(EmulatorInstance instance)
        {
            Instance = instance;
            PartnerKey = string.IsNullOrEmpty(instance.PartnerKey) ? null : instance.PartnerKey;
        }

        /// <summary>The emulator's root, e.g. http://127.0.0.1:41234; pass it as -BaseUri (the vendor API is under /api/vendor-api).</summary>
        public Uri BaseUri => Instance.BaseUri;

        /// <summary>The vendor API root: BaseUri + /api/vendor-api.</summary>
        public Uri ApiBaseUri => Instance.ApiBaseUri;

        /// <summary>The partner-side control API root: BaseUri + /_emulator.</summary>
        public Uri ControlUri => Control.BaseUri;

        /// <summary>The local Synthesize pages, where a person clicks the partner's side of the QA checklist: BaseUri + /synthesize/
        /// (loopback only; see docs/emulator-pages.md). Open it in a browser: <c>Start-Process $e.PortalUri</c>.</summary>
        public Uri PortalUri => new Uri(BaseUri.ToString().TrimEnd('/') + "/synthesize/");

        /// <summary>The emulator's vendor API key (a test key).</summary>
        public string VendorKey => Instance.VendorKey;

        /// <summary>The seeded partner's current API key (a test key); null while that partner is disconnected.</summary>
        public string? PartnerKey { get; internal set; }

        /// <summary>The seeded (default) partner organization.</summary>
        public string OrganizationId => Instance.OrganizationId;

        /// <summary>The emulator's process id.</summary>
        public int ProcessId => Instance.ProcessId;

        /// <summary>True when this session attached to an emulator another session started (Connect-GradientEmulator):
        /// Stop-GradientEmulator and closing this session then only forget it, the emulator keeps running.</summary>
        public bool IsAttached => Instance.IsAttached;

        /// <summary>Requests per token per second the emulator allows before answering 429; 0 means no limit.</summary>
        public int RateLimit => Instance.RateLimit;

        /// <summary>The JSON file the emulator loads and saves its state to, if any.</summary>
        public string? StateFile => Instance.StateFile;

        /// <summary>Whether the seeded partner got the seeded PSA clients, services and contracts.</summary>
        public bool Seeded => Instance.Seeded;

        /// <summary>When this session started the emulator, or attached to it.</summary>
        public DateTimeOffset StartedAt => Instance.StartedAt;

        /// <summary>True while the emulator process is alive and has not been stopped.</summary>
        public bool IsRunning => Instance.IsRunning;

        /// <summary>The connection Start-GradientEmulator -Connect opened, if any.</summary>
        public GradientConnection? Connection { get; internal set; }

        /// <summary>The PowerShell-free side: process, control client, launch facts (owned by the runspace's EmulatorHost).</summary>
        internal EmulatorInstance Instance { get; }


        internal EmulatorControlClient Control => Instance.Control;

        /// <summary>What the emulator wrote on its error output (for diagnosing a crash).</summary>
        public string StandardError => Instance.IsAttached ? string.Empty : Instance.Process.StandardError;

        public override string ToString() => $"Gradient emulator {BaseUri} (pid {ProcessId}{(IsAttached ? ", attached" : string.Empty)}{(IsRunning ? string.Empty : ", stopped")})";
    }
}
