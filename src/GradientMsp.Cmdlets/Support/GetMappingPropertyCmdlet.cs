using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using GradientMsp.Client;

namespace GradientMsp.Commands
{
    /// <summary>
    /// The lookup shared by Get-GradientAccount and Get-GradientOrganizationService: all items, by id
    /// (sent as a query and filtered again here), or by name with wildcards. The parameters stay on
    /// each cmdlet so their help can name the kind of item.
    /// Items are handled as object, not through a type parameter: a cmdlet class closed over a client
    /// type (GetMappingPropertyCmdlet&lt;GradientAccount&gt;) would make PowerShell's type scan load
    /// GradientMsp.Client before the module initializer has routed it to its load context
    /// (docs/assembly-loading.md).
    /// </summary>
    public abstract class GetMappingPropertyCmdlet : GradientApiCmdlet
    {
        /// <summary>"account" or "organization service", for messages.</summary>
        private protected abstract string Noun { get; }

        private protected abstract string NotFoundId { get; }

        /// <summary>What to do about an id that does not exist.</summary>
        private protected abstract string MissingIdAdvice { get; }

        /// <summary>What to do about a name that matches nothing.</summary>
        private protected abstract string MissingNameAdvice { get; }

        private protected abstract Task<IReadOnlyList<object>> FetchAsync(GradientClient client, IReadOnlyCollection<string>? ids, CancellationToken cancellationToken);

        private protected abstract string? IdOf(object item);

        private protected abstract string? NameOf(object item);

        private protected void WriteById(GradientConnection connection, string[] requested)
        {
            string[] ids = requested.Distinct(StringComparer.Ordinal).ToArray();
            object target = ids.Length == 1 ? ids[0] : ids;
            if (!TryCall(ct => FetchAsync(connection.Client, ids, ct), target, out IReadOnlyList<object> found, NotFoundId))
            {
                return;
            }

            // Filter here too: a server on the older spec ignores the id query and answers everything.
            foreach (string id in ids)
            {
                object? item = found.FirstOrDefault(candidate => string.Equals(IdOf(candidate), id, StringComparison.Ordinal));
                if (item != null)
                {
                    WriteObject(item);
                }
                else
                {
                    WriteError(ErrorRecordFactory.Create(NotFoundId, ErrorCategory.ObjectNotFound, id,
                        $"There is no {Noun} with id '{id}' for this partner.", MissingIdAdvice));
                }
            }
        }

        private protected void WriteByName(GradientConnection connection, string[]? names)
        {
            if (!TryCall(ct => FetchAsync(connection.Client, null, ct), connection, out IReadOnlyList<object> all))
            {
                return;
            }

            NameFilter? filter = NameFilter.Create(names);
            foreach (object item in all)
            {
                if (filter == null || filter.IsMatch(NameOf(item)))
                {
                    WriteObject(item);
                }
            }

            if (filter != null)
            {
                foreach (string missing in filter.UnmatchedLiterals())
                {
                    WriteError(ErrorRecordFactory.Create(NotFoundId, ErrorCategory.ObjectNotFound, missing,
                        $"There is no {Noun} named '{missing}' for this partner.", MissingNameAdvice));
                }
            }
        }
    }
}
