using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading.Tasks;
using GradientMsp.Client;
using GradientMsp.Client.Ledger;
using GradientMsp.Client.Session;
using GradientMsp.Client.Usage;

namespace GradientMsp.Commands
{
    /// <summary>
    /// The usage-sync cmdlets (Sync-GradientUsage, Compare-GradientUsage): read rows, hand them to the client's
    /// coordinator, write results and summaries. Compare runs the same path with nothing sent. Not built on a
    /// client type (docs/assembly-loading.md, "The one ordering rule").
    /// </summary>
    public abstract class UsageSyncCmdlet : GradientApiCmdlet
    {
        private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);
        // Routing by partner, one engine per partner, numbering and progress: the client's coordinator.
        private UsageSyncCoordinator? _sync;
        // The PowerShell face of each session rows went to, for the Connection on every result.
        private readonly Dictionary<GradientSession, GradientConnection> _faces = new Dictionary<GradientSession, GradientConnection>();
        // Each session's finishing run, once started (EndProcessing, or Dispose after an early end).
        private readonly Dictionary<GradientSession, Task<UsageSyncSummary>> _completions = new Dictionary<GradientSession, Task<UsageSyncSummary>>();
        // Sessions whose one AuthenticationFailed error has been written.
        private readonly HashSet<GradientSession> _refused = new HashSet<GradientSession>();
        private readonly List<PSObject> _summaries = new List<PSObject>();
        private bool _ended;
        private bool _abandoned;
        private bool _unknownFieldsReported;
        private List<UsageResult>? _unwritten;
        private UsageLedger? _ledger;

        private bool _accountIdGiven;
        private bool _serviceIdGiven;
        private bool _serviceNameGiven;
        private bool _unitCountGiven;

        /// <summary>The vendor's id of the account (the id used with New-GradientAccount). Piped rows give it as an AccountId, Account or Id property; a value given here applies to every row.</summary>
        [Parameter(Position = 0)]
        [Alias("Account")]
        [ArgumentCompleter(typeof(GradientValueCompleter))]
        public string? AccountId { get; set; }

        /// <summary>Gradient's id of the service (Get-GradientService); give this or -ServiceName. Piped rows give it as a ServiceId property; a value given here applies to every row.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(GradientValueCompleter))]
        public string? ServiceId { get; set; }

        /// <summary>The service's name, resolved to its id once per run; give this or -ServiceId. Piped rows give it as a ServiceName, Service or Sku property; a value given here applies to every row.</summary>
        [Parameter(Position = 1)]
        [Alias("Service", "Sku")]
        [ArgumentCompleter(typeof(GradientValueCompleter))]
        public string? ServiceName { get; set; }

        /// <summary>The count to set: a number of zero or more (numeric text is accepted, as from Import-Csv). Zero is pushed, so a drop to zero reaches billing. Piped rows give it as a UnitCount, Count, Quantity or Units property.</summary>
        [Parameter(Position = 2)]
        [Alias("Count", "Quantity", "Units")]
        [AllowNull]
        [AllowEmptyString]
        public object? UnitCount { get; set; }

        /// <summary>A usage row from the pipeline: any object (Import-Csv rows, objects, hashtables, or results piped back) with the fields above as properties or keys. A row with a PartnerApiKey or PartnerKey field (text or SecureString) is pushed for that partner of the same vendor, through its own paced connection; the row handed back on its result has no key, only that partner's Connection.</summary>
        [Parameter(ValueFromPipeline = true)]
        public PSObject? InputObject { get; set; }

        /// <summary>Pushes in flight at once per connection. Pacing to the rate limit is separate and always on; 32 keeps 100 requests a second flowing even at 300 ms round trips.</summary>
        [Parameter]
        [ValidateRange(1, 256)]
        public int ThrottleLimit { get; set; } = 32;

        /// <summary>Output only the run summaries (one per partner connection) instead of one result per row. Rows that did not land still raise their errors.</summary>
        [Parameter]
        public SwitchParameter Summary { get; set; }

        /// <summary>The name of a variable (without $) to set to the run summaries, one per partner connection, each with its Connection; set however the run ends.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? SummaryVariable { get; set; }

