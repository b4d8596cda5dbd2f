using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using GradientMsp.Client.Models;

namespace GradientMsp.Client.Usage
{
    /// <summary>
    /// Turns a usage row's service name into a service id for one usage run: the vendor's services are
    /// listed once, the partner's organization services once and only if a name is not a vendor
    /// service. A name two services share is refused as ambiguous rather than guessed.
    /// Used from the caller's thread only (the engine resolves while it validates a row).
    /// </summary>
    internal sealed class ServiceNameResolver
    {
        private readonly GradientClient _client;
        private NameMap? _vendorNames;
        private string? _vendorLookupError;
        private NameMap? _orgNames;
        private string? _orgLookupError;
        private bool _orgLookupDone;

        public ServiceNameResolver(GradientClient client) => _client = client;

        /// <summary>A resolved id (Outcome Pushed), or why not: Invalid for a wrong name, Failed when a lookup failed.</summary>
        public readonly struct Resolution
        {
            public Resolution(string? id, UsageOutcome outcome, string? problem) { Id = id; Outcome = outcome; Problem = problem; }
            public string? Id { get; }
            public UsageOutcome Outcome { get; }
            public string? Problem { get; }
        }

        public async Task<Resolution> ResolveAsync(string name, CancellationToken cancellationToken)
        {
            if (_vendorNames == null && _vendorLookupError == null)
            {
                try
                {
                    var vendor = await _client.GetVendorAsync(cancellationToken).ConfigureAwait(false);
                    var map = new NameMap();
                    foreach (var sku in vendor.Services ?? new List<GradientService>())
                    {
                        if (sku == null) continue;
                        map.Add(sku.Name, string.IsNullOrEmpty(sku.Id) ? sku.LegacyId : sku.Id);
                    }
                    _vendorNames = map;
                }
                catch (GradientApiException ex)
                {
                    _vendorLookupError = "Could not resolve service names (GET vendor failed): " + ex.Kind + ": " + ex.Message;
                }
            }
            if (_vendorLookupError != null)
                return new Resolution(null, UsageOutcome.Failed, _vendorLookupError);

            var found = Lookup(_vendorNames!, name);
            if (found.HasValue) return found.Value;

            if (!_orgLookupDone)
            {
                try
                {
                    var services = await _client.GetOrganizationServicesAsync(null, cancellationToken).ConfigureAwait(false);
                    var map = new NameMap();
                    foreach (var service in services)
                    {
                        if (service != null) map.Add(service.Name, service.Id);
                    }
                    _orgNames = map;
                }
                catch (GradientApiException ex) when (ex.Kind == GradientErrorKind.NotFound)
                {
                    _orgNames = new NameMap(); // no organization services for this partner
                }
                catch (GradientApiException ex)
                {
                    _orgLookupError = "Service name '" + name + "' is not a vendor service and organization services could not be listed: " + ex.Kind + ": " + ex.Message;
                }
                _orgLookupDone = true;
            }

            if (_orgNames != null)
            {
                found = Lookup(_orgNames, name);
                if (found.HasValue) return found.Value;
                return new Resolution(null, UsageOutcome.Invalid, "Unknown service name '" + name + "': no vendor or organization service has that name.");
            }
            return new Resolution(null, UsageOutcome.Failed, _orgLookupError ?? "Service name '" + name + "' could not be resolved.");
        }

        private static Resolution? Lookup(NameMap map, string name)
        {
            if (map.TryGet(name, out var id, out var ambiguous)) return new Resolution(id, UsageOutcome.Pushed, null);
            if (ambiguous > 0)
                return new Resolution(null, UsageOutcome.Invalid, "Service name '" + name + "' is ambiguous: " + ambiguous.ToString(CultureInfo.InvariantCulture) + " services have that name; give the ServiceId instead.");
            return null;
        }

        private sealed class NameMap
        {
            private readonly Dictionary<string, string> _ids = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            private readonly Dictionary<string, int> _ambiguous = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

            public void Add(string? name, string? id)
            {
                name = name?.Trim();
                if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(id)) return;
                if (_ambiguous.TryGetValue(name!, out var n)) { _ambiguous[name!] = n + 1; return; }
                if (_ids.TryGetValue(name!, out var existing))
                {
                    if (string.Equals(existing, id, StringComparison.Ordinal)) return; // the same service listed twice
                    _ids.Remove(name!);
                    _ambiguous[name!] = 2;
                    return;
                }
                _ids[name!] = id!;
            }

            public bool TryGet(string name, out string? id, out int ambiguousCount)
            {
                ambiguousCount = _ambiguous.TryGetValue(name, out var n) ? n : 0;
                if (_ids.TryGetValue(name, out var found)) { id = found; return true; }
                id = null;
                return false;
            }
        }
    }
}
