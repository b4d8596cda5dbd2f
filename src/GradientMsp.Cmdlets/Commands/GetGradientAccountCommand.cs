using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using GradientMsp.Client;
using GradientMsp.Client.Models;

namespace GradientMsp.Commands
{
    /// <summary>
    /// <para type="synopsis">Gets the accounts (the MSP's customers) the vendor created for this partner, all of them or by -Id or -Name (wildcards).</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "GradientAccount", DefaultParameterSetName = ByNameSet)]
    [OutputType(typeof(GradientAccount))]
    public sealed class GetGradientAccountCommand : GetMappingPropertyCmdlet
    {
        private const string ByNameSet = "ByName";
        private const string ByIdSet = "ById";

        /// <summary>Only accounts whose name matches; wildcards allowed, case-insensitive, filtered here after one GET. A plain name that matches nothing is an error.</summary>
        [Parameter(Position = 0, ParameterSetName = ByNameSet)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string[]? Name { get; set; }

        /// <summary>The vendor's account ids to fetch (sent as the accountIds query). An id Gradient does not have is an AccountNotFound error.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ByIdSet, ValueFromPipelineByPropertyName = true)]
        [Alias("AccountId")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(GradientValueCompleter))]
        public string[] Id { get; set; } = Array.Empty<string>();

        private protected override string Noun => "account";

        private protected override string NotFoundId => ErrorIds.AccountNotFound;

        private protected override string MissingIdAdvice => "Create it with New-GradientAccount; accounts are deleted when the partner disconnects.";

        private protected override string MissingNameAdvice => "List the accounts with Get-GradientAccount.";

        private protected override async Task<IReadOnlyList<object>> FetchAsync(GradientClient client, IReadOnlyCollection<string>? ids, CancellationToken cancellationToken)
            => await client.GetAccountsAsync(ids, cancellationToken).ConfigureAwait(false);

        private protected override string? IdOf(object item) => ((GradientAccount)item).Id;

        private protected override string? NameOf(object item) => ((GradientAccount)item).Name;

        protected override void ProcessRecord(GradientConnection connection)
        {
            if (ParameterSetName == ByIdSet)
            {
                WriteById(connection, Id);
            }
            else
            {
                WriteByName(connection, Name);
            }
        }
    }
}
