using System;
using System.Collections.Generic;
using System.Management.Automation;
using GradientMsp.Client.Models;

namespace GradientMsp.Commands
{
    /// <summary>
    /// <para type="synopsis">Updates one organization service: its name, description, active or arrears flag, or (with -NewId) its id.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "GradientOrganizationService", SupportsShouldProcess = true)]
    [OutputType(typeof(GradientOrganizationService))]
    public sealed class SetGradientOrganizationServiceCommand : GradientApiCmdlet
    {
        /// <summary>The id of the organization service to change, as given when it was created (binds from the Id of piped services).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("ServiceId")]
        [ValidateNotNullOrEmpty]
        public string Id { get; set; } = string.Empty;

        /// <summary>The new service name.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        /// <summary>The new description.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? Description { get; set; }

        /// <summary>Marks the service active or inactive (newer API versions; services cannot be deleted through the API). Takes true/false, yes/no or 1/0.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [BooleanTransformation]
        public bool? IsActive { get; set; }

        /// <summary>Whether the service is billed in arrears (newer API versions). Takes true/false, yes/no or 1/0.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [BooleanTransformation]
        public bool? IsArrears { get; set; }

        /// <summary>A new id for the service. Usage must then use the new id.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? NewId { get; set; }

        /// <summary>The piped object itself, so a piped organization service's own (current) values are not sent back as changes.</summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public PSObject? InputObject { get; set; }

        /// <summary>Return the service as Gradient has it after the change.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        // The fields given on the command line (the only ones bound when BeginProcessing runs).
        private readonly HashSet<string> _fromCommandLine = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        protected override void BeginProcessingCore() => _fromCommandLine.UnionWith(MyInvocation.BoundParameters.Keys);

        /// <summary>
        /// A piped GradientOrganizationService (Get-GradientOrganizationService | Set-GradientOrganizationService -Description x) binds its current name and
        /// description by property name too: those are not changes, so only what the command line gave
        /// is sent. Other piped objects (CSV rows) mean what they carry.
        /// </summary>
        private void DropPipedValues()
        {
            if (!(InputObject?.BaseObject is GradientOrganizationService))
            {
                return;
            }

            if (!_fromCommandLine.Contains(nameof(Name))) Name = null;
            if (!_fromCommandLine.Contains(nameof(Description))) Description = null;
            if (!_fromCommandLine.Contains(nameof(IsActive))) IsActive = null;
            if (!_fromCommandLine.Contains(nameof(IsArrears))) IsArrears = null;
        }

        protected override void ProcessRecord(GradientConnection connection)
        {
            DropPipedValues();
            var update = new MappingPropertyUpdate { Id = NewId, Name = Name, Description = Description, IsActive = IsActive, IsArrears = IsArrears };
            string? change = MappingUpdateText.Describe(update);
            if (change == null)
            {
                WriteError(ErrorRecordFactory.InvalidArgument(ErrorIds.InvalidArgument, Id,
                    $"Nothing to update for organization service '{Id}': give at least one of -Name, -Description, -IsActive, -IsArrears or -NewId."));
                return;
            }

            if (!ShouldProcess(Id, $"Update organization service ({change})"))
            {
                return;
            }

            string id = Id;
            if (TryCall(ct => connection.Client.UpdateOrganizationServiceAsync(id, update, ct), id, out GradientOrganizationService service, ErrorIds.ServiceNotFound) && PassThru)
            {
                WriteObject(service);
            }
        }
    }
}
