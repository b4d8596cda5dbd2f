using System;
using System.IO;
using System.Management.Automation;
using System.Net;
using GradientMsp.Client;
using GradientMsp.Client.Emulator;

namespace GradientMsp.Commands
{
    /// <summary>The one place where client exceptions (the API's and the emulator's) become ErrorRecords.</summary>
    internal static class ErrorRecordFactory
    {
        /// <summary>
        /// Maps a <see cref="GradientApiException"/> to an ErrorRecord with a stable id, the category that
        /// fits the HTTP outcome, the API's own message in ErrorDetails and the item being processed as target.
        /// </summary>
        /// <param name="exception">The client's failure.</param>
        /// <param name="target">The id, name or input object being processed.</param>
        /// <param name="notFoundId">A more specific id for 404s (AccountNotFound, ServiceNotFound), if the caller has one.</param>
        /// <param name="conflictId">A more specific id for 409s (AccountExists), if the caller has one.</param>
        public static ErrorRecord FromApiException(GradientApiException exception, object? target, string? notFoundId = null, string? conflictId = null)
        {
            (string id, ErrorCategory category) = exception.Kind switch
            {
                GradientErrorKind.Authentication => (ErrorIds.AuthenticationFailed, ErrorCategory.AuthenticationError),
                GradientErrorKind.Forbidden => (ErrorIds.PermissionDenied, ErrorCategory.PermissionDenied),
                GradientErrorKind.NotFound => (notFoundId ?? ErrorIds.NotFound, ErrorCategory.ObjectNotFound),
                GradientErrorKind.Conflict => (conflictId ?? ErrorIds.AlreadyExists, ErrorCategory.ResourceExists),
                GradientErrorKind.BadRequest => (ErrorIds.InvalidRequest, ErrorCategory.InvalidArgument),
                GradientErrorKind.RateLimited => (ErrorIds.RateLimited, ErrorCategory.LimitsExceeded),
                GradientErrorKind.ServerError => (ErrorIds.ServiceUnavailable, ErrorCategory.ResourceUnavailable),
                GradientErrorKind.Timeout => (ErrorIds.RequestTimedOut, ErrorCategory.OperationTimeout),
                GradientErrorKind.Connection => (ErrorIds.ConnectionFailed, ErrorCategory.ConnectionError),
                GradientErrorKind.InvalidResponse => (ErrorIds.InvalidResponse, ErrorCategory.InvalidData),
                GradientErrorKind.TooLarge => (ErrorIds.RequestTooLarge, ErrorCategory.LimitsExceeded),
                _ => (ErrorIds.ApiError, ErrorCategory.InvalidOperation),
            };
            if (exception.OutcomeUnknown) id = ErrorIds.OutcomeUnknown;

            var record = new ErrorRecord(exception, id, category, target);
            string? advice = Advice(exception);
            if (!string.IsNullOrEmpty(exception.ApiMessage) || advice != null)
            {
                record.ErrorDetails = new ErrorDetails(exception.ApiMessage ?? exception.Message);
                if (advice != null)
                {
                    record.ErrorDetails.RecommendedAction = advice;
                }
            }

            return record;
        }

        /// <summary>An id the client refused to put in a URL path ("." or ".."): a per-item error, nothing was sent.</summary>
        public static ErrorRecord FromInvalidId(GradientInvalidIdException exception, object? target)
        {
            var record = new ErrorRecord(exception, ErrorIds.InvalidId, ErrorCategory.InvalidArgument, target ?? exception.Value);
            record.ErrorDetails = new ErrorDetails(exception.Message)
            {
                RecommendedAction = "An id made only of dots is read as '.' or '..' in a URL, so Gradient can never be asked about it. Use another id (for an existing account, give it a new one in Synthesize or with Set-GradientAccount on its mapping).",
            };
            return record;
        }

        /// <summary>A key that cannot be a Gradient key; the message names the problem, never the key.</summary>
        public static ErrorRecord InvalidApiKey(string parameterName, string message)
            => InvalidArgument(ErrorIds.InvalidApiKey, parameterName, message,
                "Copy the key again: the vendor key from Gradient's vendor onboarding, the partner key from the partner's Synthesize integration page. A key has no spaces and no ':' (the token joins the two keys with one).");

        public static ErrorRecord Create(string id, ErrorCategory category, object? target, string message, string? recommendedAction = null, Exception? inner = null)
        {
            var record = new ErrorRecord(new InvalidOperationException(message, inner), id, category, target);
            if (recommendedAction != null)
            {
                record.ErrorDetails = new ErrorDetails(message) { RecommendedAction = recommendedAction };
            }

            return record;
        }

        public static ErrorRecord InvalidArgument(string id, object? target, string message, string? recommendedAction = null)
        {
            var record = new ErrorRecord(new ArgumentException(message), id, ErrorCategory.InvalidArgument, target);
            if (recommendedAction != null)
            {
                record.ErrorDetails = new ErrorDetails(message) { RecommendedAction = recommendedAction };
            }

            return record;
        }