        /// <summary>How many rows to expect, for the percentage and time left in the progress bar.</summary>
        [Parameter]
        [ValidateRange(1, long.MaxValue)]
        public long ExpectedRows { get; set; }

        /// <summary>The push ledger file (created if missing): counts that landed (201) are recorded per partner organization, account and service, and a row whose count Gradient already has is not sent (outcome Unchanged). Pairs in the ledger but not in the input are reported as Missing. Two runs cannot use one ledger at once: the second stops with a LedgerUnavailable error.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? LedgerPath { get; set; }

        /// <summary>With -LedgerPath: send every row, unchanged ones too (they are still recorded).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>With -LedgerPath: push the pairs the ledger has but the input lacks (Missing) as 0, so Gradient stops billing them. Without it they are only reported. A retry (results of an earlier run piped back) is part of an export: it judges no pair Missing and pushes nothing as 0.</summary>
        [Parameter]
        public SwitchParameter ZeroMissing { get; set; }

        /// <summary>The command's name, for messages.</summary>
        protected abstract string CommandName { get; }

        /// <summary>Whether rows for the session are sent (false: nothing is sent, every row is reported as it would be).</summary>
        protected abstract bool Confirm(string connection);

        protected override void BeginProcessingCore()
        {
            _accountIdGiven = MyInvocation.BoundParameters.ContainsKey(nameof(AccountId));
            _serviceIdGiven = MyInvocation.BoundParameters.ContainsKey(nameof(ServiceId));
            _serviceNameGiven = MyInvocation.BoundParameters.ContainsKey(nameof(ServiceName));
            _unitCountGiven = MyInvocation.BoundParameters.ContainsKey(nameof(UnitCount));
            _sync = new UsageSyncCoordinator(session => Confirm(_faces[session].ToString()), ThrottleLimit, ExpectedRows, ProgressInterval);
            if (LedgerPath != null)
            {
                _ledger = LedgerFile.Open(this, LedgerPath, CommandName);
                _sync.Ledger = _ledger;
                _sync.Force = Force;
                _sync.ZeroMissing = ZeroMissing;
            }
            else if (Force || ZeroMissing)
            {
                ThrowTerminatingError(ErrorRecordFactory.InvalidArgument(ErrorIds.LedgerPathRequired, null,
                    $"{CommandName}: -Force and -ZeroMissing work with a push ledger, and no -LedgerPath was given.",
                    "Add -LedgerPath with the ledger file of your nightly job, or leave -Force and -ZeroMissing out (without a ledger every row is sent)."));
            }
        }

        protected override void ProcessRecord(GradientConnection connection)
        {
            PSObject? input = InputObject;
            string? partnerKey = input == null ? null : UsageRowReader.PartnerKeyOf(input);
            GradientSession session = UsageSyncCoordinator.Route(connection.Session, partnerKey);
            if (!_faces.TryGetValue(session, out GradientConnection? face))
            {
                face = connection.Wrap(session);
                _faces[session] = face;
            }

            var row = new UsageRow { Source = input };
            if (input == null)
            {
                row.AccountId = AccountId;
                row.ServiceId = ServiceId;
                row.ServiceName = ServiceName;
                row.UnitCount = UsageRowReader.Unwrap(UnitCount);
            }
            else
            {
                row.AccountId = _accountIdGiven ? AccountId : UsageRowReader.AsText(UsageRowReader.Field(input, UsageRowReader.AccountIdNames));
                row.ServiceId = _serviceIdGiven ? ServiceId : UsageRowReader.AsText(UsageRowReader.Field(input, UsageRowReader.ServiceIdNames));
                row.ServiceName = _serviceNameGiven ? ServiceName : UsageRowReader.AsText(UsageRowReader.Field(input, UsageRowReader.ServiceNameNames));
                row.UnitCount = _unitCountGiven ? UsageRowReader.Unwrap(UnitCount) : UsageRowReader.Field(input, UsageRowReader.UnitCountNames);
                row.Index = UsageRowReader.IndexOf(input);
                row.IsRetry = UsageRowReader.IsResult(input);
                if (partnerKey != null)
                {
                    // The row comes back on its result (and as an error's target): it must not carry the key.
                    row.Source = UsageRowReader.WithoutKey(input, face);
                }

                if (!(_accountIdGiven && _unitCountGiven) && UsageRowReader.UnknownFields(input) is List<string> found)
                {
                    row.Problem = $"{UsageRowReader.NoUsageFieldsPrefix} ({(found.Count == 0 ? "none" : string.Join(", ", found))}) is a usage field.";
                }
            }

            Task add = _sync!.AddAsync(session, row, StopToken);
            WaitOnPipelineThread(add, WriteCompleted);
            add.GetAwaiter().GetResult();
        }

