using System;
using System.Collections.Generic;
using System.Management.Automation;
using GradientMsp.Client.Models;

namespace GradientMsp.Commands
{
    /// <summary>
    /// <para type="synopsis">Updates one account: its name, description, active or arrears flag, or (with -NewId) its id.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "GradientAccount", SupportsShouldProcess = true)]
    [OutputType(typeof(GradientAccount))]
    public sealed class SetGradientAccountCommand : GradientApiCmdlet
    {
        /// <summary>The id of the account to change, as given when it was created (binds from the Id of piped accounts).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("AccountId")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(GradientValueCompleter))]
        public string Id { get; set; } = string.Empty;

        /// <summary>The new account name.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        /// <summary>The new description.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? Description { get; set; }

        /// <summary>Marks the account active or inactive (newer API versions; the closest thing to deleting, which the API cannot do). Takes true/false, yes/no or 1/0.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [BooleanTransformation]
        public bool? IsActive { get; set; }

        /// <summary>Whether the account is billed in arrears (newer API versions). Takes true/false, yes/no or 1/0.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [BooleanTransformation]
        public bool? IsArrears { get; set; }

        /// <summary>A new id for the account. Usage and alerts must then use the new id.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? NewId { get; set; }

        /// <summary>The piped object itself, so a piped account's own (current) values are not sent back as changes.</summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public PSObject? InputObject { get; set; }

        /// <summary>Return the account as Gradient has it after the change.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        // The fields given on the command line (the only ones bound when BeginProcessing runs).
        private readonly HashSet<string> _fromCommandLine = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        protected override void BeginProcessingCore() => _fromCommandLine.UnionWith(MyInvocation.BoundParameters.Keys);

        /// <summary>
        /// A piped GradientAccount (Get-GradientAccount | Set-GradientAccount -Description x) binds its current name and
        /// description by property name too: those are not changes, so only what the command line gave
        /// is sent. Other piped objects (CSV rows) mean what they carry.
        /// </summary>
        private void DropPipedValues()
        {
            if (!(InputObject?.BaseObject is GradientAccount))
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
                    $"Nothing to update for account '{Id}': give at least one of -Name, -Description, -IsActive, -IsArrears or -NewId."));
                return;
            }

            if (!ShouldProcess(Id, $"Update account ({change})"))
            {
                return;
            }

            string id = Id;
            if (TryCall(ct => connection.Client.UpdateAccountAsync(id, update, ct), id, out GradientAccount account, ErrorIds.AccountNotFound) && PassThru)
            {
                WriteObject(account);
            }
        }
    }
}
