using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;

namespace GradientMsp.Emulator
{
    /// <summary>One acknowledged unit count, as the journal keeps it.</summary>
    internal sealed class CountEntry
    {
        public string OrganizationId { get; set; } = "";
        public string AccountId { get; set; } = "";
        public string ServiceId { get; set; } = "";
        public string Kind { get; set; } = "";
        public decimal UnitCount { get; set; }
        public bool NoBuild { get; set; }
        public DateTimeOffset At { get; set; }
    }

    /// <summary>One journal line: the whole state (first line of a run that has no state file yet) or a count.</summary>
    internal sealed class JournalLine
    {
        public StateDocument? Base { get; set; }
        public CountEntry? Count { get; set; }
    }

    /// <summary>
    /// The append-only journal beside --state-file (docs/emulator.md "State file"). The snapshot is
    /// written on a debounce, so without this a count answered 201 just before a kill -9 would be
    /// lost. Every acknowledged count is appended (and handed to the OS) before the answer; the
    /// journal is split in generations <c>{state-file}.journal.{n}</c>: a snapshot records the
    /// generation it starts (<see cref="StateDocument.JournalGeneration"/>), older files are deleted
    /// once it is on disk, and at start the files from that generation on are replayed. Calls come
    /// under the state's lock, so lines are in the order the counts were applied.
    /// </summary>
    internal sealed class StateJournal : IDisposable
    {
        private static readonly JsonSerializerOptions LineJson = new JsonSerializerOptions(JsonSetup.StateFile) { WriteIndented = false };
        private static readonly byte[] NewLine = { (byte)'\n' };
        private readonly string _stateFile;
        private FileStream? _stream;
        private Func<StateDocument>? _baseOf;
        private bool _failed;

        /// <param name="stateFile">The --state-file path.</param>
        /// <param name="generation">The generation to append to (a fresh one: never a file that may end in a torn line).</param>
        /// <param name="baseOf">When no state file exists yet: the state to write as the journal's first line.</param>
        public StateJournal(string stateFile, long generation, Func<StateDocument>? baseOf)
        {
            _stateFile = Path.GetFullPath(stateFile);
            Generation = generation;
            _baseOf = baseOf;
        }

        public long Generation { get; private set; }

        public static string PathOf(string stateFile, long generation)
            => Path.GetFullPath(stateFile) + ".journal." + generation.ToString(CultureInfo.InvariantCulture);

        /// <summary>Appends one acknowledged count; the bytes reach the OS before the call returns (durable across a process kill).</summary>
        public void Append(CountEntry entry)
        {
            try
            {
                if (_stream == null)
                {
                    _stream = new FileStream(PathOf(_stateFile, Generation), FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
                    if (_baseOf != null) Write(new JournalLine { Base = _baseOf() });
                }
                Write(new JournalLine { Count = entry });
                _stream.Flush();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                if (!_failed) Console.Error.WriteLine("gradient-emulator: cannot write the journal (" + e.Message + "); counts since the last save are kept only in memory.");
                _failed = true;
            }
        }

        private void Write(JournalLine line)
        {
            byte[] bytes = JsonSerializer.SerializeToUtf8Bytes(line, LineJson);
            _stream!.Write(bytes, 0, bytes.Length);
            _stream.Write(NewLine, 0, 1);
        }

        /// <summary>Starts a new generation (under the state lock, with the snapshot taken in the same breath) and returns it.</summary>
        public long Rotate()
        {
            _stream?.Dispose();
            _stream = null;
            return ++Generation;
        }

        /// <summary>After a snapshot that starts <paramref name="generation"/> is on disk: the older files are no longer needed.</summary>
        public void DeleteBefore(long generation)
        {
            _baseOf = null;
            foreach ((long gen, string path) in Files(_stateFile))
            {
                if (gen >= generation) continue;
                try { File.Delete(path); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* retried after the next save */ }
            }
        }

        /// <summary>What to replay over a snapshot that starts <paramref name="fromGeneration"/>: a base state (if the
        /// run never saved one), the counts in order, and the highest generation found.</summary>
        public static (StateDocument? Base, List<CountEntry> Counts, long LastGeneration) Read(string stateFile, long fromGeneration)
        {
            StateDocument? baseDoc = null;
            var counts = new List<CountEntry>();
            long last = fromGeneration - 1;
            foreach ((long gen, string path) in Files(Path.GetFullPath(stateFile)))
            {
                last = Math.Max(last, gen);
                if (gen < fromGeneration) continue;
                foreach (string text in ReadLines(path))
                {
                    if (text.Length == 0) continue;
                    JournalLine? line;
                    try { line = JsonSerializer.Deserialize<JournalLine>(text, LineJson); }
                    catch (JsonException) { break; } // a line torn by the kill: nothing after it was acknowledged
                    if (line?.Base != null && baseDoc == null && counts.Count == 0) baseDoc = line.Base;
                    if (line?.Count != null) counts.Add(line.Count);
                }
            }
            return (baseDoc, counts, last);
        }

        private static List<string> ReadLines(string path)
        {
            var lines = new List<string>();
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            for (string? line = reader.ReadLine(); line != null; line = reader.ReadLine()) lines.Add(line);
            return lines;
        }

        private static List<(long, string)> Files(string fullStateFile)
        {
            var found = new List<(long, string)>();
            string dir = Path.GetDirectoryName(fullStateFile) ?? ".";
            string prefix = Path.GetFileName(fullStateFile) + ".journal.";
            if (!Directory.Exists(dir)) return found;
            foreach (string path in Directory.GetFiles(dir, prefix + "*"))
            {
                string suffix = Path.GetFileName(path).Substring(prefix.Length);
                if (long.TryParse(suffix, NumberStyles.None, CultureInfo.InvariantCulture, out long gen)) found.Add((gen, path));
            }
            found.Sort((a, b) => a.Item1.CompareTo(b.Item1));
            return found;
        }

        public void Dispose()
        {
            _stream?.Dispose();
            _stream = null;
        }
    }
}
