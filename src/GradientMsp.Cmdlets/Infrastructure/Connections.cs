using System;
using GradientMsp.Client;
using GradientMsp.Client.Session;

namespace GradientMsp.Commands
{
    /// <summary>
    /// What every command that opens a connection shares (Connect-GradientIntegration and
    /// Start-GradientEmulator -Connect): the client options and putting the session in the store.
    /// The connecting itself is <see cref="GradientSession"/>'s.
    /// </summary>
    internal static class Connections
    {
        public const double DefaultRequestsPerSecond = 100;
        public const int DefaultTimeoutSec = 30;
        public const int DefaultMaxRetries = 5;

        public static GradientClientOptions Options(Uri baseUri, double requestsPerSecond = DefaultRequestsPerSecond, int timeoutSec = DefaultTimeoutSec, int maxRetries = DefaultMaxRetries) => new GradientClientOptions
        {
            BaseUri = baseUri,
            RequestsPerSecond = requestsPerSecond,
            RequestTimeout = TimeSpan.FromSeconds(timeoutSec),
            MaxRetries = maxRetries,
            Log = AmbientLog.Instance,
            UserAgent = ModuleInfo.UserAgent,
        };

        /// <summary>The emulator's seeded partner, with the emulator's own test keys.</summary>
        public static GradientCredential EmulatorCredential(GradientEmulator emulator) => new GradientCredential(emulator.VendorKey, emulator.PartnerKey!);

        /// <summary>Makes the session this runspace's default connection.</summary>
        public static GradientConnection Register(GradientSession session)
        {
            var connection = new GradientConnection(session);
            ConnectionStore.ForCurrentRunspace().Add(connection);
            return connection;
        }
    }
}
