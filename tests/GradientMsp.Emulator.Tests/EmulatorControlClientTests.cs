using System;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using GradientMsp.Client.Emulator;
using Xunit;

namespace GradientMsp.Emulator.Tests
{
    /// <summary>
    /// The control client reports a bad answer as its own exception: the cmdlets, outside the
    /// client's load context, cannot catch a Newtonsoft exception type.
    /// </summary>
    public class EmulatorControlClientTests
    {
        private sealed class FixedAnswer : HttpMessageHandler
        {
            private readonly string _body;

            public FixedAnswer(string body) => _body = body;

            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
                Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(_body, Encoding.UTF8, "application/json") });
        }

        private static EmulatorControlClient ClientAnswering(string body) =>
            new EmulatorControlClient(new Uri("http://127.0.0.1:1/_emulator"), new HttpClient(new FixedAnswer(body)));

        [Fact]
        public async Task An_answer_that_is_not_JSON_is_an_EmulatorControlException()
        {
            var error = await Assert.ThrowsAsync<EmulatorControlException>(() => ClientAnswering("<html>proxy error</html>").GetInfoAsync());
            Assert.Contains("not JSON", error.Message);
            Assert.Contains("/info", error.Message);
        }

        [Fact]
        public async Task JSON_of_the_wrong_shape_is_an_EmulatorControlException()
        {
            var error = await Assert.ThrowsAsync<EmulatorControlException>(() => ClientAnswering("[1,2,3]").GetSettingsAsync());
            Assert.Contains("unexpected shape", error.Message);
        }
    }
}
