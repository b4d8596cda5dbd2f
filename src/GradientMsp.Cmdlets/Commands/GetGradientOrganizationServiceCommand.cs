using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GradientMsp.Client.Models;

namespace GradientMsp.Commands
{
    /// <summary>
    /// <para type="synopsis">Gets the organization services (partner-specific services the vendor created for this partner), all of them or by -Id or -Name (wildcards).</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "GradientOrganizationService", DefaultParameterSetName = ByNameSet)]
    [OutputType(typeof(GradientOrganizationService))]
    public sealed class GetGradientOrganizationServiceCommand : GradientApiCmdlet
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

        protected override void ProcessRecord(GradientConnection connection)
        {
            if (ParameterSetName == ByIdSet)
            {
                string[] ids = Id.Distinct(StringComparer.Ordinal).ToArray();
                object target = ids.Length == 1 ? ids[0] : ids;
                if (!TryCall(ct => connection.Client.GetOrganizationServicesAsync(ids, ct), target, out IReadOnlyList<GradientOrganizationService> found, ErrorIds.ServiceNotFound))
                {
                    return;
                }

                // Filter here too: a server on the older spec ignores serviceIds and answers everything.
                foreach (string id in ids)
                {
                    GradientOrganizationService? service = found.FirstOrDefault(a => string.Equals(a.Id, id, StringComparison.Ordinal));
                    if (service != null)
                    {
                        WriteObject(service);
                    }
                    else
                    {
                        WriteError(ErrorRecordFactory.Create(ErrorIds.ServiceNotFound, ErrorCategory.ObjectNotFound, id,
                            $"There is no organization service with id '{id}' for this partner.", "Create it with New-GradientOrganizationService."));
                    }
                }

                return;
            }

            if (!TryCall(ct => connection.Client.GetOrganizationServicesAsync(null, ct), connection, out IReadOnlyList<GradientOrganizationService> services))
            {
                return;
            }

            NameFilter? filter = NameFilter.Create(Name);
            foreach (GradientOrganizationService service in services)
            {
                if (filter == null || filter.IsMatch(service.Name))
                {
                    WriteObject(service);
                }
            }

            if (filter != null)
            {
                foreach (string missing in filter.UnmatchedLiterals())
                {
                    WriteError(ErrorRecordFactory.Create(ErrorIds.ServiceNotFound, ErrorCategory.ObjectNotFound, missing,
                        $"There is no organization service named '{missing}' for this partner.", "List them with Get-GradientOrganizationService."));
                }
            }
        }
    }
}
