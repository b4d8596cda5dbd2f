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
    /// <para type="synopsis">Creates accounts (the MSP's customers) for this partner in bulk, skipping ids that already exist; pipe Import-Csv rows straight in.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.New, "GradientAccount", SupportsShouldProcess = true)]
    [OutputType(typeof(GradientAccount))]
    public sealed class NewGradientAccountCommand : BatchCreateCmdlet
    {
        /// <summary>Your own unique id for the account; usage and alerts refer to the account by this id (-AccountId).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("AccountId")]
        [ValidateNotNullOrEmpty]
        public string Id { get; set; } = string.Empty;

        /// <summary>The account name partners see when they map accounts; an exact (case-sensitive) match with a PSA company name maps automatically on first setup.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("AccountName")]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = string.Empty;

        /// <summary>An optional description (sent as an empty string when not given).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        [AllowNull]
        public string? Description { get; set; }

        /// <summary>Whether the account is billed in arrears (newer API versions only). Takes true/false, yes/no or 1/0, as CSV columns hold them; empty means not sent.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [BooleanTransformation]
        public bool? IsArrears { get; set; }

        private protected override string Noun => "account";

        private protected override string SetCommandName => "Set-GradientAccount";

        private protected override string ExistsErrorId => ErrorIds.AccountExists;

        protected override void ProcessRecord(GradientConnection connection)
        {
            Enqueue(connection, Id, Name, new NewAccount { Id = Id, Name = Name, Description = Description ?? string.Empty, IsArrears = IsArrears });
        }

        private protected override IBatchCreator NewCreator(GradientClient client, int batchSize) => new BatchCreator<NewAccount, GradientAccount>(
            ct => client.GetAccountsAsync(null, ct),
            (batch, ct) => client.CreateAccountsAsync(batch, ct),
            r => r.Id,
            i => i.Id,
            r => new GradientAccount { Id = r.Id, Name = r.Name, Description = r.Description },
            batchSize);
    }
}
