using System;
using System.Net;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Authentication;

namespace GradientMsp.Client.Http
{
    /// <summary>What the client does so that its connections can offer TLS 1.2.</summary>
    public enum TlsAction
    {
        /// <summary>Nothing: the runtime already offers TLS 1.2 (every .NET, or .NET Framework told to).</summary>
        None,
        /// <summary>Set this client's own handler to TLS 1.2; nothing global changes.</summary>
        HandlerTls12,
        /// <summary>The handler cannot be told (.NET Framework before 4.7.1): OR Tls12 into ServicePointManager, removing nothing.</summary>
        AddTls12Globally,
    }

    /// <summary>
    /// Windows PowerShell 5.1 runs on .NET Framework, whose HTTP stack offers only what
    /// ServicePointManager.SecurityProtocol says. There, powershell.exe often starts with Ssl3|Tls, and
    /// SystemDefault on an older Windows means no TLS 1.2 either: the "underlying connection was
    /// closed" failure. The fix is per handler, so other modules in the same session keep whatever
    /// protocols they rely on; only where a handler cannot be told does it touch the global, and then
    /// only by adding Tls12. See docs/windows-powershell.md ("TLS").
    /// </summary>
    public static class TlsPolicy
    {
        /// <summary>
        /// The decision, pure. <paramref name="frameworkDescription"/> is
        /// RuntimeInformation.FrameworkDescription; <paramref name="current"/> is
        /// ServicePointManager.SecurityProtocol; <paramref name="handlerCanSetProtocols"/> is false where
        /// HttpClientHandler.SslProtocols is missing (.NET Framework before 4.7.1).
        /// </summary>
        public static TlsAction Decide(string? frameworkDescription, SecurityProtocolType current, bool handlerCanSetProtocols)
        {
            // .NET (Core) ignores ServicePointManager for HttpClient and lets the OS offer TLS 1.2/1.3.
            if (!IsNetFramework(frameworkDescription))
            {
                return TlsAction.None;
            }

            // Told explicitly to offer TLS 1.2 (or 1.3): respect the machine's or the user's choice.
            // SystemDefault (0) is not enough: on Windows 7 / 2008 R2 it leaves TLS 1.2 off.
            if ((current & (SecurityProtocolType.Tls12 | Tls13)) != 0)
            {
                return TlsAction.None;
            }

            return handlerCanSetProtocols ? TlsAction.HandlerTls12 : TlsAction.AddTls12Globally;
        }

        /// <summary>The global value after <see cref="TlsAction.AddTls12Globally"/>: the current protocols plus Tls12, none removed.</summary>
        public static SecurityProtocolType WithTls12(SecurityProtocolType current) => current | SecurityProtocolType.Tls12;

        /// <summary>True for ".NET Framework 4.x" descriptions (Windows PowerShell). Mono says "Mono ..." and has its own TLS stack.</summary>
        public static bool IsNetFramework(string? frameworkDescription) =>
            frameworkDescription != null && frameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);

        /// <summary>Applies the decision to a handler this client owns, on the running framework.</summary>
        public static TlsAction Apply(HttpClientHandler handler)
        {
            if (handler == null) throw new ArgumentNullException(nameof(handler));
            TlsAction action = Decide(RuntimeInformation.FrameworkDescription, ServicePointManager.SecurityProtocol, handlerCanSetProtocols: true);
            if (action == TlsAction.HandlerTls12 && !TrySetTls12(handler))
            {
                action = Decide(RuntimeInformation.FrameworkDescription, ServicePointManager.SecurityProtocol, handlerCanSetProtocols: false);
            }

            if (action == TlsAction.AddTls12Globally)
            {
                ServicePointManager.SecurityProtocol = WithTls12(ServicePointManager.SecurityProtocol);
            }

            return action;
        }

        // Its own method so that a framework without the property fails here (MissingMethodException
        // when this is compiled), not in the caller.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void SetTls12(HttpClientHandler handler) => handler.SslProtocols = SslProtocols.Tls12;

        private static bool TrySetTls12(HttpClientHandler handler)
        {
            try
            {
                SetTls12(handler);
                return true;
            }
            catch (Exception exception) when (exception is PlatformNotSupportedException || exception is MissingMethodException || exception is NotSupportedException)
            {
                return false;
            }
        }

        // SecurityProtocolType.Tls13 (12288) is not in netstandard2.0's enum.
        private const SecurityProtocolType Tls13 = (SecurityProtocolType)12288;
    }
}
