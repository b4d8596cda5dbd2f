using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GradientMsp.Client.Models;

namespace GradientMsp.Commands
{
    /// <summary>
    /// <para type="synopsis">Gets the accounts (the MSP's customers) the vendor created for this partner, all of them or by -Id or -Name (wildcards).</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "GradientAccount", DefaultParameterSetName = ByNameSet)]
    [OutputType(typeof(GradientAccount))]
    public sealed class GetGradientAccountCommand : GradientApiCmdlet
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
        public string[] Id { get; set; } = Array.Empty<string>();

        protected override void ProcessRecord(GradientConnection connection)
        {
            if (ParameterSetName == ByIdSet)
            {
                string[] ids = Id.Distinct(StringComparer.Ordinal).ToArray();
                object target = ids.Length == 1 ? ids[0] : ids;
                if (!TryCall(ct => connection.Client.GetAccountsAsync(ids, ct), target, out IReadOnlyList<GradientAccount> found, ErrorIds.AccountNotFound))
                {
                    return;
                }

                // Filter here too: a server on the older spec ignores accountIds and answers everything.
                foreach (string id in ids)
                {
                    GradientAccount? account = found.FirstOrDefault(a => string.Equals(a.Id, id, StringComparison.Ordinal));
                    if (account != null)
                    {
                        WriteObject(account);
                    }
                    else
                    {
                        WriteError(ErrorRecordFactory.Create(ErrorIds.AccountNotFound, ErrorCategory.ObjectNotFound, id,
                            $"There is no account with id '{id}' for this partner.", "Create it with New-GradientAccount; accounts are deleted when the partner disconnects."));
                    }
                }

                return;
            }

            if (!TryCall(ct => connection.Client.GetAccountsAsync(null, ct), connection, out IReadOnlyList<GradientAccount> accounts))
            {
                return;
            }

            NameFilter? filter = NameFilter.Create(Name);
            foreach (GradientAccount account in accounts)
            {
                if (filter == null || filter.IsMatch(account.Name))
                {
                    WriteObject(account);
                }
            }

            if (filter != null)
            {
                foreach (string missing in filter.UnmatchedLiterals())
                {
                    WriteError(ErrorRecordFactory.Create(ErrorIds.AccountNotFound, ErrorCategory.ObjectNotFound, missing,
                        $"There is no account named '{missing}' for this partner.", "List the accounts with Get-GradientAccount."));
                }
            }
        }
    }
}
