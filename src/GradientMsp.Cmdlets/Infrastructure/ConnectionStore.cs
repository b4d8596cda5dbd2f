namespace GradientMsp.Commands
{
    /// <summary>
    /// The runspace's connections; the default is the last one made. Closed connections are removed
    /// by whoever closes them (Disconnect-GradientIntegration, Stop-GradientEmulator, module removal).
    /// </summary>
    internal static class ConnectionStore
    {
        private static readonly RunspaceStore<GradientConnection> Store = new RunspaceStore<GradientConnection>();

        public static RunspaceItems<GradientConnection> ForCurrentRunspace() => Store.ForCurrentRunspace();
    }
}
