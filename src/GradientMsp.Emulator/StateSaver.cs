using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;

namespace GradientMsp.Emulator
{
    /// <summary>Writes the state to --state-file when it changed (debounced) and once more on shutdown.
    /// Atomic: a temp file in the same folder, then a rename over the old file. Counts acknowledged
    /// in between are in the journal (<see cref="StateJournal"/>). A save that fails (the path became
    /// a folder, the disk is full) is reported on stderr and retried on the next tick: it never ends
    /// the process, which still holds the state.</summary>
    internal sealed class StateSaver : BackgroundService
    {
        private readonly EmulatorRuntime _rt;
        private long _savedVersion = -1;
        private readonly object _saveGate = new object();

        public StateSaver(EmulatorRuntime rt) => _rt = rt;

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            int delay = Math.Max(10, _rt.Options.SaveDebounceMs);
            try
            {
                while (!stoppingToken.IsCancellationRequested)
                {
                    await Task.Delay(delay, stoppingToken);
                    SaveIfChanged();
                }
            }
            catch (OperationCanceledException)
            {
                // stopping
            }
        }

        public override async Task StopAsync(CancellationToken cancellationToken)
        {
            await base.StopAsync(cancellationToken);
            SaveIfChanged();
            _rt.State.Journal?.Dispose();
        }

        /// <summary>Saves when the state moved; false (and a line on stderr) when the save failed.</summary>
        public bool SaveIfChanged()
        {
            string path = _rt.Options.StateFile!;
            lock (_saveGate)
            {
                if (_rt.State.Version == _savedVersion) return true;
                byte[] json = _rt.State.Serialize(out long version, out long journalGeneration);
                try
                {
                    Save(path, json);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    if (!_reported) Console.Error.WriteLine("gradient-emulator: cannot save the state file '" + path + "': " + e.Message + " (retrying; acknowledged counts are in the journal).");
                    _reported = true;
                    return false;
                }
                _reported = false;
                _savedVersion = version;
                _rt.State.Journal?.DeleteBefore(journalGeneration);
                return true;
            }
        }

        private bool _reported;

        internal static void Save(string path, byte[] json)
        {
            string full = Path.GetFullPath(path);
            string dir = Path.GetDirectoryName(full) ?? ".";
            Directory.CreateDirectory(dir);
            string temp = Path.Combine(dir, "." + Path.GetFileName(full) + "." + Environment.ProcessId + ".tmp");
            using (var fs = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                fs.Write(json, 0, json.Length);
                fs.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
    }
}
