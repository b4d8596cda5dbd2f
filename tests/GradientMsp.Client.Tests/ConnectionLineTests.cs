using System;
using System.Threading.Tasks;
using GradientMsp.Client.Session;

namespace GradientMsp.Client.Tests
{
    /// <summary>The line Connect-GradientIntegration prints: what it connected to, and no key beyond the last four.</summary>
    public class ConnectionLineTests
    {
        [Fact]
        public async Task Names_organization_vendor_host_status_and_only_the_last_four_of_the_partner_key()
        {
            using var handler = new FakeHandler().Answer(200, "{\"organizationId\":\"o1\",\"name\":\"AJ AT\",\"vendorName\":\"Acme\",\"status\":\"pending\"}");
            var options = new GradientClientOptions { BaseUri = new Uri("https://app.usegradient.com"), PrimaryHandler = handler, RequestsPerSecond = 0, MaxRetries = 0 };
            using GradientSession session = GradientSession.Open(new GradientCredential("vendor-secret-1234", "partner-secret-abcd"), options);
            await session.VerifyAsync();

            string line = session.DescribeConnection();
            Assert.Equal("Connected to 'AJ AT' as vendor 'Acme' on app.usegradient.com with partner key ****abcd; integration status: pending.", line);
            Assert.DoesNotContain("secret", line);
            Assert.DoesNotContain("1234", line);
        }
    }
}
