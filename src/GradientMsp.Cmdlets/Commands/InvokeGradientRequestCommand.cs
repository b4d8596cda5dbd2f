using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using GradientMsp.Client;

namespace GradientMsp.Commands
{
    /// <summary>
    /// <para type="synopsis">Sends a raw request to the Synthesize vendor API over a connection (with its token, pacing, retries and redaction), for routes the other cmdlets do not cover.</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "GradientRequest", SupportsShouldProcess = true)]
    [OutputType(typeof(PSObject))]
    public sealed class InvokeGradientRequestCommand : GradientApiCmdlet
    {
        /// <summary>The HTTP method: GET (the default), POST, PUT, PATCH or DELETE. Anything but GET asks ShouldProcess.</summary>
        [Parameter(Position = 1)]
        [ValidateSet("GET", "POST", "PUT", "PATCH", "DELETE", IgnoreCase = true)]
        public string Method { get; set; } = "GET";

        /// <summary>The route under the vendor API root, e.g. /organization or /organization/accounts?accountIds=cust-1 (a leading /api/vendor-api is accepted). Never an absolute URL: the token only goes to the connection's host.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>The body: a JSON string as is, or any object (hashtable, PSCustomObject), sent as JSON.</summary>
        [Parameter(ValueFromPipeline = true)]
        public object? Body { get; set; }

        /// <summary>Return the body as text instead of objects.</summary>
        [Parameter]
        public SwitchParameter Raw { get; set; }

        protected override void ProcessRecord(GradientConnection connection)
        {
            string method = Method.ToUpperInvariant();
            try
            {
                GradientClient.CheckPath(Path);
            }
            catch (ArgumentException e)
            {
                ThrowTerminatingError(ErrorRecordFactory.InvalidArgument(ErrorIds.InvalidArgument, Path, e.Message));
            }

            string? json = BodyJson();
            if (method != "GET" && !ShouldProcess(connection.ToString(), $"{method} {Path}"))
            {
                return;
            }

            string path = Path;
            if (!TryCall(ct => connection.Client.InvokeRawAsync(method, path, json, ct), Path, out GradientRawResponse response))
            {
                return;
            }

            if (Raw || !response.IsJson)
            {
                if (response.Text.Length > 0) WriteObject(response.Text);
                return;
            }

            // A JSON array is enumerated, as Invoke-RestMethod does.
            WriteObject(ToPowerShell(response.Value), enumerateCollection: true);
        }

        private string? BodyJson()
        {
            object? body = Body is PSObject wrapped ? wrapped.BaseObject : Body;
            if (body == null) return null;
            if (body is string text) return text;
            // PowerShell's own serializer knows hashtables, PSCustomObjects and the module's objects.
            var results = InvokeCommand.InvokeScript("param($b) ConvertTo-Json -InputObject $b -Depth 20 -Compress", true, System.Management.Automation.Runspaces.PipelineResultTypes.None, null, Body);
            return results.Count > 0 ? results[0]?.ToString() : null;
        }

        private static object? ToPowerShell(object? value)
        {
            switch (value)
            {
                case IDictionary<string, object?> map:
                    var result = new PSObject();
                    foreach (KeyValuePair<string, object?> pair in map) result.Properties.Add(new PSNoteProperty(pair.Key, ToPowerShell(pair.Value)));
                    return result;
                case IList list when !(value is string):
                    var items = new object?[list.Count];
                    for (int i = 0; i < list.Count; i++) items[i] = ToPowerShell(list[i]);
                    return items;
                default:
                    return value;
            }
        }
    }
}
