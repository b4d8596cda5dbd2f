using System.Management.Automation;
using GradientMsp.Client.Emulator;

namespace GradientMsp.Commands
{
    /// <summary>
    /// <para type="synopsis">Makes the emulator misbehave on purpose for matching vendor API requests: answer with an HTTP status (429, 500, 401…), add latency, or drop the connection.</para>
    /// </summary>
    // Latency is the default set: "-LatencyMs 2000" alone also fits the Status set (where latency is an
    // extra), and with Status as the default PowerShell prompted for the mandatory -StatusCode.
    [Cmdlet(VerbsCommon.Add, "GradientEmulatorFault", SupportsShouldProcess = true, DefaultParameterSetName = LatencySet)]
    [OutputType(typeof(EmulatorFault))]
    public sealed class AddGradientEmulatorFaultCommand : GradientEmulatorCmdlet
    {
        private const string StatusSet = "Status";
        private const string LatencySet = "Latency";
        private const string AbortSet = "Abort";
        private const string DropAnswerSet = "DropAnswer";

        /// <summary>Which requests: a glob ('*' = anything) on the path; '/api/…' is a full path, anything else is relative to /api/vendor-api (e.g. '/service/*/count'). All requests when omitted.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>Only requests with this HTTP method.</summary>
        [Parameter]
        [ValidateSet("GET", "POST", "PATCH", "PUT", "DELETE", IgnoreCase = true)]
        public string? Method { get; set; }

        /// <summary>Answer with this HTTP status instead of handling the request (the emulator accepts 400, 401, 403, 404, 408, 409, 429, 500, 502, 503 and 504).</summary>
        [Parameter(Mandatory = true, ParameterSetName = StatusSet)]
        [ValidateRange(100, 599)]
        public int StatusCode { get; set; }

        /// <summary>With -StatusCode 429 or 503: the Retry-After header to send, in seconds.</summary>
        [Parameter(ParameterSetName = StatusSet)]
        [ValidateRange(0, 3600)]
        public int? RetryAfterSeconds { get; set; }

        /// <summary>The error message to put in the response body.</summary>
        [Parameter(ParameterSetName = StatusSet)]
        public string? Message { get; set; }

        /// <summary>Delay matching requests by this many milliseconds (with -StatusCode: before answering; alone: then handle normally).</summary>
        [Parameter(ParameterSetName = StatusSet)]
        [Parameter(Mandatory = true, ParameterSetName = LatencySet)]
        [ValidateRange(0, 600000)]
        public int? LatencyMs { get; set; }

        /// <summary>Drop the connection without an answer.</summary>
        [Parameter(Mandatory = true, ParameterSetName = AbortSet)]
        public SwitchParameter Abort { get; set; }

        /// <summary>Handle the request, then drop the connection instead of answering: the change is made but the caller never hears of it (a lost answer).</summary>
        [Parameter(Mandatory = true, ParameterSetName = DropAnswerSet)]
        public SwitchParameter DropAnswer { get; set; }

        /// <summary>Apply to the next N matching requests only; until cleared when omitted.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int? Count { get; set; }

        /// <summary>The chance (0 to 1) that a matching request is hit; 1 by default.</summary>
        [Parameter]
        [ValidateRange(0.0, 1.0)]
        public double? Probability { get; set; }

        protected override void ProcessRecord()
        {
            GradientEmulator emulator = ResolveEmulator();
            var spec = new EmulatorFaultSpec
            {
                Path = Path,
                Method = Method?.ToUpperInvariant(),
                Count = Count,
                Probability = Probability,
                LatencyMs = LatencyMs,
            };
            switch (ParameterSetName)
            {
                case AbortSet:
                    spec.Kind = "abort";
                    break;
                case DropAnswerSet:
                    spec.Kind = "dropAnswer";
                    break;
                case LatencySet:
                    spec.Kind = "latency";
                    break;
                default:
                    spec.Kind = "status";
                    spec.StatusCode = StatusCode;
                    spec.RetryAfterSeconds = RetryAfterSeconds;
                    spec.Message = Message;
                    break;
            }

            string description = spec.Kind == "status" ? $"answer {StatusCode}" : spec.Kind == "latency" ? $"delay {LatencyMs} ms" : spec.Kind == "dropAnswer" ? "handle, then drop the answer" : "drop the connection";
            if (!ShouldProcess($"{Method ?? "any method"} {Path ?? "any path"}", $"Add a fault: {description}{(Count.HasValue ? $" for the next {Count} requests" : string.Empty)}"))
            {
                return;
            }

            if (TryControl(emulator, (c, ct) => c.AddFaultAsync(spec, ct), spec.Path ?? "*", out EmulatorFault fault))
            {
                WriteObject(fault);
            }
        }
    }
}
