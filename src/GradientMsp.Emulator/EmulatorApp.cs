using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using GradientMsp.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GradientMsp.Emulator
{
    /// <summary>Builds the emulator's web application. Program.Main uses it; tests use it with a TestServer
    /// (via <paramref name="configure"/>) and a manual TimeProvider.</summary>
    public static class EmulatorApp
    {
        public const string TokenHeader = VendorApiContract.TokenHeader;

        public static WebApplication Build(string[] args, TimeProvider? time = null, Action<WebApplicationBuilder>? configure = null) =>
            Build(EmulatorOptions.Parse(args), time, configure);

        public static WebApplication Build(EmulatorOptions options, TimeProvider? time = null, Action<WebApplicationBuilder>? configure = null)
        {
            time ??= TimeProvider.System;
            StateDocument? loaded = null;
            List<CountEntry>? journaled = null;
            long journalGeneration = 0;
            bool snapshotExists = false;
            if (options.StateFile != null)
            {
                if (Directory.Exists(options.StateFile))
                    throw new IOException("--state-file '" + options.StateFile + "' is a folder; give a file path.");
                snapshotExists = File.Exists(options.StateFile);
                if (snapshotExists) loaded = EmulatorState.Deserialize(File.ReadAllBytes(options.StateFile));
                (StateDocument? journalBase, journaled, long last) = StateJournal.Read(options.StateFile, loaded?.JournalGeneration ?? 0);
                loaded ??= journalBase;
                journalGeneration = Math.Max(loaded?.JournalGeneration ?? 0, last + 1);
            }

            WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
            {
                Args = Array.Empty<string>(),
                ContentRootPath = AppContext.BaseDirectory,
                EnvironmentName = Environments.Production,
            });
            builder.Logging.ClearProviders();
            if (options.Verbose)
            {
                // stdout carries the READY line and nothing else (docs/emulator.md): every log level goes to stderr.
                builder.Logging.AddSimpleConsole().AddFilter("Microsoft.AspNetCore", LogLevel.Information);
                builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
            }
            builder.WebHost.UseUrls(options.Urls);
            builder.WebHost.ConfigureKestrel(k =>
            {
                k.AddServerHeader = false;
                k.Limits.MaxRequestBodySize = 16 * 1024 * 1024;
            });
            var runtime = new EmulatorRuntime(options, time, loaded);
            if (options.StateFile != null)
            {
                EmulatorState state = runtime.State;
                if (journaled != null) state.Replay(journaled);
                state.Journal = new StateJournal(options.StateFile, journalGeneration, snapshotExists ? null : state.DocumentLocked);
            }
            builder.Services.AddSingleton(runtime);
            if (options.StateFile != null) builder.Services.AddHostedService<StateSaver>();
            configure?.Invoke(builder);

            WebApplication app = builder.Build();
            app.Run(ctx => Handle(runtime, ctx));
            return app;
        }

        private static Task Handle(EmulatorRuntime rt, HttpContext ctx)
        {
            string path = ctx.Request.Path.Value ?? "/";
            if (path.StartsWith(ControlApi.Prefix + "/", StringComparison.Ordinal) || path == ControlApi.Prefix)
                return HandleControl(rt, ctx, path);
            if (Pages.SynthesizePages.Owns(path)) return rt.Pages.Handle(ctx, path);
            return HandleVendor(rt, ctx, path);
        }

        private static bool IsLocal(HttpContext ctx)
        {
            IPAddress? remote = ctx.Connection.RemoteIpAddress;
            return remote == null || IPAddress.IsLoopback(remote);
        }

        private static async Task HandleControl(EmulatorRuntime rt, HttpContext ctx, string path)
        {
            if (!IsLocal(ctx))
            {
                await Write(ctx, ApiResult.Error(403, "The control API answers loopback clients only", "Forbidden"), JsonSetup.Control);
                return;
            }
            Route? route = rt.Control.Match(ctx.Request.Method, path, out string[] values);
            if (route == null)
            {
                await Write(ctx, ApiResult.Error(404, $"Cannot {ctx.Request.Method} {path}", "Not Found"), JsonSetup.Control);
                return;
            }
            (JsonNode? body, ApiResult? bad) = route.ReadsBody ? await ReadBody(ctx) : (null, null);
            ApiResult result = bad ?? route.Handler(new Call(ctx, values, null, body));
            await Write(ctx, result, result.Body is ErrorBody ? JsonSetup.Api : JsonSetup.Control);
        }

        private static async Task HandleVendor(EmulatorRuntime rt, HttpContext ctx, string path)
        {
            long start = Stopwatch.GetTimestamp();
            var entry = new RequestLogEntry
            {
                TimeUtc = rt.Time.GetUtcNow(),
                Method = ctx.Request.Method,
                Path = path,
                Query = RequestLog.RedactQuery(ctx.Request.QueryString.Value ?? ""),
            };
            try
            {
                FaultRule? fault = rt.Faults.Match(ctx.Request.Method, path);
                if (fault != null)
                {
                    entry.Fault = fault.Id;
                    if (fault.LatencyMs > 0) await Task.Delay(fault.LatencyMs, ctx.RequestAborted);
                    if (fault.Kind == "abort")
                    {
                        entry.Status = 0;
                        entry.Note = "connection aborted by fault";
                        ctx.Abort();
                        return;
                    }
                    if (fault.Kind == "status")
                    {
                        int code = fault.StatusCode!.Value;
                        string message = fault.Message ?? (code == 429 ? RateLimitMessage(rt.Limiter.Limit) : DefaultMessage(code));
                        var res = new ApiResult(code, new ErrorBody(code, message, null),
                            fault.RetryAfterSeconds?.ToString(System.Globalization.CultureInfo.InvariantCulture));
                        entry.Status = code;
                        await Write(ctx, res, JsonSetup.Api);
                        return;
                    }
                }

                ApiResult result = await Dispatch(rt, ctx, path, entry);
                entry.Status = result.Status;
                if (fault?.Kind == "dropanswer")
                {
                    // The request was carried out; only its answer is lost (what a create must survive: docs/retries.md).
                    entry.Note = "answer dropped by fault after the request was handled";
                    ctx.Abort();
                    return;
                }
                await Write(ctx, result, JsonSetup.Api);
            }
            catch (OperationCanceledException) when (ctx.RequestAborted.IsCancellationRequested)
            {
                entry.Status = 499;
                entry.Note = "client closed the connection";
            }
            finally
            {
                entry.ElapsedMs = EmulatorRuntime.ElapsedMs(start);
                rt.Log.Add(entry);
            }
        }

        internal static string RateLimitMessage(int limit) =>
            $"Request limit reached ({(limit > 0 ? limit : EmulatorOptions.DefaultRateLimit)} requests a second)";

        private static string DefaultMessage(int code) => code switch
        {
            400 => "Bad Request",
            401 => "Unauthorized",
            403 => "Forbidden",
            404 => "Not Found",
            408 => "Request Timeout",
            409 => "Conflict",
            500 => "Internal server error",
            502 => "Bad Gateway",
            503 => "Service Unavailable",
            504 => "Gateway Timeout",
            _ => "Error",
        };

        private static async Task<ApiResult> Dispatch(EmulatorRuntime rt, HttpContext ctx, string path, RequestLogEntry entry)
        {
            string? token = ctx.Request.Headers[TokenHeader];
            // Rate limit first (like a gateway), per token; rejected requests do not count.
            if (!rt.Limiter.TryAcquire(token ?? ""))
                return ApiResult.Error(429, RateLimitMessage(rt.Limiter.Limit));

            Route? route = rt.Vendor.Match(ctx.Request.Method, path, out string[] values);
            if (route == null)
            {
                if (Router.HasEmptySegment(path)) entry.Note = "doubled slash in the path: the base URI and the route were joined with two '/'";
                return ApiResult.Error(404, $"Cannot {ctx.Request.Method} {path}", "Not Found");
            }

            PartnerRecord? partner = rt.State.Authenticate(token);
            if (partner == null) return ApiResult.Unauthorized();
            entry.OrganizationId = partner.OrganizationId;
            entry.Partner = partner.Name;

            JsonNode? body = null;
            if (route.ReadsBody)
            {
                (body, ApiResult? bad) = await ReadBody(ctx);
                if (bad.HasValue) return bad.Value;
            }
            if (route.Template.EndsWith("/status/{status}", StringComparison.Ordinal) && Array.IndexOf(Catalog.LegacyStatuses, values[0]) >= 0)
                entry.Note = $"legacy status value '{values[0]}' (only older docs list it)";
            return route.Handler(new Call(ctx, values, partner, body));
        }

        private static async Task<(JsonNode?, ApiResult?)> ReadBody(HttpContext ctx)
        {
            HttpRequest req = ctx.Request;
            if (req.HasFormContentType)
            {
                IFormCollection form = await req.ReadFormAsync(ctx.RequestAborted);
                var o = new JsonObject();
                foreach (var kv in form) o[kv.Key] = kv.Value.ToString();
                return (o, null);
            }
            using var ms = new MemoryStream();
            await req.Body.CopyToAsync(ms, ctx.RequestAborted);
            if (ms.Length == 0) return (null, null);
            try
            {
                return (JsonNode.Parse(ms.GetBuffer().AsSpan(0, (int)ms.Length)), null);
            }
            catch (JsonException e)
            {
                return (null, ApiResult.BadRequest("Unexpected token in JSON: " + e.Message.Split('.')[0]));
            }
        }

        internal static async Task Write(HttpContext ctx, ApiResult result, JsonSerializerOptions json)
        {
            HttpResponse res = ctx.Response;
            res.StatusCode = result.Status;
            if (result.RetryAfter != null) res.Headers["Retry-After"] = result.RetryAfter;
            if (result.Body == null) return;
            res.ContentType = "application/json; charset=utf-8";
            if (result.Body is PreSerialized pre)
            {
                res.ContentLength = pre.Utf8.Length;
                await res.Body.WriteAsync(pre.Utf8, ctx.RequestAborted);
                return;
            }
            var buffer = new ArrayBufferWriter<byte>(256);
            using (var writer = new Utf8JsonWriter(buffer))
                JsonSerializer.Serialize(writer, result.Body, result.Body.GetType(), json);
            res.ContentLength = buffer.WrittenCount;
            await res.Body.WriteAsync(buffer.WrittenMemory, ctx.RequestAborted);
        }
    }
}
