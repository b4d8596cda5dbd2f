using System.Management.Automation;
using GradientMsp.Client.Models;

namespace GradientMsp.Commands
{
    /// <summary>
    /// <para type="synopsis">Gets the vendor-level services (the vendor's skus, visible to every partner), all of them or by -Name (wildcards) or -Id.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "GradientService", DefaultParameterSetName = ByNameSet)]
    [OutputType(typeof(GradientService))]
    public sealed class GetGradientServiceCommand : GradientApiCmdlet
    {
        private const string ByNameSet = "ByName";
        private const string ByIdSet = "ById";

        /// <summary>Only services whose name matches; wildcards allowed, case-insensitive. A plain name that matches nothing is an error.</summary>
        [Parameter(Position = 0, ParameterSetName = ByNameSet)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(GradientValueCompleter))]
        public string[]? Name { get; set; }

        /// <summary>Gradient's id of the service (the serviceId of the count route); each id is fetched with GET /vendor-api/service/{id}.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ByIdSet, ValueFromPipelineByPropertyName = true)]
        [Alias("ServiceId")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(GradientValueCompleter))]
        public string[] Id { get; set; } = System.Array.Empty<string>();

        protected override void ProcessRecord(GradientConnection connection)
        {
            if (ParameterSetName == ByIdSet)
            {
                foreach (string id in Id)
                {
                    if (TryCall(ct => connection.Client.GetServiceAsync(id, ct), id, out GradientService service, ErrorIds.ServiceNotFound))
                    {
                        WriteObject(service);
                    }
                }

                return;
            }

            if (!TryCall(ct => connection.Client.GetVendorAsync(ct), connection, out GradientVendor vendor))
            {
                return;
            }

            NameFilter? filter = NameFilter.Create(Name);
            foreach (GradientService service in vendor.Services)
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
                        $"The vendor has no service named '{missing}'.", "List the services with Get-GradientService, or create it with New-GradientService."));
                }
            }
        }
    }
}
