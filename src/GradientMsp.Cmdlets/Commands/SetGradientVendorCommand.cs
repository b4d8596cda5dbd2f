using System.Collections.Generic;
using System.Management.Automation;
using GradientMsp.Client.Models;

namespace GradientMsp.Commands
{
    /// <summary>
    /// <para type="synopsis">Updates the vendor profile: name, description, support page URL and the integration portal URL that Synthesize's "Open Vendor Portal" opens.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "GradientVendor", SupportsShouldProcess = true)]
    [OutputType(typeof(GradientVendor))]
    public sealed class SetGradientVendorCommand : GradientApiCmdlet
    {
        /// <summary>The vendor's display name in Synthesize.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        /// <summary>The vendor's description.</summary>
        [Parameter]
        public string? Description { get; set; }

        /// <summary>Absolute http(s) URL of the vendor's support page for partners.</summary>
        [Parameter]
        [ValidateHttpUrl]
        public string? VendorSupportPageUrl { get; set; }

        /// <summary>Absolute http(s) URL of the page where partners paste their Partner API Key (opened by "Open Vendor Portal" in Synthesize).</summary>
        [Parameter]
        [ValidateHttpUrl]
        public string? IntegrationPortalUrl { get; set; }

        /// <summary>Return the updated vendor.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void BeginProcessingCore()
        {
            // Nothing here binds from the pipeline, so an empty call can be refused before any request.
            if (Name == null && Description == null && VendorSupportPageUrl == null && IntegrationPortalUrl == null)
            {
                ThrowTerminatingError(ErrorRecordFactory.InvalidArgument(ErrorIds.InvalidArgument, null,
                    "Nothing to update: give at least one of -Name, -Description, -VendorSupportPageUrl or -IntegrationPortalUrl.",
                    "Add the field(s) to change, for example -IntegrationPortalUrl https://portal.example.com/gradient."));
            }
        }

        protected override void ProcessRecord(GradientConnection connection)
        {
            var update = new VendorUpdate
            {
                Name = Name,
                Description = Description,
                VendorSupportPageUrl = VendorSupportPageUrl,
                IntegrationPortalUrl = IntegrationPortalUrl,
            };

            string target = connection.VendorName ?? $"vendor at {connection.BaseUri}";
            if (!ShouldProcess(target, $"Update vendor {Describe(update)}"))
            {
                return;
            }

            if (TryCall(ct => connection.Client.UpdateVendorAsync(update, ct), target, out GradientVendor vendor))
            {
                connection.Session.ObserveVendor(vendor);
                if (PassThru)
                {
                    WriteObject(vendor);
                }
            }
        }

        private static string Describe(VendorUpdate update)
        {
            var parts = new List<string>();
            if (update.Name != null) parts.Add($"name '{update.Name}'");
            if (update.Description != null) parts.Add("description");
            if (update.VendorSupportPageUrl != null) parts.Add($"support page '{update.VendorSupportPageUrl}'");
            if (update.IntegrationPortalUrl != null) parts.Add($"portal '{update.IntegrationPortalUrl}'");
            return string.Join(", ", parts);
        }
    }
}
