using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using GradientMsp.Client;
using GradientMsp.Client.Models;
using GradientMsp.Client.Session;

namespace GradientMsp.Commands
{
    /// <summary>
    /// <para type="synopsis">Creates organization services (services only this partner sees, with ids you choose) in bulk, skipping ids that already exist.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.New, "GradientOrganizationService", SupportsShouldProcess = true)]
    [OutputType(typeof(GradientOrganizationService))]
    public sealed class NewGradientOrganizationServiceCommand : BatchCreateCmdlet
    {
        /// <summary>Your own unique id for the service (it may be the same across partners); usage refers to the service by it.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("ServiceId")]
        [ValidateNotNullOrEmpty]
        public string Id { get; set; } = string.Empty;

        /// <summary>The service name the partner sees when mapping services.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("ServiceName")]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = string.Empty;

        /// <summary>A description of the service (Gradient's docs mark it required; sent as an empty string when not given).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        [AllowNull]
        public string? Description { get; set; }

        /// <summary>Whether the service is billed in arrears (newer API versions only). Takes true/false, yes/no or 1/0; empty means not sent.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [BooleanTransformation]
        public bool? IsArrears { get; set; }

        private protected override string Noun => "organization service";

        private protected override string SetCommandName => "Set-GradientOrganizationService";

        private protected override string ExistsErrorId => ErrorIds.AlreadyExists;

        protected override void ProcessRecord(GradientConnection connection)
        {
            Enqueue(connection, Id, Name, new NewOrganizationService { Id = Id, Name = Name, Description = Description ?? string.Empty, IsArrears = IsArrears });
        }

        private protected override IBatchCreator NewCreator(GradientClient client, int batchSize) => new BatchCreator<NewOrganizationService, GradientOrganizationService>(
            ct => client.GetOrganizationServicesAsync(null, ct),
            (batch, ct) => client.CreateOrganizationServicesAsync(batch, ct),
            r => r.Id,
            i => i.Id,
            r => new GradientOrganizationService { Id = r.Id, Name = r.Name, Description = r.Description },
            batchSize);
    }
}
