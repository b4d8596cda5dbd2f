using System.Collections.Generic;
using System.Management.Automation;
using GradientMsp.Client.Models;

namespace GradientMsp.Commands
{
    /// <summary>
    /// <para type="synopsis">DEPRECATED upstream: gets the partner's PSA clients (GET /organization/clients). Gradient now maps accounts in its own UI; use it only to look at a seed account's clients.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "GradientClient")]
    [OutputType(typeof(PSObject))]
    public sealed class GetGradientClientCommand : GradientApiCmdlet
    {
        /// <summary>Only clients matching this search text (Gradient's own search; sent as the search query).</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public string? Search { get; set; }

        /// <summary>Paging cursor: the id of the last client of the previous page; the page after it is returned.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? PreviousId { get; set; }

        protected override void BeginProcessingCore()
        {
            WriteWarning("Get Clients is deprecated by Gradient: partners map accounts in the Synthesize UI now. Create accounts with New-GradientAccount instead of mapping to client ids.");
        }

        protected override void ProcessRecord(GradientConnection connection)
        {
            if (!TryCall(ct => connection.Client.GetPsaClientsAsync(Search, PreviousId, ct), Search ?? (object)connection, out GradientPsaClientPage page))
            {
                return;
            }

            // The element shape is undocumented, so each client is written with whatever fields it has.
            foreach (Dictionary<string, object?> client in page.Clients)
            {
                WriteObject(RawFields.ToPSObject(client));
            }
        }
    }
}
