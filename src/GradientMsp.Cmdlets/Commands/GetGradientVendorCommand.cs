using System.Management.Automation;
using GradientMsp.Client.Models;

namespace GradientMsp.Commands
{
    /// <summary>
    /// <para type="synopsis">Gets the vendor profile (GET /vendor-api) with its vendor-level services; the quick check that the vendor key works.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "GradientVendor")]
    [OutputType(typeof(GradientVendor))]
    public sealed class GetGradientVendorCommand : GradientApiCmdlet
    {
        protected override void ProcessRecord(GradientConnection connection)
        {
            if (TryCall(ct => connection.Client.GetVendorAsync(ct), connection, out GradientVendor vendor))
            {
                WriteObject(vendor);
            }
        }
    }
}
