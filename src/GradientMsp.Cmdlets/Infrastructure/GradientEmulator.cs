using System;
using GradientMsp.Client.Emulator;

namespace GradientMsp.Commands
{
    /// <summary>
    /// A local Synthesize emulator started by Start-GradientEmulator: a child process on 127.0.0.1
    /// that serves the vendor API and the partner-side control API. The keys are the emulator's own
    /// test keys (random per start unless given), so they are exposed here, but the default view does
    /// not print them.
    /// </summary>
    public sealed class GradientEmulator
    {
        internal GradientEmulator(EmulatorProcess process, int rateLimit, string? stateFile, bool seeded)
        {
            Process = process;
            Control = process.CreateControlClient();
            BaseUri = process.BaseUri;
            ApiBaseUri = process.ApiBaseUri;
            VendorKey = process.VendorKey;
            PartnerKey = string.IsNullOrEmpty(process.PartnerKey) ? null : process.PartnerKey;
            OrganizationId = process.OrganizationId;
            ProcessId = process.ProcessId;
            RateLimit = rateLimit;
            StateFile = stateFile;
            Seeded = seeded;
            StartedAt = DateTimeOffset.Now;
        }

        /// <summary>The emulator's root, e.g. http://127.0.0.1:41234; pass it as -BaseUri (the vendor API is under /api/vendor-api).</summary>
        public Uri BaseUri { get; }

        /// <summary>The vendor API root: BaseUri + /api/vendor-api.</summary>
        public Uri ApiBaseUri { get; }

        /// <summary>The partner-side control API root: BaseUri + /_emulator.</summary>
        public Uri ControlUri => new Uri(BaseUri.ToString().TrimEnd('/') + "/_emulator");

        /// <summary>The local Synthesize pages, where a person clicks the partner's side of the QA checklist: BaseUri + /synthesize/
        /// (loopback only; see docs/emulator-pages.md). Open it in a browser: <c>Start-Process $e.PortalUri</c>.</summary>
        public Uri PortalUri => new Uri(BaseUri.ToString().TrimEnd('/') + "/synthesize/");

        /// <summary>The emulator's vendor API key (a test key).</summary>
        public string VendorKey { get; }

        /// <summary>The seeded partner's current API key (a test key); null while that partner is disconnected.</summary>
        public string? PartnerKey { get; internal set; }

        /// <summary>The seeded (default) partner organization.</summary>
        public string OrganizationId { get; }

        /// <summary>The emulator's process id.</summary>
        public int ProcessId { get; }

        /// <summary>Requests per token per second the emulator allows before answering 429; 0 means no limit.</summary>
        public int RateLimit { get; }

        /// <summary>The JSON file the emulator loads and saves its state to, if any.</summary>
        public string? StateFile { get; }

        /// <summary>Whether the seeded partner got the seeded PSA clients, services and contracts.</summary>
        public bool Seeded { get; }

        /// <summary>When this session started the emulator.</summary>
        public DateTimeOffset StartedAt { get; }

        /// <summary>True while the emulator process is alive and has not been stopped.</summary>
        public bool IsRunning => !Stopped && !Process.HasExited;

        /// <summary>The connection Start-GradientEmulator -Connect opened, if any.</summary>
        public GradientConnection? Connection { get; internal set; }

        internal EmulatorProcess Process { get; }

        internal EmulatorControlClient Control { get; }

        internal bool Stopped { get; set; }

        /// <summary>What the emulator wrote on its error output (for diagnosing a crash).</summary>
        public string StandardError => Process.StandardError;

        public override string ToString() => $"Gradient emulator {BaseUri} (pid {ProcessId}{(IsRunning ? string.Empty : ", stopped")})";
    }
}
