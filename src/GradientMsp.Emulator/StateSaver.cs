using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;

namespace GradientMsp.Emulator
{
    /// <summary>Writes the state to --state-file when it changed (debounced) and once more on shutdown.
    /// Atomic: a temp file in the same folder, then a rename over the old file.</summary>
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
        }

        public void SaveIfChanged()
        {
            string path = _rt.Options.StateFile!;
            lock (_saveGate)
            {
                if (_rt.State.Version == _savedVersion) return;
                byte[] json = _rt.State.Serialize(out long version);
                Save(path, json);
                _savedVersion = version;
            }
        }

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
