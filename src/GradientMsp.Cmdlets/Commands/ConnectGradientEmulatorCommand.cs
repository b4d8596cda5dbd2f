using System;
using System.Management.Automation;
using System.Net.Http;
using System.Threading.Tasks;
using GradientMsp.Client.Emulator;

namespace GradientMsp.Commands
{
    /// <summary>
    /// <para type="synopsis">Attaches this session to an emulator another session started (a second terminal), by its base URI, so every emulator cmdlet can drive it. Ending this session never stops that emulator.</para>
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "GradientEmulator", SupportsShouldProcess = true)]
    [OutputType(typeof(GradientEmulator))]
    public sealed class ConnectGradientEmulatorCommand : GradientCmdlet
    {
        /// <summary>The emulator's root as the session that started it shows it (its BaseUri, e.g. http://127.0.0.1:41234). The control API answers loopback callers only, so this is a 127.0.0.1 or [::1] address on this machine.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNull]
        public Uri? BaseUri { get; set; }

        protected override void ProcessRecord()
        {
            Uri baseUri = BaseUri!;
            if (!baseUri.IsAbsoluteUri || (baseUri.Scheme != Uri.UriSchemeHttp && baseUri.Scheme != Uri.UriSchemeHttps))
            {
                ThrowTerminatingError(ErrorRecordFactory.Create(ErrorIds.InvalidArgument, ErrorCategory.InvalidArgument, baseUri,
                    $"'{baseUri}' is not an absolute http(s) URI.", "Pass the emulator's BaseUri, e.g. http://127.0.0.1:41234."));
            }

            // It changes only this session (its default emulator), never the emulator itself.
            if (!ShouldProcess(baseUri.GetLeftPart(UriPartial.Authority), "Attach this session to the Gradient emulator"))
            {
                return;
            }

            EmulatorStore.RunspaceEmulators store = EmulatorStore.ForCurrentRunspace();
            WriteVerbose($"Attaching to the emulator at {baseUri.GetLeftPart(UriPartial.Authority)} (GET /_emulator/info).");
            EmulatorInstance instance;
            try
            {
                instance = RunSync(ct => store.Host.AttachAsync(baseUri, ct));
            }
            catch (Exception exception) when (exception is EmulatorControlException || exception is HttpRequestException
                || (exception is TaskCanceledException && !StopToken.IsCancellationRequested))
            {
                ThrowTerminatingError(ErrorRecordFactory.Create(ErrorIds.EmulatorNotReachable, ErrorCategory.ConnectionError, baseUri,
                    $"No Gradient emulator answers at {baseUri}: {exception.Message}",
                    "Use the BaseUri the starting session shows (Get-GradientEmulator there); the emulator must be running on this machine, since its control API answers loopback callers only.",
                    exception));
                throw;
            }

            GradientEmulator emulator = store.ViewOf(instance);
            WriteVerbose(instance.IsAttached
                ? $"Attached to {emulator.BaseUri} (pid {emulator.ProcessId}); it is now this session's default emulator. Stop-GradientEmulator here only detaches."
                : $"{emulator.BaseUri} is an emulator this session started; returning it.");
            WriteObject(emulator);
        }
    }
}
