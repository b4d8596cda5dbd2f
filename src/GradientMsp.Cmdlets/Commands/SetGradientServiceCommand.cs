using System.Collections.Generic;
using System.Management.Automation;
using GradientMsp.Client.Models;

namespace GradientMsp.Commands
{
    /// <summary>
    /// <para type="synopsis">Updates a vendor-level service (PATCH /vendor-api/service/{id}): name, description, category, subcategory or support details.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "GradientService", SupportsShouldProcess = true)]
    [OutputType(typeof(GradientService))]
    public sealed class SetGradientServiceCommand : GradientApiCmdlet
    {
        /// <summary>Gradient's id of the service to change (from Get-GradientService).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("ServiceId")]
        [ValidateNotNullOrEmpty]
        public string Id { get; set; } = string.Empty;

        /// <summary>The new service name.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        /// <summary>The new description.</summary>
        [Parameter]
        public string? Description { get; set; }

        /// <summary>The new category, spelled exactly as Gradient does (case sensitive; Tab completes them).</summary>
        [Parameter]
        [ArgumentCompleter(typeof(ServiceCategoryCompleter))]
        public string? Category { get; set; }

        /// <summary>The new subcategory, spelled exactly as Gradient does (case sensitive; Tab completes them).</summary>
        [Parameter]
        [ArgumentCompleter(typeof(ServiceCategoryCompleter))]
        public string? Subcategory { get; set; }

        /// <summary>The new support article URL (absolute http or https).</summary>
        [Parameter]
        [ValidateHttpUrl]
        public string? SupportArticle { get; set; }

        /// <summary>The new support contact, usually an email address.</summary>
        [Parameter]
        public string? SupportContact { get; set; }

        /// <summary>Return the service as Gradient has it after the change.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void BeginProcessingCore()
        {
            // Only -Id binds from the pipeline, so the fields are known here: refuse an empty or
            // misspelled update before any request.
            if (Name == null && Description == null && Category == null && Subcategory == null && SupportArticle == null && SupportContact == null)
            {
                ThrowTerminatingError(ErrorRecordFactory.InvalidArgument(ErrorIds.InvalidArgument, null,
                    "Nothing to update: give at least one of -Name, -Description, -Category, -Subcategory, -SupportArticle or -SupportContact."));
            }

            ErrorRecord? invalid = ServiceCategoryCheck.Check(Category, subcategory: false) ?? ServiceCategoryCheck.Check(Subcategory, subcategory: true);
            if (invalid != null)
            {
                ThrowTerminatingError(invalid);
            }
        }

        protected override void ProcessRecord(GradientConnection connection)
        {
            var update = new ServiceUpdate
            {
                Name = Name,
                Description = Description,
                Category = Category,
                Subcategory = Subcategory,
                SupportArticle = SupportArticle,
                SupportContact = SupportContact,
            };

            if (!ShouldProcess(Id, $"Update vendor service ({Describe()})"))
            {
                return;
            }

            string id = Id;
            if (!TryCall(async ct => { await connection.Client.UpdateServiceAsync(id, update, ct).ConfigureAwait(false); return true; }, id, out bool _, ErrorIds.ServiceNotFound))
            {
                return;
            }

            if (PassThru && TryCall(ct => connection.Client.GetServiceAsync(id, ct), id, out GradientService service, ErrorIds.ServiceNotFound))
            {
                WriteObject(service);
            }
        }

        private string Describe()
        {
            var parts = new List<string>();
            if (Name != null) parts.Add($"name '{Name}'");
            if (Description != null) parts.Add("description");
            if (Category != null) parts.Add($"category '{Category}'");
            if (Subcategory != null) parts.Add($"subcategory '{Subcategory}'");
            if (SupportArticle != null) parts.Add("support article");
            if (SupportContact != null) parts.Add("support contact");
            return string.Join(", ", parts);
        }
    }
}
