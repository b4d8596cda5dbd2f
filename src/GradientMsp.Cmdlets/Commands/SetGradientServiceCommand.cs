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
        [ArgumentCompleter(typeof(GradientValueCompleter))]
        public string Id { get; set; } = string.Empty;

        /// <summary>The new service name.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        /// <summary>The new description.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Description { get; set; }

        /// <summary>The new category, spelled exactly as Gradient does (case sensitive; Tab completes them).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ServiceCategoryCompleter))]
        public string? Category { get; set; }

        /// <summary>The new subcategory, spelled exactly as Gradient does (case sensitive; Tab completes them).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ServiceCategoryCompleter))]
        public string? Subcategory { get; set; }

        /// <summary>The new support article URL (absolute http or https).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateHttpUrl]
        public string? SupportArticle { get; set; }

        /// <summary>The new support contact, usually an email address.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? SupportContact { get; set; }

        /// <summary>The piped object itself, so a piped service's own (current) values are not sent back as changes.</summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public PSObject? InputObject { get; set; }

        /// <summary>Return the service as Gradient has it after the change.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        // The fields given on the command line (the only ones bound when BeginProcessing runs).
        private readonly HashSet<string> _fromCommandLine = new HashSet<string>(System.StringComparer.OrdinalIgnoreCase);

        protected override void BeginProcessingCore()
        {
            _fromCommandLine.UnionWith(MyInvocation.BoundParameters.Keys);

            // Without pipeline input the fields are all known here: refuse an empty or misspelled
            // update before any request. With pipeline input, rows may carry them (checked per row).
            if (!MyInvocation.ExpectingInput && !AnyField())
            {
                ThrowTerminatingError(NothingToUpdate(null));
            }

            ErrorRecord? invalid = ServiceCategoryCheck.Check(Category, subcategory: false) ?? ServiceCategoryCheck.Check(Subcategory, subcategory: true);
            if (invalid != null)
            {
                ThrowTerminatingError(invalid);
            }
        }

        private bool AnyField() => Name != null || Description != null || Category != null || Subcategory != null || SupportArticle != null || SupportContact != null;

        private static ErrorRecord NothingToUpdate(object? target) => ErrorRecordFactory.InvalidArgument(ErrorIds.InvalidArgument, target,
            "Nothing to update: give at least one of -Name, -Description, -Category, -Subcategory, -SupportArticle or -SupportContact.");

        /// <summary>
        /// A piped GradientService (Get-GradientService | Set-GradientService -Description x) binds its
        /// current name, category... by property name too: those are not changes, so only what the
        /// command line gave is sent. Other piped objects (CSV rows) mean what they carry.
        /// </summary>
        private void DropPipedServiceValues()
        {
            if (!(InputObject?.BaseObject is GradientService))
            {
                return;
            }

            if (!_fromCommandLine.Contains(nameof(Name))) Name = null;
            if (!_fromCommandLine.Contains(nameof(Description))) Description = null;
            if (!_fromCommandLine.Contains(nameof(Category))) Category = null;
            if (!_fromCommandLine.Contains(nameof(Subcategory))) Subcategory = null;
            if (!_fromCommandLine.Contains(nameof(SupportArticle))) SupportArticle = null;
            if (!_fromCommandLine.Contains(nameof(SupportContact))) SupportContact = null;
        }

        protected override void ProcessRecord(GradientConnection connection)
        {
            DropPipedServiceValues();
            if (!AnyField())
            {
                WriteError(NothingToUpdate(Id));
                return;
            }

            if (MyInvocation.ExpectingInput)
            {
                ErrorRecord? invalid = ServiceCategoryCheck.Check(Category, subcategory: false) ?? ServiceCategoryCheck.Check(Subcategory, subcategory: true);
                if (invalid != null)
                {
                    WriteError(invalid);
                    return;
                }
            }

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
