using System;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using GradientMsp.Contracts;
using GradientMsp.Emulator.Domain;

namespace GradientMsp.Emulator
{
    /// <summary>The partner's side and test hooks, under /_emulator (no token, loopback only). See docs/emulator.md.</summary>
    internal static class ControlApi
    {
        public const string Prefix = EmulatorContract.ControlPrefix;

        public static Router Build(EmulatorRuntime rt)
        {
            var r = new Router();
            const string P = Prefix;
            EmulatorState s = rt.State;
            var views = new ControlViews(s);
            string Org(Call c) => c.Values[0] == EmulatorContract.DefaultOrganization ? s.DefaultOrganizationId : c.Values[0];

            r.Map("GET", P + "/health", c => new ApiResult(200, new { ok = true }), auth: false);
            r.Map("GET", P + "/info", c => new ApiResult(200, rt.Info(c.Context)), auth: false);
            r.Map("POST", P + "/reset", c =>
            {
                bool seed = rt.Options.Seed;
                if (c.Body is JsonObject o && o["seed"] is JsonValue v && v.TryGetValue(out bool b)) seed = b;
                s.Reset(seed);
                rt.Faults.Clear();
                rt.Log.Clear();
                return new ApiResult(200, rt.Info(c.Context));
            }, auth: false, body: true);
            r.Map("GET", P + "/state", c => s.Locked(() => Http.Map(
                s.SnapshotPartners(c.Query("organizationId") is string id && id == EmulatorContract.DefaultOrganization ? s.DefaultOrganizationId : c.Query("organizationId")),
                views.Snapshot)), auth: false);
            r.Map("GET", P + "/settings", c => new ApiResult(200, rt.Settings()), auth: false);
            r.Map("PATCH", P + "/settings", c => rt.UpdateSettings(c.Body), auth: false, body: true);

            // The partner's pages: each domain call and the view of its result run under one lock.
            ApiResult Page<T>(Func<Result<T>> op, Func<T, object?> view, int status = 200) => s.Locked(() => Http.Map(op(), view, status));
            ApiResult Partner(Call c, Func<string, Result<PartnerRecord>> op, Func<PartnerRecord, object?> view) => Page(() => op(Org(c)), view);
            r.Map("GET", P + "/partners", c => s.Locked(() => new ApiResult(200, s.Partners.Select(views.PartnerSummary).ToList())), auth: false);
            r.Map("POST", P + "/partners", c => Parsed(ControlInputs.NewPartner(c.Body),
                i => Page(() => s.CreatePartner(i), views.PartnerSummary, 201)), auth: false, body: true);
            r.Map("GET", P + "/partners/{org}", c => Partner(c, s.FindPartner, views.PartnerSummary), auth: false);
            r.Map("GET", P + "/partners/{org}/psa", c => Partner(c, s.FindPartner, views.PsaView), auth: false);
            r.Map("POST", P + "/partners/{org}/psa", c => c.Body is JsonObject o
                ? Partner(c, org => s.UpdatePsa(org, ControlInputs.Psa(o)), views.PsaView)
                : Http.From(ControlInputs.NotAnObject), auth: false, body: true);
            r.Map("POST", P + "/partners/{org}/connect", c => Partner(c, org => s.Connect(org, ControlInputs.PartnerKey(c.Body)), views.PartnerSummary), auth: false, body: true);
            r.Map("POST", P + "/partners/{org}/regenerate-key", c => Partner(c, org => s.RegenerateKey(org, ControlInputs.PartnerKey(c.Body)), views.PartnerSummary), auth: false, body: true);
            r.Map("POST", P + "/partners/{org}/disconnect", c => Page(() => s.Disconnect(Org(c)), views.Disconnected), auth: false, body: true);
            r.Map("GET", P + "/partners/{org}/wizard", c => Partner(c, s.FindPartner, views.WizardView), auth: false);
            r.Map("POST", P + "/partners/{org}/finish", c => Partner(c, s.Finish, views.WizardView), auth: false, body: true);
            r.Map("GET", P + "/partners/{org}/mappings", c => Partner(c, s.FindPartner, views.MappingsView), auth: false);
            r.Map("PUT", P + "/partners/{org}/mappings/accounts/{accountId}", c => Parsed(ControlInputs.MappingTarget(c.Body, "psaClientId", "psaClientName"),
                t => Partner(c, org => s.MapAccount(org, c.Values[1], t.Id, t.Name), views.MappingsView)), auth: false, body: true);
            r.Map("PUT", P + "/partners/{org}/mappings/services/{serviceId}", c => Parsed(ControlInputs.MappingTarget(c.Body, "psaServiceId", "psaServiceName"),
                t => Partner(c, org => s.MapService(org, c.Values[1], t.Id, t.Name), views.MappingsView)), auth: false, body: true);
            r.Map("GET", P + "/partners/{org}/billing", c => Partner(c, s.FindPartner, views.BillingView), auth: false);
            r.Map("POST", P + "/partners/{org}/billing/rebuild", c => Partner(c, s.RebuildBilling, views.BillingView), auth: false, body: true);
            r.Map("GET", P + "/partners/{org}/alerts", c => Partner(c, s.WithDueAlertsProcessed, p => p.Alerts.Select(ControlViews.AlertView).ToList()), auth: false);
            r.Map("GET", P + "/partners/{org}/tickets", c => Partner(c, s.WithDueAlertsProcessed, p => p.Tickets.Select(ControlViews.TicketView).ToList()), auth: false);
            r.Map("POST", P + "/alerts/process", c => new ApiResult(200, new { processed = s.ProcessAllAlerts() }), auth: false, body: true);

            r.Map("GET", P + "/requests", c => Requests(rt, c), auth: false);
            r.Map("DELETE", P + "/requests", c =>
            {
                rt.Log.Clear();
                return new ApiResult(200, new { cleared = true, nextIndex = rt.Log.NextIndex });
            }, auth: false);

            r.Map("GET", P + "/faults", c => new ApiResult(200, rt.Faults.List().Select(FaultView).ToList()), auth: false);
            r.Map("POST", P + "/faults", c => AddFault(rt, c.Body), auth: false, body: true);
            r.Map("DELETE", P + "/faults", c => new ApiResult(200, new { removed = rt.Faults.Clear() }), auth: false);
            r.Map("DELETE", P + "/faults/{id}", c => rt.Faults.Remove(c.Values[0])
                ? new ApiResult(200, new { removed = 1 })
                : ApiResult.NotFound($"No fault with id: {c.Values[0]}"), auth: false);
            return r;
        }

