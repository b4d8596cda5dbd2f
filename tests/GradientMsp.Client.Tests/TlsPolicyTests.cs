using System.Net;
using System.Net.Http;
using GradientMsp.Client.Http;

namespace GradientMsp.Client.Tests
{
    public class TlsPolicyTests
    {
        private const string WindowsPowerShell = ".NET Framework 4.8.9032.0";
        private const SecurityProtocolType Tls13 = (SecurityProtocolType)12288;
        private const SecurityProtocolType Ssl3 = (SecurityProtocolType)48; // obsolete on .NET, still what powershell.exe can start with

        [Theory]
        [InlineData(".NET 8.0.11")]
        [InlineData(".NET 10.0.1")]
        [InlineData(".NET Core 3.1.32")]
        [InlineData("Mono 6.12.0.200")]
        [InlineData(null)]
        public void Leaves_modern_dotnet_alone_whatever_ServicePointManager_says(string? framework)
        {
            Assert.Equal(TlsAction.None, TlsPolicy.Decide(framework, Ssl3 | SecurityProtocolType.Tls, handlerCanSetProtocols: true));
            Assert.Equal(TlsAction.None, TlsPolicy.Decide(framework, SecurityProtocolType.SystemDefault, handlerCanSetProtocols: false));
        }

        [Theory]
        [InlineData(Ssl3 | SecurityProtocolType.Tls)] // powershell.exe without SchUseStrongCrypto
        [InlineData(SecurityProtocolType.Tls | SecurityProtocolType.Tls11)]
        [InlineData(SecurityProtocolType.SystemDefault)] // 4.7+, but Windows 7 / 2008 R2 leave TLS 1.2 off
        public void Sets_TLS12_on_the_handler_on_NET_Framework_without_it(SecurityProtocolType current)
        {
            Assert.Equal(TlsAction.HandlerTls12, TlsPolicy.Decide(WindowsPowerShell, current, handlerCanSetProtocols: true));
        }

        [Theory]
        [InlineData(SecurityProtocolType.Tls12)]
        [InlineData(SecurityProtocolType.Tls11 | SecurityProtocolType.Tls12)]
        [InlineData(Tls13)]
        public void Respects_NET_Framework_already_offering_TLS12_or_13(SecurityProtocolType current)
        {
            Assert.Equal(TlsAction.None, TlsPolicy.Decide(WindowsPowerShell, current, handlerCanSetProtocols: true));
            Assert.Equal(TlsAction.None, TlsPolicy.Decide(WindowsPowerShell, current, handlerCanSetProtocols: false));
        }

        [Fact]
        public void Falls_back_to_adding_TLS12_globally_only_when_the_handler_cannot_be_told()
        {
            Assert.Equal(TlsAction.AddTls12Globally, TlsPolicy.Decide(".NET Framework 4.6.2", Ssl3 | SecurityProtocolType.Tls, handlerCanSetProtocols: false));
        }

        [Theory]
        [InlineData(Ssl3 | SecurityProtocolType.Tls)]
        [InlineData(SecurityProtocolType.Tls11)]
        [InlineData(SecurityProtocolType.SystemDefault)]
        public void The_global_fallback_only_adds(SecurityProtocolType current)
        {
            SecurityProtocolType after = TlsPolicy.WithTls12(current);
            Assert.Equal(current, after & current); // nothing another module relies on is removed
            Assert.True(after.HasFlag(SecurityProtocolType.Tls12));
        }

#pragma warning disable SYSLIB0014 // ServicePointManager: the point is that it stays untouched
        [Fact]
        public void Apply_on_this_runtime_changes_neither_the_handler_nor_the_global()
        {
            // The test host is .NET: the decision is None, so the handler keeps the OS default and
            // ServicePointManager is untouched.
            SecurityProtocolType before = ServicePointManager.SecurityProtocol;
            using var handler = new HttpClientHandler();
            var defaultProtocols = handler.SslProtocols;
            Assert.Equal(TlsAction.None, TlsPolicy.Apply(handler));
            Assert.Equal(defaultProtocols, handler.SslProtocols);
            Assert.Equal(before, ServicePointManager.SecurityProtocol);
        }
    
#pragma warning restore SYSLIB0014
    }
}
