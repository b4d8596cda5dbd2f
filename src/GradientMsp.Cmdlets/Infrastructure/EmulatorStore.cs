namespace GradientMsp.Commands
{
    /// <summary>
    /// The runspace's emulators, kept like connections; the default is the last one started that is
    /// still running, which the emulator cmdlets use without -Emulator.
    /// </summary>
    internal static class EmulatorStore
    {
        private static readonly RunspaceStore<GradientEmulator> Store = new RunspaceStore<GradientEmulator>(emulator => emulator.IsRunning);

        public static RunspaceItems<GradientEmulator> ForCurrentRunspace() => Store.ForCurrentRunspace();
    }
}
