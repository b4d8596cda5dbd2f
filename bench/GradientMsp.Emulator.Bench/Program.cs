using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using GradientMsp.Emulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace GradientMsp.Emulator.Bench
{
    /// <summary>Starts the emulator in-process (Kestrel on 127.0.0.1, rate limit off), maps one account × one
    /// service, then fires N count requests with bounded concurrency and prints requests/second.
    /// Client and server share the machine's cores, so the figure is a lower bound for a separate client.</summary>
    public static class Program
    {
        public static async Task<int> Main(string[] args)
        {
            int total = Arg(args, "-n", 50_000);
            int concurrency = Arg(args, "-c", 64);
            int warmup = Arg(args, "-w", 3_000);

            WebApplication app = EmulatorApp.Build(new[] { "--urls", "http://127.0.0.1:0", "--rate-limit", "0", "--vendor-key", "bench-vendor", "--partner-key", "bench-partner" });
            await app.StartAsync();
            string baseUri = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
            string token = Convert.ToBase64String(Encoding.UTF8.GetBytes("bench-vendor:bench-partner"));

            using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
            using var http = new HttpClient(handler) { BaseAddress = new Uri(baseUri + "/api/vendor-api/") };
            http.DefaultRequestHeaders.Add("GRADIENT-TOKEN", token);

            // setup: a sku and an account whose names match the seeded PSA, so both auto-map
            await Send(http, HttpMethod.Patch, "organization/status/pending", null);
            JsonNode vendor = JsonNode.Parse(await Send(http, HttpMethod.Post, "service",
                "{\"name\":\"Endpoint Protection\",\"description\":\"d\",\"category\":\"security\",\"subcategory\":\"endpoint detection and response (EDR)\"}"))!;
            string sku = (string)vendor["skus"]![0]!["id"]!;
            await Send(http, HttpMethod.Post, "organization/accounts", "[{\"id\":\"acc-1\",\"name\":\"Contoso Ltd\"}]");
            string path = $"service/{sku}/count?no_build=true";

            await Run(http, path, warmup, concurrency);
            Console.WriteLine($"warm-up: {warmup} requests");
            GC.Collect();
            var sw = Stopwatch.StartNew();
            int failures = await Run(http, path, total, concurrency);
            sw.Stop();
            double rps = total / sw.Elapsed.TotalSeconds;
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
                "{0} count requests, {1} in flight, {2:0.00} s, {3:0} requests/second, {4} failures ({5} cores)",
                total, concurrency, sw.Elapsed.TotalSeconds, rps, failures, Environment.ProcessorCount));
            await app.StopAsync();
            return failures == 0 ? 0 : 1;
        }

        private static async Task<int> Run(HttpClient http, string path, int total, int concurrency)
        {
            int next = -1;
            int failures = 0;
            async Task Worker()
            {
                while (Interlocked.Increment(ref next) < total)
                {
                    int i = next;
                    using var content = new StringContent("{\"accountId\":\"acc-1\",\"unitCount\":" + (i % 500).ToString(CultureInfo.InvariantCulture) + "}", Encoding.UTF8, "application/json");
                    using HttpResponseMessage res = await http.PostAsync(path, content);
                    if ((int)res.StatusCode != 201) Interlocked.Increment(ref failures);
                    await res.Content.ReadAsByteArrayAsync();
                }
            }
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(Worker)));
            return failures;
        }

        private static async Task<string> Send(HttpClient http, HttpMethod method, string path, string? body)
        {
            using var req = new HttpRequestMessage(method, path);
            if (body != null) req.Content = new StringContent(body, Encoding.UTF8, "application/json");
            using HttpResponseMessage res = await http.SendAsync(req);
            string text = await res.Content.ReadAsStringAsync();
            if (!res.IsSuccessStatusCode) throw new InvalidOperationException($"{method} {path}: {(int)res.StatusCode} {text}");
            return text;
        }

        private static int Arg(string[] args, string name, int fallback)
        {
            int i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        }
    }
}