        /// <summary>A parsed input goes on to <paramref name="next"/>; an input error answers at once.</summary>
        private static ApiResult Parsed<T>(Result<T> input, Func<T, ApiResult> next) => input.IsOk ? next(input.Value) : Http.From(input.Error!);

        private static ApiResult Requests(EmulatorRuntime rt, Call c)
        {
            long since = 0;
            int limit = 1000;
            if (c.Query("since") is string s && !long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out since))
                return ApiResult.BadRequest("since must be an integer");
            if (c.Query("limit") is string l && (!int.TryParse(l, NumberStyles.Integer, CultureInfo.InvariantCulture, out limit) || limit < 1))
                return ApiResult.BadRequest("limit must be a positive integer");
            var entries = rt.Log.Read(since, c.Query("path"), c.Query("method"), limit, out long next, out long oldest);
            return new ApiResult(200, new { nextIndex = next, oldestIndex = oldest, capacity = rt.Log.Capacity, entries });
        }

        internal static object FaultView(FaultRule f) => new
        {
            id = f.Id,
            path = f.Path,
            method = f.Method,
            kind = f.Kind,
            statusCode = f.StatusCode,
            retryAfterSeconds = f.RetryAfterSeconds,
            latencyMs = f.LatencyMs,
            remaining = f.Remaining,
            probability = f.Probability,
            message = f.Message,
            hits = f.Hits,
        };

        /// <summary>Body: {path?, method?, kind: status|latency|abort, statusCode?, retryAfterSeconds?, latencyMs?, count?, probability?, message?}.</summary>
        private static ApiResult AddFault(EmulatorRuntime rt, JsonNode? body)
        {
            if (body is not JsonObject o) return ApiResult.BadRequest("body must be an object");
            var errors = new System.Collections.Generic.List<string>();
            Body.OptString(o, "path", errors, out string? path);
            Body.OptString(o, "method", errors, out string? method);
            Body.OptString(o, "kind", errors, out string? kind);
            Body.OptString(o, "message", errors, out string? message);
            int? Int(string name)
            {
                if (o[name] is null) return null;
                if (Body.TryNumber(o[name], out decimal d) && d == decimal.Truncate(d) && d >= int.MinValue && d <= int.MaxValue) return (int)d;
                errors.Add($"{name} must be an integer");
                return null;
            }
            int? status = Int("statusCode");
            int? retryAfter = Int("retryAfterSeconds");
            int? latency = Int("latencyMs");
            int? count = Int("count");
            double probability = 1.0;
            if (o["probability"] is not null)
            {
                if (Body.TryNumber(o["probability"], out decimal pd)) probability = (double)pd;
                else errors.Add("probability must be a number");
            }
            if (errors.Count > 0) return ApiResult.BadRequest(string.Join("; ", errors));
            kind ??= status.HasValue ? "status" : latency.HasValue ? "latency" : null;
            if (kind == null) return ApiResult.BadRequest("kind is required (status, latency or abort)");
            try
            {
                FaultRule rule = rt.Faults.Add(new FaultRule
                {
                    Path = path,
                    Method = method,
                    Kind = kind,
                    StatusCode = status,
                    RetryAfterSeconds = retryAfter,
                    LatencyMs = latency ?? 0,
                    Remaining = count,
                    Probability = probability,
                    Message = message,
                });
                return new ApiResult(201, FaultView(rule));
            }
            catch (ArgumentException e)
            {
                return ApiResult.BadRequest(e.Message);
            }
        }
    }
}
