using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using System.Threading.Tasks;
using GradientMsp.Client.Models;

namespace GradientMsp.Commands
{
    /// <summary>
    /// Tab completion from the connection: account ids, service ids and names, and the alert message
    /// ids sent in this session. What the parameter means is read from its name and command
    /// (-AccountId, -ServiceId and -ServiceName anywhere, as on Sync-GradientUsage; -Id of
    /// *-GradientAccount is an account id, of *-GradientService a service id). Lists are cached per
    /// connection for <see cref="CacheFor"/>; a fetch that takes longer than <see cref="WaitAtMost"/>
    /// returns nothing now and fills the cache for the next Tab, so the prompt never hangs on the network.
    /// </summary>
    public sealed class GradientValueCompleter : IArgumentCompleter
    {
        internal static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(60);
        internal static readonly TimeSpan WaitAtMost = TimeSpan.FromSeconds(2);
        private const int MaxRecentMessages = 100;

        // (connection id, kind) -> a fetch of (value, tooltip) pairs, finished or still running.
        private static readonly ConcurrentDictionary<string, Entry> Cache = new ConcurrentDictionary<string, Entry>();
        private static readonly object RecentGate = new object();
        private static readonly LinkedList<string> RecentMessages = new LinkedList<string>();

        private enum Kind { None, AccountId, ServiceId, ServiceName, MessageId }

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            Kind kind = KindOf(commandName ?? string.Empty, parameterName ?? string.Empty);
            string typed = Unquote(wordToComplete ?? string.Empty);
            IReadOnlyList<KeyValuePair<string, string>> values = kind == Kind.MessageId ? Recent() : Fetch(kind, fakeBoundParameters);
            return values
                .Where(v => v.Key.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                .Select(v => new CompletionResult(ServiceCategoryCompleter.Quote(v.Key), v.Key, CompletionResultType.ParameterValue, v.Value))
                .ToList();
        }

        /// <summary>Send-GradientAlert remembers what it sent, for Get-GradientAlertTicket -MessageId.</summary>
        internal static void RememberMessage(string? messageId)
        {
            if (string.IsNullOrEmpty(messageId)) return;
            lock (RecentGate)
            {
                RecentMessages.Remove(messageId!);
                RecentMessages.AddFirst(messageId!);
                while (RecentMessages.Count > MaxRecentMessages) RecentMessages.RemoveLast();
            }
        }

        /// <summary>Forgets cached lists (a command that changed accounts or services calls it so the next Tab sees them).</summary>
        internal static void Invalidate() => Cache.Clear();

        private static Kind KindOf(string command, string parameter)
        {
            if (parameter.Equals("AccountId", StringComparison.OrdinalIgnoreCase)) return Kind.AccountId;
            if (parameter.Equals("ServiceId", StringComparison.OrdinalIgnoreCase)) return Kind.ServiceId;
            if (parameter.Equals("ServiceName", StringComparison.OrdinalIgnoreCase)) return Kind.ServiceName;
            if (parameter.Equals("MessageId", StringComparison.OrdinalIgnoreCase)) return Kind.MessageId;
            bool account = command.EndsWith("-GradientAccount", StringComparison.OrdinalIgnoreCase);
            bool service = command.EndsWith("-GradientService", StringComparison.OrdinalIgnoreCase);
            if (parameter.Equals("Id", StringComparison.OrdinalIgnoreCase))
            {
                return account ? Kind.AccountId : service ? Kind.ServiceId : Kind.None;
            }

            if (parameter.Equals("Name", StringComparison.OrdinalIgnoreCase) && service) return Kind.ServiceName;
            return Kind.None;
        }

        private static IReadOnlyList<KeyValuePair<string, string>> Recent()
        {
            lock (RecentGate)
            {
                return RecentMessages.Select(m => new KeyValuePair<string, string>(m, "alert " + m)).ToList();
            }
        }

        private static IReadOnlyList<KeyValuePair<string, string>> Fetch(Kind kind, IDictionary fakeBoundParameters)
        {
            if (kind == Kind.None) return Array.Empty<KeyValuePair<string, string>>();
            GradientConnection? connection = (fakeBoundParameters?["Connection"] as PSObject)?.BaseObject as GradientConnection
                ?? fakeBoundParameters?["Connection"] as GradientConnection
                ?? ConnectionStore.ForCurrentRunspace().Default;
            if (connection == null || connection.IsClosed) return Array.Empty<KeyValuePair<string, string>>();

            string key = connection.Id.ToString("N") + "/" + kind;
            Entry entry = Cache.AddOrUpdate(
                key,
                _ => new Entry(Start(kind, connection)),
                (_, old) => old.Stale ? new Entry(Start(kind, connection)) : old);
            try
            {
                if (!entry.Task.Wait(WaitAtMost)) return Array.Empty<KeyValuePair<string, string>>();
            }
            catch (AggregateException)
            {
                Cache.TryRemove(key, out _); // a failed fetch is retried on the next Tab
                return Array.Empty<KeyValuePair<string, string>>();
            }

            return entry.Task.Result;
        }

        private static Task<IReadOnlyList<KeyValuePair<string, string>>> Start(Kind kind, GradientConnection connection)
        {
            // Bounded on its own too: a fetch left running after the Tab gave up must not hang around.
            var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            return Task.Run(async () =>
            {
                using (cts)
                {
                    if (kind == Kind.AccountId)
                    {
                        IReadOnlyList<GradientAccount> accounts = await connection.Client.GetAccountsAsync(null, cts.Token).ConfigureAwait(false);
                        return (IReadOnlyList<KeyValuePair<string, string>>)accounts.Where(a => !string.IsNullOrEmpty(a.Id))
                            .Select(a => new KeyValuePair<string, string>(a.Id!, a.Name ?? a.Id!)).ToList();
                    }

                    GradientVendor vendor = await connection.Client.GetVendorAsync(cts.Token).ConfigureAwait(false);
                    IEnumerable<GradientService> services = vendor.Services.Where(s => !string.IsNullOrEmpty(s.Id) && !string.IsNullOrEmpty(s.Name));
                    return kind == Kind.ServiceName
                        ? services.Select(s => new KeyValuePair<string, string>(s.Name!, s.Name + " (" + s.Id + ")")).ToList()
                        : (IReadOnlyList<KeyValuePair<string, string>>)services.Select(s => new KeyValuePair<string, string>(s.Id!, s.Name!)).ToList();
                }
            });
        }

        private static string Unquote(string word)
        {
            string text = word.Trim().Trim('\'', '"');
            return text.Replace("''", "'");
        }

        private sealed class Entry
        {
            private readonly DateTime _createdUtc = DateTime.UtcNow;

            public Entry(Task<IReadOnlyList<KeyValuePair<string, string>>> task) => Task = task;

            public Task<IReadOnlyList<KeyValuePair<string, string>>> Task { get; }

            public bool Stale => Task.IsCompleted && DateTime.UtcNow - _createdUtc > CacheFor;
        }
    }
}
