using System.Management.Automation;
using GradientMsp.Client;
using GradientMsp.Client.Models;

namespace GradientMsp.Commands
{
    /// <summary>
    /// <para type="synopsis">Marks the integration inactive (as Gradient asks when a partner disconnects) and forgets the connection.</para>
    /// </summary>
    [Cmdlet(VerbsCommunications.Disconnect, "GradientIntegration", SupportsShouldProcess = true)]
    [OutputType(typeof(GradientConnection))]
    public sealed class DisconnectGradientIntegrationCommand : GradientCmdlet
    {
        /// <summary>The connection to close. Defaults to the last connection made in this session.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true)]
        public GradientConnection? Connection { get; set; }

        /// <summary>Leave the integration status alone; only forget the connection.</summary>
        [Parameter]
        public SwitchParameter KeepStatus { get; set; }

        /// <summary>Return the closed connection.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            RunspaceItems<GradientConnection> store = ConnectionStore.ForCurrentRunspace();
            GradientConnection? connection = Connection ?? store.Default;
            if (connection == null || connection.IsClosed)
            {
                WriteError(ErrorRecordFactory.Create(ErrorIds.NotConnected, ErrorCategory.ConnectionError, connection,
                    "There is no open Gradient connection to disconnect.", "Nothing to do; use Connect-GradientIntegration to connect."));
                return;
            }

            string target = connection.ToString();
            if (!ShouldProcess(target, KeepStatus ? "Forget the connection" : "Set integration status to 'inactive' and forget the connection"))
            {
                return;
            }

            if (!KeepStatus)
            {
                try
                {
                    RunSync(ct => connection.Session.SetStatusAsync(IntegrationStatus.Inactive, ct));
                }
                catch (GradientApiException exception) when (exception.Kind == GradientErrorKind.Authentication)
                {
                    // The partner already disconnected or regenerated the key: the token is dead, so
                    // the status is no longer ours to set. Forget the connection all the same.
                    WriteWarning("The keys are no longer accepted (401), so the status was not changed; the partner has probably disconnected or regenerated the key. The connection is forgotten.");
                }
                catch (GradientApiException exception)
                {
                    WriteError(ErrorRecordFactory.FromApiException(exception, connection));
                }
            }

            store.Remove(connection);
            connection.Close();
            if (PassThru)
            {
                WriteObject(connection);
            }
        }
    }
}
