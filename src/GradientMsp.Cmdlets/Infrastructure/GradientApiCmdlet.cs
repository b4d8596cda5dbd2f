using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using GradientMsp.Client;

namespace GradientMsp.Commands
{
    /// <summary>
    /// Base of every cmdlet that calls the API: takes -Connection, falling back to the runspace's
    /// last connection, and fails the whole call (not just the item) when there is none.
    /// </summary>
    public abstract class GradientApiCmdlet : GradientCmdlet
    {
        /// <summary>
        /// The connection to use (from Connect-GradientIntegration -PassThru). Defaults to the last
        /// connection made in this session.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public GradientConnection? Connection { get; set; }

        private GradientConnection? _current;

        protected sealed override void ProcessRecord()
        {
            GradientConnection connection = ResolveConnection();
            _current = connection;
            ProcessRecord(connection);
        }

        /// <summary>Handles one pipeline input with a resolved, open connection.</summary>
        protected abstract void ProcessRecord(GradientConnection connection);

        protected GradientConnection ResolveConnection()
        {
            GradientConnection? connection = Connection ?? ConnectionStore.ForCurrentRunspace().Default;
            if (connection == null || connection.IsClosed)
            {
                ThrowTerminatingError(ErrorRecordFactory.Create(
                    ErrorIds.NotConnected,
                    ErrorCategory.ConnectionError,
                    connection,
                    connection == null
                        ? "There is no Gradient connection in this session."
                        : "That Gradient connection was closed by Disconnect-GradientIntegration.",
                    "Run Connect-GradientIntegration first (with -VendorApiKey and -PartnerApiKey, or the GRADIENT_VENDOR_API_KEY and GRADIENT_PARTNER_API_KEY environment variables), or pass -Connection."));
            }

            if (connection!.IsEmulator && EmulatorStore.ForCurrentRunspace().ExitedAt(connection.BaseUri) is { } exited)
            {
                ThrowTerminatingError(ErrorRecordFactory.EmulatorExited(exited, connection));
            }

            return connection;
        }

        /// <summary>A refused connection to an emulator that died during the call is reported as the emulator's exit.</summary>
        private ErrorRecord Map(GradientApiException exception, object? target, string? notFoundId)
        {
            if (exception.Kind == GradientErrorKind.Connection && _current is { IsEmulator: true } connection
                && EmulatorStore.ForCurrentRunspace().ExitedAt(connection.BaseUri) is { } exited)
            {
                return ErrorRecordFactory.EmulatorExited(exited, target, exception);
            }

            return ErrorRecordFactory.FromApiException(exception, target, notFoundId);
        }

        /// <summary>
        /// Calls the API for one item. On an API failure writes a non-terminating error targeted at
        /// <paramref name="target"/> and returns false, so the pipeline goes on with the next item.
        /// </summary>
        protected bool TryCall<T>(Func<CancellationToken, Task<T>> call, object? target, out T result, string? notFoundId = null)
        {
            try
            {
                result = RunSync(call);
                return true;
            }
            catch (GradientApiException exception)
            {
                WriteError(Map(exception, target, notFoundId));
                result = default!;
                return false;
            }
            catch (GradientInvalidIdException exception)
            {
                // One bad id in a pipeline is that item's error, not the end of the pipeline.
                WriteError(ErrorRecordFactory.FromInvalidId(exception, target));
                result = default!;
                return false;
            }
        }

        /// <summary>Like <see cref="TryCall{T}"/> but a failure ends the command (for calls nothing else can proceed without).</summary>
        protected T CallOrThrow<T>(Func<CancellationToken, Task<T>> call, object? target, string? notFoundId = null)
        {
            try
            {
                return RunSync(call);
            }
            catch (GradientApiException exception)
            {
                ThrowTerminatingError(Map(exception, target, notFoundId));
                throw; // unreachable: ThrowTerminatingError always throws
            }
            catch (GradientInvalidIdException exception)
            {
                ThrowTerminatingError(ErrorRecordFactory.FromInvalidId(exception, target));
                throw;
            }
        }
    }
}
