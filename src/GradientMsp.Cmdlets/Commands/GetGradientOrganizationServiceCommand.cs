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
    /// <para type="synopsis">Gets the organization services (partner-specific services the vendor created for this partner), all of them or by -Id or -Name (wildcards).</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "GradientOrganizationService", DefaultParameterSetName = ByNameSet)]
    [OutputType(typeof(GradientOrganizationService))]
    public sealed class GetGradientOrganizationServiceCommand : GetMappingPropertyCmdlet
    {
        private const string ByNameSet = "ByName";
        private const string ByIdSet = "ById";

        /// <summary>Only services whose name matches; wildcards allowed, case-insensitive, filtered here after one GET. A plain name that matches nothing is an error.</summary>
        [Parameter(Position = 0, ParameterSetName = ByNameSet)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string[]? Name { get; set; }

        /// <summary>The vendor's service ids to fetch (sent as the serviceIds query). An id Gradient does not have is a ServiceNotFound error.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ByIdSet, ValueFromPipelineByPropertyName = true)]
        [Alias("ServiceId")]
        [ValidateNotNullOrEmpty]
        public string[] Id { get; set; } = Array.Empty<string>();

        private protected override string Noun => "organization service";

        private protected override string NotFoundId => ErrorIds.ServiceNotFound;

        private protected override string MissingIdAdvice => "Create it with New-GradientOrganizationService.";

        private protected override string MissingNameAdvice => "List them with Get-GradientOrganizationService.";

        private protected override async Task<IReadOnlyList<object>> FetchAsync(GradientClient client, IReadOnlyCollection<string>? ids, CancellationToken cancellationToken)
            => await client.GetOrganizationServicesAsync(ids, cancellationToken).ConfigureAwait(false);

        private protected override string? IdOf(object item) => ((GradientOrganizationService)item).Id;

        private protected override string? NameOf(object item) => ((GradientOrganizationService)item).Name;

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
