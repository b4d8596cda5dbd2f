using System.Management.Automation;
using GradientMsp.Client.Ledger;

namespace GradientMsp.Commands
{
    /// <summary>
    /// <para type="synopsis">Reads a push ledger: what Gradient was last told (the count answered 201, when, and by which run) for each partner organization, account and service; or, with -Partner, each partner's identity as last synced.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "GradientUsageLedger", DefaultParameterSetName = EntrySet)]
    [OutputType(typeof(UsageLedgerEntry), ParameterSetName = new[] { EntrySet })]
    [OutputType(typeof(UsageLedgerPartnerInfo), ParameterSetName = new[] { PartnerSet })]
    public sealed class GetGradientUsageLedgerCommand : GradientCmdlet
    {
        private const string EntrySet = "Entry";
        private const string PartnerSet = "Partner";

        /// <summary>The ledger file that Sync-GradientUsage -LedgerPath writes. It is opened for this command alone: while a sync is running on it, this command says so and reads nothing.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string? LedgerPath { get; set; }

        /// <summary>Only this partner organization: its id, or its name as Gradient gave it (case-insensitive).</summary>
        [Parameter(ParameterSetName = EntrySet, ValueFromPipelineByPropertyName = true)]
        [Alias("OrganizationId")]
        [ValidateNotNullOrEmpty]
        public string? Organization { get; set; }

        /// <summary>Only this account (the vendor's account id, exact).</summary>
        [Parameter(ParameterSetName = EntrySet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? AccountId { get; set; }

        /// <summary>Only this service (Gradient's service id, exact).</summary>
        [Parameter(ParameterSetName = EntrySet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? ServiceId { get; set; }

        /// <summary>List the partners the ledger knows instead: organization, integration, the partner key's fingerprint (never the key), and the last run.</summary>
        [Parameter(ParameterSetName = PartnerSet, Mandatory = true)]
        public SwitchParameter Partner { get; set; }

        private UsageLedger? _ledger;

        protected override void BeginProcessingCore()
        {
            _ledger = LedgerFile.Open(this, LedgerPath!, "Get-GradientUsageLedger", mustExist: true);
        }

        protected override void ProcessRecord()
        {
            if (Partner)
            {
                foreach (UsageLedgerPartnerInfo partner in _ledger!.Partners())
                {
                    WriteObject(partner);
                }

                return;
            }

            bool any = false;
            foreach (UsageLedgerEntry entry in _ledger!.Read(Organization, AccountId, ServiceId))
            {
                any = true;
                WriteObject(entry);
            }

            if (!any && (Organization != null || AccountId != null || ServiceId != null))
            {
                WriteWarning($"The ledger '{_ledger.Path}' has no entry for {Describe()}. Nothing was pushed for it by a ledgered run, or its pushes never landed (unmapped or failed rows are not recorded).");
            }
        }

        protected override void DisposeCore()
        {
            _ledger?.Dispose();
        }

        private string Describe()
        {
            var parts = new System.Collections.Generic.List<string>();
            if (Organization != null) parts.Add($"organization '{Organization}'");
            if (AccountId != null) parts.Add($"account '{AccountId}'");
            if (ServiceId != null) parts.Add($"service '{ServiceId}'");
            return string.Join(", ", parts);
        }
    }
}
