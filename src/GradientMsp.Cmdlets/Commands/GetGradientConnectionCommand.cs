using System.Management.Automation;

namespace GradientMsp.Commands
{
    /// <summary>
    /// <para type="synopsis">Lists the open Gradient connections of this session; the default (last made) comes last.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "GradientConnection")]
    [OutputType(typeof(GradientConnection))]
    public sealed class GetGradientConnectionCommand : GradientCmdlet
    {
        /// <summary>Only the default connection, the one cmdlets use without -Connection.</summary>
        [Parameter]
        public SwitchParameter Current { get; set; }

        protected override void ProcessRecord()
        {
            RunspaceItems<GradientConnection> store = ConnectionStore.ForCurrentRunspace();
            if (Current)
            {
                if (store.Default != null)
                {
                    WriteObject(store.Default);
                }

                return;
            }

            WriteObject(store.All, enumerateCollection: true);
        }
    }
}
