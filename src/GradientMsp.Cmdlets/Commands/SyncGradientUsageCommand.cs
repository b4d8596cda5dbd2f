using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Net;
using System.Security;
using System.Threading.Tasks;
using GradientMsp.Client;
using GradientMsp.Client.Session;
using GradientMsp.Client.Usage;

namespace GradientMsp.Commands
{
    /// <summary>
    /// <para type="synopsis">Pushes usage counts (account x service x unit count) from the pipeline to Synthesize, fast, paced and without losing a row.</para>
    /// </summary>
    [Cmdlet(VerbsData.Sync, "GradientUsage", SupportsShouldProcess = true)]
    [OutputType(typeof(UsageResult), typeof(UsageSyncSummary))]
    public sealed class SyncGradientUsageCommand : GradientApiCmdlet
    {
        private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);
        // Routing by partner, one engine per partner, numbering and progress: the client's coordinator.
        private UsageSyncCoordinator? _sync;
        // The PowerShell face of each session rows went to, for the Connection on every result.
        private readonly Dictionary<GradientSession, GradientConnection> _faces = new Dictionary<GradientSession, GradientConnection>();

        // Row fields are read from each piped object here, not bound by PowerShell's by-property-name
        // binder: with four fields and their aliases that binder cost more per row than the push
        // itself on large syncs. Names are matched case-insensitively, first match wins.
        private static readonly string[] AccountIdNames = { "AccountId", "Account", "Id" };
        private static readonly string[] ServiceIdNames = { "ServiceId" };
        private static readonly string[] ServiceNameNames = { "ServiceName", "Service", "Sku" };
        private static readonly string[] UnitCountNames = { "UnitCount", "Count", "Quantity", "Units" };
        // One array per name: the first of them with a non-empty value is the row's partner key.
        private static readonly string[][] PartnerKeyNames = { new[] { "PartnerApiKey" }, new[] { "PartnerKey" } };

        private bool _accountIdGiven;
        private bool _serviceIdGiven;
        private bool _serviceNameGiven;
        private bool _unitCountGiven;

        /// <summary>The vendor's id of the account (the id used with New-GradientAccount). Piped rows give it as an AccountId, Account or Id property; a value given here applies to every row.</summary>
        [Parameter(Position = 0)]
        [Alias("Account")]
        public string? AccountId { get; set; }

        /// <summary>Gradient's id of the service (Get-GradientService); give this or -ServiceName. Piped rows give it as a ServiceId property; a value given here applies to every row.</summary>
        [Parameter]
        public string? ServiceId { get; set; }

        /// <summary>The service's name, resolved to its id once per run; give this or -ServiceId. Piped rows give it as a ServiceName, Service or Sku property; a value given here applies to every row.</summary>
        [Parameter(Position = 1)]
        [Alias("Service", "Sku")]
        public string? ServiceName { get; set; }

        /// <summary>The count to set: a number of zero or more (numeric text is accepted, as from Import-Csv). Zero is pushed, so a drop to zero reaches billing. Piped rows give it as a UnitCount, Count, Quantity or Units property.</summary>
        [Parameter(Position = 2)]
        [Alias("Count", "Quantity", "Units")]
        [AllowNull]
        [AllowEmptyString]
        public object? UnitCount { get; set; }

        /// <summary>A usage row from the pipeline: any object (Import-Csv rows, objects, hashtables, or results piped back) with the fields above as properties or keys. It is handed back on its result. A row with a PartnerApiKey or PartnerKey field (text or SecureString) is pushed for that partner of the same vendor, through its own paced connection; the row handed back then holds the key only as a SecureString.</summary>
        [Parameter(ValueFromPipeline = true)]
        public PSObject? InputObject { get; set; }

        /// <summary>Pushes in flight at once per connection. Pacing to the rate limit is separate and always on; 32 keeps 100 requests a second flowing even at 300 ms round trips.</summary>
        [Parameter]
        [ValidateRange(1, 256)]
        public int ThrottleLimit { get; set; } = 32;

        /// <summary>Output only the run summary and the rows that did not land (Failed, Invalid, NotSent); Pushed and Unmapped rows are counted, not written.</summary>
        [Parameter]
        public SwitchParameter Summary { get; set; }

