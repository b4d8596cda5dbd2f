namespace GradientMsp.Contracts
{
    /// <summary>What the emulator process and the code that starts and drives it agree on (docs/emulator.md).</summary>
    public static class EmulatorContract
    {
        /// <summary>
        /// The emulator's first stdout line starts with this, followed by one JSON object (baseUri,
        /// apiBaseUri, keys, organizationId, token). The launcher waits for it instead of polling a port.
        /// </summary>
        public const string ReadyPrefix = "GRADIENT_EMULATOR_READY ";

        /// <summary>The control API (the partner's side and the test hooks), relative to the host root.</summary>
        public const string ControlPrefix = "/_emulator";

        /// <summary>The file the emulator is started from (dotnet &lt;this&gt;).</summary>
        public const string DllName = "GradientMsp.Emulator.dll";

        /// <summary>The organization id the control API reads as "the seeded partner".</summary>
        public const string DefaultOrganization = "default";
    }
}
