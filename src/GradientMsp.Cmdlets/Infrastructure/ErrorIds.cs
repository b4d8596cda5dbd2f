namespace GradientMsp.Commands
{
    /// <summary>
    /// Stable error ids. Scripts and Pester tests match on these (FullyQualifiedErrorId), so an id
    /// is never renamed, never built from a message and never reused for another meaning.
    /// </summary>
    internal static class ErrorIds
    {
        public const string NotConnected = nameof(NotConnected);
        public const string MissingApiKey = nameof(MissingApiKey);
        public const string InvalidBaseUri = nameof(InvalidBaseUri);
        public const string AuthenticationFailed = nameof(AuthenticationFailed);
        public const string PermissionDenied = nameof(PermissionDenied);
        public const string NotFound = nameof(NotFound);
        public const string AccountNotFound = nameof(AccountNotFound);
        public const string ServiceNotFound = nameof(ServiceNotFound);
        public const string AlreadyExists = nameof(AlreadyExists);
        public const string InvalidRequest = nameof(InvalidRequest);
        public const string RateLimited = nameof(RateLimited);
        public const string ServiceUnavailable = nameof(ServiceUnavailable);
        public const string RequestTimedOut = nameof(RequestTimedOut);
        public const string ConnectionFailed = nameof(ConnectionFailed);
        public const string InvalidResponse = nameof(InvalidResponse);
        public const string ApiError = nameof(ApiError);
        public const string InvalidStatus = nameof(InvalidStatus);
        public const string StatusDowngradeRefused = nameof(StatusDowngradeRefused);
        public const string InvalidCategory = nameof(InvalidCategory);
        public const string AccountExists = nameof(AccountExists);
        public const string InvalidUsageRow = nameof(InvalidUsageRow);
        public const string UsagePushFailed = nameof(UsagePushFailed);
        public const string UsageColumnsNotRecognized = nameof(UsageColumnsNotRecognized);
        public const string UsageSyncStopped = nameof(UsageSyncStopped);
        /// <summary>The push ledger cannot be opened (in use, not a ledger, another version, unreachable).</summary>
        public const string LedgerUnavailable = nameof(LedgerUnavailable);
        /// <summary>Compare-GradientUsage (or Get-GradientUsageLedger) was not given -LedgerPath.</summary>
        public const string LedgerPathRequired = nameof(LedgerPathRequired);
        public const string AlertTicketTimeout = nameof(AlertTicketTimeout);
        public const string AlertTicketFailed = nameof(AlertTicketFailed);
        public const string EmulatorStartFailed = nameof(EmulatorStartFailed);
        public const string EmulatorNotFound = nameof(EmulatorNotFound);
        public const string EmulatorNotRunning = nameof(EmulatorNotRunning);
        public const string EmulatorActionFailed = nameof(EmulatorActionFailed);
        public const string EmulatorNotReachable = nameof(EmulatorNotReachable);
        public const string InvalidArgument = nameof(InvalidArgument);
        public const string ModuleFileMissing = nameof(ModuleFileMissing);
        public const string QARunFailed = nameof(QARunFailed);
        /// <summary>A create may have been made although its answer was lost; it was not sent again (docs/retries.md).</summary>
        public const string OutcomeUnknown = nameof(OutcomeUnknown);
        /// <summary>An id that no URL path can carry ("." or ".."): the item can never be sent as it is.</summary>
        public const string InvalidId = nameof(InvalidId);
        /// <summary>A vendor or partner key that cannot be a Gradient key (only spaces, a ':', far too long).</summary>
        public const string InvalidApiKey = nameof(InvalidApiKey);
        /// <summary>413/414/431: the request is larger than the server accepts.</summary>
        public const string RequestTooLarge = nameof(RequestTooLarge);
    }
}
