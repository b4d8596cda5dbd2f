using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GradientMsp.Client.Models;

namespace GradientMsp.Commands
{
    /// <summary>
    /// <para type="synopsis">Creates a vendor-level service (a sku every partner can map), unless one with that name already exists.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.New, "GradientService", SupportsShouldProcess = true)]
    [OutputType(typeof(GradientService))]
    public sealed class NewGradientServiceCommand : GradientApiCmdlet
    {
        // Gradient enforces no unique names, so every client looks up by name before creating
        // (gradient-api.md §2.3 (3)). The names are read once per connection per call.
        private readonly Dictionary<GradientConnection, HashSet<string>> _existing = new Dictionary<GradientConnection, HashSet<string>>();

        /// <summary>The service name partners see when they map services; also what usage rows refer to with -ServiceName.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("ServiceName")]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = string.Empty;

        /// <summary>What the service is, as shown to partners.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string Description { get; set; } = string.Empty;

        /// <summary>One of Gradient's categories, spelled exactly as Gradient does (case sensitive; Tab completes them), for example 'security' or 'backup'.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ServiceCategoryCompleter))]
        public string Category { get; set; } = string.Empty;

        /// <summary>One of Gradient's subcategories, spelled exactly as Gradient does (case sensitive; Tab completes them), for example 'cloud backup' or 'endpoint detection and response (EDR)'.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ServiceCategoryCompleter))]
        public string Subcategory { get; set; } = string.Empty;

        /// <summary>Absolute http(s) URL of a support article about the service.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateHttpUrl]
        public string? SupportArticle { get; set; }

        /// <summary>Support contact for the service, usually an email address.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? SupportContact { get; set; }

        /// <summary>Create the service even if the vendor already has one with the same name (Gradient allows duplicates, which then confuse mapping and usage by name).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord(GradientConnection connection)
        {
            ErrorRecord? invalid = ServiceCategoryCheck.Check(Category, subcategory: false) ?? ServiceCategoryCheck.Check(Subcategory, subcategory: true);
            if (invalid != null)
            {
                WriteError(invalid);
                return;
            }

            if (!ShouldProcess(Name, $"Create vendor service ({Category} / {Subcategory})"))
            {
                return;
            }

            if (!_existing.TryGetValue(connection, out HashSet<string>? names))
            {
                if (!TryCall(ct => connection.Client.GetVendorAsync(ct), Name, out GradientVendor current))
                {
                    return;
                }

                names = new HashSet<string>(current.Services.Select(s => s.Name ?? string.Empty), StringComparer.OrdinalIgnoreCase);
                _existing[connection] = names;
            }

            if (names.Contains(Name) && !Force)
            {
                WriteError(ErrorRecordFactory.Create(ErrorIds.AlreadyExists, ErrorCategory.ResourceExists, Name,
                    $"The vendor already has a service named '{Name}'; nothing was created.",
                    "Use the existing one (Get-GradientService -Name), or add -Force to create a second service with the same name."));
                return;
            }

            var service = new NewService
            {
                Name = Name,
                Description = Description,
                Category = Category,
                Subcategory = Subcategory,
                SupportArticle = string.IsNullOrEmpty(SupportArticle) ? null : SupportArticle,
                SupportContact = string.IsNullOrEmpty(SupportContact) ? null : SupportContact,
            };

            if (!TryCall(ct => connection.Client.CreateServiceAsync(service, ct), Name, out GradientVendor vendor))
            {
                return;
            }

            names.Add(Name);
            // The answer is the vendor with every sku; with -Force there may be several of this
            // name, and the new one is appended last.
            GradientService? created = vendor.Services.LastOrDefault(s => string.Equals(s.Name, Name, StringComparison.Ordinal))
                ?? vendor.Services.LastOrDefault(s => string.Equals(s.Name, Name, StringComparison.OrdinalIgnoreCase));
            if (created == null)
            {
                WriteWarning($"Gradient accepted the service '{Name}' but did not list it in its answer; check with Get-GradientService -Name '{Name}'.");
                return;
            }

            WriteObject(created);
        }
    }
}
