using System.Management.Automation;
using GradientMsp.Client.Models;

namespace GradientMsp.Commands
{
    /// <summary>
    /// <para type="synopsis">Gets the partner's integration settings and status (GET /organization), the preferred check that the keys work.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "GradientIntegration")]
    [OutputType(typeof(GradientIntegration))]
    public sealed class GetGradientIntegrationCommand : GradientApiCmdlet
    {
        protected override void ProcessRecord(GradientConnection connection)
        {
            if (TryCall(ct => connection.Session.VerifyAsync(ct), connection, out GradientIntegration integration))
            {
                WriteObject(integration);
            }
        }
    }
}
