using GradientMsp.Client.Session;
using System.Management.Automation;
using GradientMsp.Client.Models;

namespace GradientMsp.Commands
{
    /// <summary>
    /// <para type="synopsis">Sets the integration status: pending (after the partner authenticates), active, or inactive (after a disconnect).</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "GradientStatus", SupportsShouldProcess = true)]
    [OutputType(typeof(GradientIntegration))]
    public sealed class SetGradientStatusCommand : GradientApiCmdlet
    {
        /// <summary>pending, active or inactive, in any case; sent in lower case because the API is case sensitive.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateSet("pending", "active", "inactive", IgnoreCase = true)]
        public string Status { get; set; } = string.Empty;

        /// <summary>Allow moving an active integration back to pending.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Return the updated integration.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord(GradientConnection connection)
        {
            if (!IntegrationStatusNames.TryParse(Status, out IntegrationStatus status))
            {
                WriteError(ErrorRecordFactory.InvalidArgument(ErrorIds.InvalidStatus, Status,
                    $"'{Status}' is not an integration status.", "Use pending, active or inactive."));
                return;
            }

            if (status == IntegrationStatus.Pending && !Force)
            {
                if (!TryCall(ct => connection.Session.VerifyAsync(ct), connection, out GradientIntegration current))
                {
                    return;
                }

                if (GradientSession.IsActiveStatus(current.Status))
                {
                    WriteError(ErrorRecordFactory.Create(ErrorIds.StatusDowngradeRefused, ErrorCategory.InvalidOperation, Status,
                        "The integration is active; moving it back to pending would hide it from billing until the partner maps again.",
                        "Add -Force if you really mean to set it back to pending."));
                    return;
                }
            }

            string wire = IntegrationStatusNames.ToWire(status);
            if (!ShouldProcess(connection.ToString(), $"Set integration status to '{wire}'"))
            {
                return;
            }

            if (TryCall(ct => connection.Session.SetStatusAsync(status, ct), Status, out GradientIntegration updated))
            {
                if (PassThru)
                {
                    WriteObject(updated);
                }
            }
        }
    }
}
