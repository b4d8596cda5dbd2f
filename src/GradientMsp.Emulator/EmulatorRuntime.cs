using System;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace GradientMsp.Emulator
{
    /// <summary>Everything one emulator instance holds: state, request log, faults, rate limiter, routers.</summary>
    internal sealed class EmulatorRuntime
    {
        private volatile RateLimiter _limiter;

        public EmulatorRuntime(EmulatorOptions options, TimeProvider time, StateDocument? loaded)
        {
            Options = options;
            Time = time;
            State = new EmulatorState(options, time, loaded);
            Log = new RequestLog(options.RequestLogCapacity);
            Faults = new FaultInjector();
            _limiter = new RateLimiter(options.RateLimit, time);
            Vendor = VendorApi.Build(State);
            Control = ControlApi.Build(this);
            Pages = new Pages.SynthesizePages(this);
        }

        public EmulatorOptions Options { get; }
        public TimeProvider Time { get; }
        public EmulatorState State { get; }
        public RequestLog Log { get; }
        public FaultInjector Faults { get; }
        public RateLimiter Limiter => _limiter;
        public Router Vendor { get; }
        public Router Control { get; }
        /// <summary>The partner's side as web pages (docs/emulator-pages.md).</summary>
        public Pages.SynthesizePages Pages { get; }

        /// <summary>Set by Program once Kestrel listens; in-memory hosts fall back to the request's host.</summary>
        public string? BaseUri { get; set; }

        public object Info(HttpContext? ctx)
        {
            string baseUri = BaseUri ?? (ctx != null ? $"{ctx.Request.Scheme}://{ctx.Request.Host}" : "");
            string org = State.DefaultOrganizationId;
            string? pk = State.PartnerKeyOf(org);
            string vk = State.VendorKey;
            return new
            {
                baseUri,
                apiBaseUri = baseUri + VendorApi.Prefix,
                controlBaseUri = baseUri + ControlApi.Prefix,
                vendorKey = vk,
                partnerKey = pk,
                organizationId = org,
                token = pk != null ? EmulatorState.TokenFor(vk, pk) : null,
                rateLimit = Limiter.Limit,
                alertDelayMs = State.AlertDelayMs,
                stateFile = Options.StateFile,
                requestLogCapacity = Log.Capacity,
                processId = Environment.ProcessId,
            };
        }

        public object Settings() => new { rateLimit = Limiter.Limit, alertDelayMs = State.AlertDelayMs };

        public ApiResult UpdateSettings(JsonNode? body)
        {
            if (body is not JsonObject o) return ApiResult.BadRequest("body must be an object");
            int? rate = null, delay = null;
            if (o["rateLimit"] is not null)
            {
                if (!Body.TryNumber(o["rateLimit"], out decimal d) || d < 0 || d != decimal.Truncate(d) || d > int.MaxValue)
                    return ApiResult.BadRequest("rateLimit must be an integer >= 0");
                rate = (int)d;
            }
            if (o["alertDelayMs"] is not null)
            {
                if (!Body.TryNumber(o["alertDelayMs"], out decimal d) || d < 0 || d != decimal.Truncate(d) || d > int.MaxValue)
                    return ApiResult.BadRequest("alertDelayMs must be an integer >= 0");
                delay = (int)d;
            }
            if (rate.HasValue) _limiter = new RateLimiter(rate.Value, Time);
            if (delay.HasValue) State.AlertDelayMs = delay.Value;
            return new ApiResult(200, Settings());
        }

        public static double ElapsedMs(long start) => Math.Round(Stopwatch.GetElapsedTime(start).TotalMilliseconds, 3);
    }
}