        protected override void EndProcessing()
        {
            if (_sync!.Received == 0)
            {
                // An export that failed upstream (a zero-byte or header-only CSV) must not look like a
                // quiet success to an unattended job: say so, and still give the zero-row summary.
                GradientConnection connection = ResolveConnection();
                WriteWarning($"{CommandName} received no usage rows, so nothing was sent to {connection}. If the rows came from a CSV export, check that the file has data rows below its header.");
                AddSummary(new UsageSyncSummary(), connection);
            }

            foreach (GradientSession session in _sync.Sessions)
            {
                Task<UsageSyncSummary> completion = Complete(session);
                WaitOnPipelineThread(completion, WriteCompleted);
                UsageSyncSummary summary = completion.GetAwaiter().GetResult();
                GradientConnection connection = _faces[session];
                WarnAbout(summary, connection);
                AddSummary(summary, connection);
            }

            _ended = true;
            FinishSummaries(write: Summary);
            WriteProgress(new ProgressRecord(1, CommandName, "Done") { RecordType = ProgressRecordType.Completed });
        }

        protected override void DisposeCore()
        {
            try
            {
                if (!_ended && _sync != null && _sync.Received > 0)
                {
                    FinishAfterEarlyEnd();
                }
            }
            catch (Exception)
            {
                // Dispose must not throw; what could be reported was reported.
            }
            finally
            {
                _sync?.Dispose();
                _ledger?.Dispose();
            }
        }

        /// <summary>
        /// The input ended before EndProcessing (the row source threw, Ctrl+C, or a terminating error):
        /// nothing more is sent, pushes in flight finish (or are cancelled by Ctrl+C), and every row
        /// received still gets its result: written if the pipeline takes output, else kept on the
        /// summary in -SummaryVariable. Billing is not rebuilt, and the host is told how to do it.
        /// </summary>
        private void FinishAfterEarlyEnd()
        {
            _abandoned = true;
            _sync!.Abandon();
            _summaries.Clear();
            foreach (GradientSession session in _sync.Sessions)
            {
                Task<UsageSyncSummary> completion = Complete(session);
                while (!completion.Wait(100))
                {
                    WriteCompleted();
                }

                WriteCompleted();
                AddSummary(completion.Result, _faces[session]);
            }

            FinishSummaries(write: false);
            string unwritten = _unwritten == null ? string.Empty
                : $" {_unwritten.Count} results could not be written because the pipeline was stopped" + (SummaryVariable == null ? "." : $"; they are in ${SummaryVariable}.Unwritten.");
            foreach (GradientSession session in _sync.Sessions)
            {
                Host?.UI?.WriteWarningLine($"{CommandName} for {_faces[session]} ended before the end of its input, so billing was not rebuilt and rows not yet sent are NotSent.{unwritten} To finish, pipe the NotSent and Failed results back into Sync-GradientUsage (its last push rebuilds billing), or run it again with one row.");
            }
        }

        private Task<UsageSyncSummary> Complete(GradientSession session)
        {
            if (!_completions.TryGetValue(session, out Task<UsageSyncSummary>? completion))
            {
                completion = _sync!.CompleteAsync(session, StopToken);
                _completions[session] = completion;
            }

            return completion;
        }

        private void AddSummary(UsageSyncSummary summary, GradientConnection connection)
        {
            var output = PSObject.AsPSObject(summary);
            output.Properties.Add(new PSNoteProperty("Connection", connection));
            _summaries.Add(output);
        }

