using System;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;

namespace GradientMsp.Emulator
{
    /// <summary>The partner's side and test hooks, under /_emulator (no token, loopback only). See docs/emulator.md.</summary>
    internal static class ControlApi
    {
        public const string Prefix = "/_emulator";

        public static Router Build(EmulatorRuntime rt)
        {
            var r = new Router();
            const string P = Prefix;
            EmulatorState s = rt.State;
            string Org(Call c) => c.Values[0] == "default" ? s.DefaultOrganizationId : c.Values[0];

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
            r.Map("GET", P + "/state", c => s.Snapshot(c.Query("organizationId") is string id && id == "default" ? s.DefaultOrganizationId : c.Query("organizationId")), auth: false);
            r.Map("GET", P + "/settings", c => new ApiResult(200, rt.Settings()), auth: false);
            r.Map("PATCH", P + "/settings", c => rt.UpdateSettings(c.Body), auth: false, body: true);

            r.Map("GET", P + "/partners", c => s.ListPartners(), auth: false);
            r.Map("POST", P + "/partners", c => s.CreatePartner(c.Body), auth: false, body: true);
            r.Map("GET", P + "/partners/{org}", c => s.GetPartner(Org(c)), auth: false);
            r.Map("GET", P + "/partners/{org}/psa", c => s.GetPsa(Org(c)), auth: false);
            r.Map("POST", P + "/partners/{org}/psa", c => s.UpdatePsa(Org(c), c.Body), auth: false, body: true);
            r.Map("POST", P + "/partners/{org}/connect", c => s.Connect(Org(c), KeyFrom(c.Body)), auth: false, body: true);
            r.Map("POST", P + "/partners/{org}/regenerate-key", c => s.RegenerateKey(Org(c), KeyFrom(c.Body)), auth: false, body: true);
            r.Map("POST", P + "/partners/{org}/disconnect", c => s.Disconnect(Org(c)), auth: false, body: true);
            r.Map("GET", P + "/partners/{org}/wizard", c => s.GetWizard(Org(c)), auth: false);
            r.Map("POST", P + "/partners/{org}/finish", c => s.Finish(Org(c)), auth: false, body: true);
            r.Map("GET", P + "/partners/{org}/mappings", c => s.GetMappings(Org(c)), auth: false);
            r.Map("PUT", P + "/partners/{org}/mappings/accounts/{accountId}", c => s.MapAccount(Org(c), c.Values[1], c.Body), auth: false, body: true);
            r.Map("PUT", P + "/partners/{org}/mappings/services/{serviceId}", c => s.MapService(Org(c), c.Values[1], c.Body), auth: false, body: true);
            r.Map("GET", P + "/partners/{org}/billing", c => s.GetBilling(Org(c)), auth: false);
            r.Map("POST", P + "/partners/{org}/billing/rebuild", c => s.RebuildBilling(Org(c)), auth: false, body: true);
            r.Map("GET", P + "/partners/{org}/alerts", c => s.GetAlerts(Org(c)), auth: false);
            r.Map("GET", P + "/partners/{org}/tickets", c => s.GetTickets(Org(c)), auth: false);
            r.Map("POST", P + "/alerts/process", c => s.ProcessAlerts(), auth: false, body: true);

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

        private static string? KeyFrom(JsonNode? body) =>
            body is JsonObject o && o["partnerKey"] is JsonValue v && v.TryGetValue(out string? k) && k.Length > 0 && !k.Contains(':') ? k : null;

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
