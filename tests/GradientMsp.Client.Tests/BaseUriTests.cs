using System;

namespace GradientMsp.Client.Tests
{
    public class BaseUriTests
    {
        [Theory]
        [InlineData("https://app.usegradient.com", "https://app.usegradient.com/")]
        [InlineData("https://app.usegradient.com/", "https://app.usegradient.com/")]
        [InlineData("https://app.usegradient.com/api", "https://app.usegradient.com/")]
        [InlineData("https://app.usegradient.com/api/", "https://app.usegradient.com/")]
        [InlineData("https://app.usegradient.com/api/vendor-api", "https://app.usegradient.com/")]
        [InlineData("https://app.usegradient.com/API/Vendor-Api/", "https://app.usegradient.com/")]
        [InlineData("https://proxy.example/gradient/api/vendor-api", "https://proxy.example/gradient/")]
        [InlineData("https://app.usegradient.com/api?x=1#frag", "https://app.usegradient.com/")]
        [InlineData("http://127.0.0.1:5000/api", "http://127.0.0.1:5000/")]
        [InlineData("http://127.8.9.10:5000", "http://127.8.9.10:5000/")]
        [InlineData("http://localhost:8080/api/vendor-api", "http://localhost:8080/")]
        [InlineData("http://[::1]:8080", "http://[::1]:8080/")]
        public void Normalises(string given, string expected)
        {
            Assert.Equal(expected, GradientClient.NormalizeBaseUri(new Uri(given)).AbsoluteUri);
        }

        [Theory]
        [InlineData("http://app.usegradient.com")]
        [InlineData("http://10.0.0.5:5000")]
        [InlineData("http://128.0.0.1")]
        [InlineData("http://localhost.evil.example")]
        public void Refuses_plain_http_to_a_remote_host(string given)
        {
            var ex = Assert.Throws<ArgumentException>(() => GradientClient.NormalizeBaseUri(new Uri(given)));
            Assert.Contains("https", ex.Message);
        }

        [Fact]
        public void Refuses_relative_and_other_schemes()
        {
            Assert.Throws<ArgumentException>(() => GradientClient.NormalizeBaseUri(new Uri("/api", UriKind.Relative)));
            Assert.Throws<ArgumentException>(() => GradientClient.NormalizeBaseUri(new Uri("ftp://app.usegradient.com")));
            Assert.Throws<ArgumentNullException>(() => GradientClient.NormalizeBaseUri(null!));
        }

        [Fact]
        public void The_client_refuses_http_at_construction()
        {
            var options = new GradientClientOptions { BaseUri = new Uri("http://app.usegradient.com") };
            Assert.Throws<ArgumentException>(() => new GradientClient(new GradientCredential("a", "b"), options));
        }

        [Fact]
        public void The_token_is_base64_of_vendor_colon_partner()
        {
            Assert.Equal("YWJjMTIzOmRlZjQ1Ng==", new GradientCredential("abc123", "def456").ToToken());
            Assert.Equal("VkVORE9SX0tFWV9FWEFNUExFOlBBUlRORVJfS0VZX0VYQU1QTEU=", new GradientCredential("VENDOR_KEY_EXAMPLE", "PARTNER_KEY_EXAMPLE").ToToken());
        }
    }
}
