using System.Linq;
using System.Management.Automation;
using GradientMsp.Client.Emulator;

namespace GradientMsp.Commands
{
    /// <summary>
    /// <para type="synopsis">Gets the vendor API requests the emulator received (method, path, status, partner, time; never a token), oldest first.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "GradientEmulatorRequestLog")]
    [OutputType(typeof(EmulatorRequestLogEntry))]
    public sealed class GetGradientEmulatorRequestLogCommand : GradientEmulatorCmdlet
    {
        /// <summary>Only entries with this index or later (an entry's Index + 1 continues after it).</summary>
        [Parameter]
        [ValidateRange(0, long.MaxValue)]
        public long Since { get; set; }

        /// <summary>Only requests whose path contains this text (case-insensitive), e.g. '/count'.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>Only requests with this HTTP method.</summary>
        [Parameter]
        [ValidateSet("GET", "POST", "PATCH", "PUT", "DELETE", IgnoreCase = true)]
        public string? Method { get; set; }

        /// <summary>Only requests answered with this HTTP status (0 = connection aborted by a fault).</summary>
        [Parameter]
        [ValidateRange(0, 999)]
        public int? StatusCode { get; set; }

        /// <summary>Only the last N matching entries.</summary>
        [Parameter]
        [ValidateRange(1, 100000)]
        public int? Last { get; set; }

        protected override void ProcessRecord()
        {
            GradientEmulator emulator = ResolveEmulator();
            if (!TryControl(emulator, (c, ct) => c.GetRequestsAsync(Since, Path, Method, 100000, ct), emulator, out EmulatorRequestLog log))
            {
                return;
            }

            var entries = log.Entries.Where(e => !StatusCode.HasValue || e.Status == StatusCode.Value).ToList();
            if (Last.HasValue && entries.Count > Last.Value)
            {
                entries = entries.Skip(entries.Count - Last.Value).ToList();
            }

            WriteObject(entries, enumerateCollection: true);
        }
    }
}