        /// <summary>The summaries go to -SummaryVariable, one line each to the host, and to the output with -Summary.</summary>
        private void FinishSummaries(bool write)
        {
            if (_unwritten != null && _summaries.Count > 0)
            {
                _summaries[0].Properties.Add(new PSNoteProperty("Unwritten", _unwritten.ToArray()));
            }

            if (SummaryVariable != null)
            {
                SessionState.PSVariable.Set(SummaryVariable, _summaries.ToArray());
            }

            foreach (PSObject output in _summaries)
            {
                var summary = (UsageSyncSummary)output.BaseObject;
                string ledger = _ledger == null ? string.Empty : $", {summary.Unchanged} unchanged, {summary.Missing} missing";
                string billing = summary.KeptFresh ? "rebuilt (one unchanged row re-sent to keep the last sync date fresh)" : summary.BillingRebuilt ? "rebuilt" : "not rebuilt";
                string line = $"{CommandName} for {output.Properties["Connection"].Value}: {summary.Total} rows, {summary.Pushed} pushed, {summary.Unmapped} unmapped, "
                    + $"{summary.Failed} failed, {summary.Invalid} invalid, {summary.NotSent} not sent, {summary.Superseded} superseded{ledger}; billing {billing}.";
                if (_ended)
                {
                    // Tagged PSHOST, as Write-Host does: shown on the console, and capturable with 6>.
                    WriteInformation(new HostInformationMessage { Message = line }, new[] { "PSHOST", "GradientUsageSummary" });
                }

                if (write)
                {
                    WriteObject(output);
                }
            }
        }

        private void WarnAbout(UsageSyncSummary summary, GradientConnection connection)
        {
            if (summary.LedgerDistrusted != null)
            {
                WriteWarning($"The ledger's earlier entries for {connection} were not trusted, so every row was treated as changed: {summary.LedgerDistrusted}.");
            }

            if (summary.LedgerProblem != null)
            {
                WriteWarning($"Ledger for {connection}: {summary.LedgerProblem}");
            }

            if (summary.MissingNotJudged)
            {
                WriteWarning($"Missing pairs were not judged for {connection}{(ZeroMissing ? " and nothing was pushed as 0" : string.Empty)}: the input held results piped back from an earlier run (a retry), which is part of an export, not all of it. Judge Missing on a run of the whole export.");
            }

            if (summary.Missing > 0)
            {
                WriteWarning(ZeroMissing
                    ? $"{summary.Missing} account x service pairs in the ledger for {connection} were not in the input; their results say whether each was pushed as 0."
                    : $"{summary.Missing} account x service pairs in the ledger for {connection} were not in the input (Outcome Missing): Gradient keeps billing their last count. If those customers are gone, run again with -ZeroMissing to push 0; if the export lost them, fix the export.");
            }

            if (summary.DuplicatePairs > 0)
            {
                WriteWarning($"{summary.DuplicatePairs} account x service pairs appeared more than once in the rows for {connection}: for each, the row that came last was sent last and its count stands. An earlier row is Superseded if its result was still to come, else the later row's Reason names it; do not pipe an earlier row of such a pair back. Rows per device usually need summing per account and service before the sync.");
            }

            if (summary.Stopped == UsageSyncStop.CircuitOpen)
            {
                WriteError(ErrorRecordFactory.Create(ErrorIds.UsageSyncStopped, ErrorCategory.ResourceUnavailable, connection,
                    $"Sync-GradientUsage stopped sending to {connection}: {summary.StopReason}",
                    "When Synthesize answers again, pipe the Failed and NotSent results back into Sync-GradientUsage; billing is rebuilt by that run."));
            }
            else if (summary.Stopped == UsageSyncStop.None && !summary.BillingRebuilt && summary.Pushed > 0)
            {
                WriteWarning($"Usage for {connection} was pushed but billing was not rebuilt: the final push did not land. Run Sync-GradientUsage again with one row to trigger the rebuild.");
            }
        }