        /// <summary>
        /// Maps a failed emulator control call: the emulator's refusal (<see cref="EmulatorControlException"/>)
        /// by its status, anything else (connection refused, timeout) as the emulator not answering.
        /// </summary>
        public static ErrorRecord FromEmulatorControlFailure(Uri emulatorBaseUri, Exception exception, object? target)
        {
            if (exception is EmulatorControlException control)
            {
                ErrorCategory category = control.StatusCode switch
                {
                    HttpStatusCode.NotFound => ErrorCategory.ObjectNotFound,
                    HttpStatusCode.Conflict => ErrorCategory.InvalidOperation,
                    HttpStatusCode.BadRequest => ErrorCategory.InvalidArgument,
                    _ => ErrorCategory.InvalidResult,
                };
                var record = new ErrorRecord(control, ErrorIds.EmulatorActionFailed, category, target);
                record.ErrorDetails = new ErrorDetails(control.Message)
                {
                    RecommendedAction = control.StatusCode == HttpStatusCode.Conflict
                        ? "The partner's integration is not in the state this action needs (see Get-GradientEmulatorWizard)."
                        : "Check the ids (Get-GradientEmulatorMapping, Get-GradientEmulatorPsa) and try again.",
                };
                return record;
            }

            return Create(ErrorIds.EmulatorNotRunning, ErrorCategory.ConnectionError, target,
                $"The emulator at {emulatorBaseUri} did not answer: {exception.Message}",
                "Check Get-GradientEmulator; restart it with Start-GradientEmulator if it has exited.", exception);
        }

        /// <summary>
        /// An emulator that exited on its own (crash, kill, a signal): says so, with its pid and exit code,
        /// instead of letting the next call retry a refused connection for seconds.
        /// </summary>
        public static ErrorRecord EmulatorExited(EmulatorInstance instance, object? target, Exception? inner = null)
        {
            EmulatorProcess process = instance.Process;
            int? code = process.ExitCode;
            string stderr = process.StandardError.Trim();
            int lastLine = stderr.LastIndexOf('\n');
            string tail = lastLine >= 0 ? stderr.Substring(lastLine + 1).Trim() : stderr;
            return Create(ErrorIds.EmulatorNotRunning, ErrorCategory.ResourceUnavailable, target,
                $"The emulator (pid {process.ProcessId}) at {process.BaseUri} has exited{(code.HasValue ? " (exit code " + code.Value + ")" : string.Empty)}."
                + (tail.Length > 0 ? " Its last error output: " + tail : string.Empty),
                "Start a new one with Start-GradientEmulator -Connect (Get-GradientEmulator -All shows it; Stop-GradientEmulator -All forgets it).", inner);
        }

        /// <summary>Maps a failure to start the emulator process (no dll, no dotnet host, no READY line).</summary>
        public static ErrorRecord FromEmulatorStartFailure(Exception exception)
        {
            if (exception is FileNotFoundException)
            {
                return Create(ErrorIds.EmulatorNotFound, ErrorCategory.ObjectNotFound, EmulatorProcess.DllName,
                    exception.Message,
                    "The emulator ships in the module's emulator/ folder: reinstall or rebuild the module (build.ps1 Build), or set $env:GRADIENT_EMULATOR_DLL to GradientMsp.Emulator.dll.",
                    exception);
            }

            if (exception is System.ComponentModel.Win32Exception)
            {
                return Create(ErrorIds.EmulatorStartFailed, ErrorCategory.ResourceUnavailable, "dotnet",
                    "Could not run the dotnet host to start the emulator: " + exception.Message,
                    "The emulator needs the .NET 8 runtime: put 'dotnet' on PATH or set $env:DOTNET_ROOT.",
                    exception);
            }

            return Create(ErrorIds.EmulatorStartFailed, ErrorCategory.ResourceUnavailable, EmulatorProcess.DllName,
                "The emulator did not start: " + exception.Message,
                exception.Message.IndexOf("Microsoft.AspNetCore.App", StringComparison.OrdinalIgnoreCase) >= 0
                    ? "The emulator needs the ASP.NET Core runtime 8 or later (Microsoft.AspNetCore.App): install it (see https://aka.ms/dotnet-download), or point $env:DOTNET_ROOT at a dotnet that has it (dotnet --list-runtimes)."
                    : "Check the message above (a bad -StateFile, a missing ASP.NET Core runtime); run with -Verbose for the command line.",
                exception);
        }

        private static string? Advice(GradientApiException exception) => exception.OutcomeUnknown
            ? "The request may have been carried out although its answer was lost, so it was not sent again. Check whether it exists (Get-GradientService, Get-GradientAccount, Get-GradientOrganizationService, the PSA for an alert) before sending it again."
            : exception.Kind switch
        {
            GradientErrorKind.Authentication => "Check the vendor and partner API keys. If the partner regenerated their Partner API Key or disconnected, reconnect with the new key (Connect-GradientIntegration).",
            GradientErrorKind.Forbidden => "Gradient refused the call (it may have detected unusual API usage). Slow down and contact Gradient vendor support if it persists.",
            GradientErrorKind.RateLimited => "The API allows 100 requests a second. Lower -RequestsPerSecond on Connect-GradientIntegration or retry later.",
            GradientErrorKind.ServerError => "Gradient's service failed after retries. Retry later; failed usage rows can be piped back into Sync-GradientUsage.",
            GradientErrorKind.Timeout => "The request timed out after retries. Check the network or raise -TimeoutSec on Connect-GradientIntegration.",
            GradientErrorKind.Connection => "Could not reach the service. Check -BaseUri, DNS, proxy and firewall.",
            GradientErrorKind.TooLarge => "The server refused the request as too large (413: the body, 414: the URL, 431: the headers, such as an oversized key). Sending it again cannot help: shorten the text or send fewer items per call.",
            _ => null,
        };
    }
}