        /// <summary>How many rows to expect, for the percentage and time left in the progress bar.</summary>
        [Parameter]
        [ValidateRange(1, long.MaxValue)]
        public long ExpectedRows { get; set; }

        protected override void BeginProcessingCore()
        {
            _accountIdGiven = MyInvocation.BoundParameters.ContainsKey(nameof(AccountId));
            _serviceIdGiven = MyInvocation.BoundParameters.ContainsKey(nameof(ServiceId));
            _serviceNameGiven = MyInvocation.BoundParameters.ContainsKey(nameof(ServiceName));
            _unitCountGiven = MyInvocation.BoundParameters.ContainsKey(nameof(UnitCount));
            _sync = new UsageSyncCoordinator(session => ShouldProcess(_faces[session].ToString(), "Push usage counts"), ThrottleLimit, ExpectedRows, ProgressInterval);
        }

        protected override void ProcessRecord(GradientConnection connection)
        {
            PSObject? input = InputObject;
            string? partnerKey = null;
            if (input != null && PartnerKeyOf(input, out string? field, out object? given, out partnerKey))
            {
                // A row for another partner of the same vendor goes through its own session (and
                // pacer); the row is copied to hold the key only as a SecureString, because it comes
                // back on the result (and as an error's target) where a plain key could be printed.
                if (!(given is SecureString))
                {
                    input = WithProtectedKey(input, field!, partnerKey!);
                }
            }

            GradientSession session = UsageSyncCoordinator.Route(connection.Session, partnerKey);
            if (!_faces.ContainsKey(session))
            {
                _faces[session] = connection.Wrap(session);
            }

            var row = new UsageRow
            {
                AccountId = _accountIdGiven || input == null ? AccountId : AsText(RowField(input, AccountIdNames)),
                ServiceId = _serviceIdGiven || input == null ? ServiceId : AsText(RowField(input, ServiceIdNames)),
                ServiceName = _serviceNameGiven || input == null ? ServiceName : AsText(RowField(input, ServiceNameNames)),
                UnitCount = _unitCountGiven || input == null ? Unwrap(UnitCount) : RowField(input, UnitCountNames),
                Source = input,
            };

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
                WriteWarning($"Sync-GradientUsage received no usage rows, so nothing was sent to {connection}. If the rows came from a CSV export, check that the file has data rows below its header.");
                var empty = PSObject.AsPSObject(new UsageSyncSummary());
                empty.Properties.Add(new PSNoteProperty("Connection", connection));
                WriteObject(empty);
            }

            foreach (GradientSession session in _sync.Sessions)
            {
                Task<UsageSyncSummary> completion = _sync.CompleteAsync(session, StopToken);
                WaitOnPipelineThread(completion, WriteCompleted);
                UsageSyncSummary summary = completion.GetAwaiter().GetResult();
                GradientConnection connection = _faces[session];

                if (!summary.BillingRebuilt && summary.Pushed > 0)
                {
                    WriteWarning($"Usage for {connection} was pushed but billing was not rebuilt: the final push did not land. Run Sync-GradientUsage again with one row to trigger the rebuild.");
                }

                var output = PSObject.AsPSObject(summary);
                output.Properties.Add(new PSNoteProperty("Connection", connection));
                WriteObject(output);
            }