        private void WriteCompleted()
        {
            foreach (RoutedUsageResult done in _sync!.TakeCompleted())
            {
                if (_unwritten != null)
                {
                    _unwritten.Add(done.Result);
                    continue;
                }

                try
                {
                    Report(done.Session, done.Result);
                }
                catch (PipelineStoppedException) when (!_ended)
                {
                    // Stopped (Ctrl+C): the rest can only go to -SummaryVariable.
                    _unwritten = new List<UsageResult> { done.Result };
                }
            }

            if (_unwritten != null || !_ended && _abandoned)
            {
                return;   // no progress bar while finishing after an early end (it could throw when stopped)
            }

            UsageSyncCoordinatorProgress? progress = _sync.TakeProgress();
            if (progress != null)
            {
                string of = progress.Expected > 0 ? progress.Expected.ToString(System.Globalization.CultureInfo.InvariantCulture) : progress.Received + " received";
                var record = new ProgressRecord(1, CommandName, $"{progress.Done} of {of} rows done, {progress.RowsPerSecond:0} rows/s");
                if (progress.PercentComplete.HasValue)
                {
                    record.PercentComplete = progress.PercentComplete.Value;
                }

                if (progress.SecondsRemaining.HasValue)
                {
                    record.SecondsRemaining = progress.SecondsRemaining.Value;
                }

                WriteProgress(record);
            }
        }

        private void Report(GradientSession session, UsageResult result)
        {
            GradientConnection connection = _faces[session];
            string target = $"row {result.Index}: account '{result.AccountId}', service '{result.ServiceName ?? result.ServiceId}'";
            switch (result.Outcome)
            {
                case UsageOutcome.Failed when result.StatusCode == 401:
                    // One error for the connection, not one per row: the run stopped sending on it.
                    if (_refused.Add(session))
                    {
                        WriteError(ErrorRecordFactory.Create(ErrorIds.AuthenticationFailed, ErrorCategory.AuthenticationError, connection,
                            $"Synthesize refused the keys of {connection} (401) for usage {target}; Sync-GradientUsage stopped sending on that connection, and its remaining rows are NotSent.",
                            "Check the partner key (and the vendor key), reconnect with Connect-GradientIntegration, then pipe the Failed and NotSent results back into Sync-GradientUsage."));
                    }

                    break;
                case UsageOutcome.Failed:
                    WriteError(ErrorRecordFactory.Create(ErrorIds.UsagePushFailed, ErrorCategory.WriteError, result.Source ?? result,
                        $"Usage for {target} was not pushed: {result.Reason}",
                        "Pipe the Failed results back into Sync-GradientUsage to retry them."));
                    break;
                case UsageOutcome.Invalid when result.Reason != null && result.Reason.StartsWith(UsageRowReader.NoUsageFieldsPrefix, StringComparison.Ordinal):
                    // A file with the wrong headers: one error naming the columns, not one per row.
                    if (!_unknownFieldsReported)
                    {
                        _unknownFieldsReported = true;
                        WriteError(ErrorRecordFactory.Create(ErrorIds.UsageColumnsNotRecognized, ErrorCategory.InvalidData, result.Source ?? result,
                            $"Usage {target} and every row like it was not sent: {result.Reason}",
                            "Rename the columns (for Import-Csv, the header line): each row needs AccountId (or Account, Id), ServiceId or ServiceName (or Service, Sku), and UnitCount (or Count, Quantity, Units)."));
                    }

                    break;
                case UsageOutcome.Invalid:
                    WriteError(ErrorRecordFactory.InvalidArgument(ErrorIds.InvalidUsageRow, result.Source ?? result,
                        $"Usage {target} is invalid and was not sent: {result.Reason}",
                        "Each row needs AccountId, ServiceId or ServiceName, and UnitCount as a number of zero or more."));
                    break;
                case UsageOutcome.Unmapped:
                    if (IsVerbose)
                    {
                        WriteVerbose($"Unmapped (404): {target}. The partner has not mapped this account or service; that is expected.");
                    }

                    break;
                case UsageOutcome.Unchanged:
                    if (IsVerbose)
                    {
                        WriteVerbose($"Unchanged: {target}. {result.Reason}");
                    }

                    break;
                case UsageOutcome.Superseded:
                    if (IsVerbose)
                    {
                        WriteVerbose($"Superseded: {target}. {result.Reason}");
                    }

                    break;
            }

            if (!Summary)
            {
                var output = PSObject.AsPSObject(result);
                output.Properties.Add(new PSNoteProperty("Connection", connection));
                WriteObject(output);
            }
        }
    }
}