            WriteProgress(new ProgressRecord(1, "Sync-GradientUsage", "Done") { RecordType = ProgressRecordType.Completed });
        }

        protected override void DisposeCore() => _sync?.Dispose();

        private void WriteCompleted()
        {
            foreach (RoutedUsageResult done in _sync!.TakeCompleted())
            {
                Report(_faces[done.Session], done.Result);
            }

            UsageSyncCoordinatorProgress? progress = _sync.TakeProgress();
            if (progress != null)
            {
                string of = progress.Expected > 0 ? progress.Expected.ToString(System.Globalization.CultureInfo.InvariantCulture) : progress.Received + " received";
                var record = new ProgressRecord(1, "Sync-GradientUsage", $"{progress.Done} of {of} rows done, {progress.RowsPerSecond:0} rows/s");
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

        private void Report(GradientConnection connection, UsageResult result)
        {
            string target = $"row {result.Index}: account '{result.AccountId}', service '{result.ServiceName ?? result.ServiceId}'";
            switch (result.Outcome)
            {
                case UsageOutcome.Failed:
                    WriteError(ErrorRecordFactory.Create(ErrorIds.UsagePushFailed, ErrorCategory.WriteError, result.Source ?? result,
                        $"Usage for {target} was not pushed: {result.Reason}",
                        "Pipe the Failed results back into Sync-GradientUsage to retry them."));
                    break;
                case UsageOutcome.Invalid:
                    WriteError(ErrorRecordFactory.InvalidArgument(ErrorIds.InvalidUsageRow, result.Source ?? result,
                        $"Usage {target} is invalid and was not sent: {result.Reason}",
                        "Each row needs AccountId, ServiceId or ServiceName, and UnitCount as a number of zero or more."));
                    break;
                case UsageOutcome.Unmapped:
                    WriteVerbose($"Unmapped (404): {target}. The partner has not mapped this account or service; that is expected.");
                    break;
            }

            bool quiet = Summary && (result.Outcome == UsageOutcome.Pushed || result.Outcome == UsageOutcome.Unmapped);
            if (!quiet)
            {
                var output = PSObject.AsPSObject(result);
                output.Properties.Add(new PSNoteProperty("Connection", connection));
                WriteObject(output);
            }
        }

        private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;

        /// <summary>Whether the row carries a non-empty partner key (text or SecureString): under which field, as given, and as text.</summary>
        private static bool PartnerKeyOf(PSObject row, out string? field, out object? given, out string? partnerKey)
        {
            field = null;
            given = null;
            partnerKey = null;
            foreach (string[] name in PartnerKeyNames)
            {
                object? value = RowField(row, name);
                string? text = value switch
                {
                    null => null,
                    SecureString secure => new NetworkCredential(string.Empty, secure).Password,
                    _ => AsText(value),
                };
                if (!string.IsNullOrWhiteSpace(text))
                {
                    field = name[0];
                    given = value;
                    partnerKey = text;
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// A copy of the row with its text key field turned into a SecureString (it still works when
        /// the row is piped back).
        /// </summary>
        private static PSObject WithProtectedKey(PSObject row, string field, string partnerKey)
        {
            var secure = new SecureString();
            foreach (char character in partnerKey)
            {
                secure.AppendChar(character);
            }

            secure.MakeReadOnly();
            if (row.BaseObject is System.Collections.IDictionary dictionary)
            {
                var copy = new System.Collections.Specialized.OrderedDictionary(StringComparer.OrdinalIgnoreCase);
                foreach (System.Collections.DictionaryEntry entry in dictionary)
                {
                    copy[entry.Key] = entry.Key is string key && string.Equals(key, field, StringComparison.OrdinalIgnoreCase) ? secure : entry.Value;
                }

                return PSObject.AsPSObject(copy);
            }

            var result = new PSObject();
            foreach (PSPropertyInfo property in row.Properties)
            {
                object? value = string.Equals(property.Name, field, StringComparison.OrdinalIgnoreCase) ? secure : property.Value;
                result.Properties.Add(new PSNoteProperty(property.Name, value));
            }

            return result;
        }

        /// <summary>The first of <paramref name="names"/> that the row has, as a property or (for a hashtable) a key.</summary>
        private static object? RowField(PSObject row, string[] names)
        {
            if (row.BaseObject is System.Collections.IDictionary dictionary)
            {
                foreach (string name in names)
                {
                    foreach (System.Collections.DictionaryEntry entry in dictionary)
                    {
                        if (entry.Key is string key && string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
                        {
                            return Unwrap(entry.Value);
                        }
                    }
                }

                return null;
            }

            foreach (string name in names)
            {
                PSPropertyInfo? property = row.Properties[name];
                if (property != null)
                {
                    return Unwrap(property.Value);
                }
            }

            return null;
        }

        private static string? AsText(object? value) => value switch
        {
            null => null,
            string text => text,
            IFormattable formattable => formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
    }
}
