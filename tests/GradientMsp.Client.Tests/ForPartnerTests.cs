using System;
using System.Text;
using Xunit;

namespace GradientMsp.Client.Tests
{
    /// <summary>One vendor, many partners: a client for another partner keeps everything but the partner key.</summary>
    public class ForPartnerTests
    {
        private static string Decode(GradientCredential credential) => Encoding.UTF8.GetString(Convert.FromBase64String(credential.ToToken()));

        [Fact]
        public void ForPartner_keeps_the_vendor_key_base_uri_and_options_and_swaps_the_partner_key()
        {
            var options = new GradientClientOptions { BaseUri = new Uri("https://app.usegradient.com"), RequestsPerSecond = 40, MaxRetries = 2 };
            using var first = new GradientClient(new GradientCredential("vendor-1", "partner-aaaa"), options);
            using GradientClient second = first.ForPartner(" partner-bbbb ");

            Assert.Equal("vendor-1:partner-bbbb", Decode(second.Credential));
            Assert.Equal("vendor-1:partner-aaaa", Decode(first.Credential));
            Assert.Equal(first.BaseUri, second.BaseUri);
            Assert.Equal(40, second.Options.RequestsPerSecond);
            Assert.Equal(2, second.Options.MaxRetries);
            Assert.NotSame(first.Options, second.Options);
        }

        [Fact]
        public void A_partner_session_not_asked_about_yet_is_named_by_its_key_hint_not_a_question_mark()
        {
            var options = new GradientClientOptions { BaseUri = new Uri("http://127.0.0.1:5000") };
            using var root = Session.GradientSession.Open(new GradientCredential("vendor-1", "partner-aaaa"), options);
            Session.GradientSession partner = root.ForPartner("partner-bbbb");

            Assert.Equal("partner ****bbbb @ http://127.0.0.1:5000/", partner.ToString());
            Assert.DoesNotContain("?", partner.ToString());
        }

        [Fact]
        public void IsPartnerKey_matches_only_its_own_key()
        {
            var credential = new GradientCredential("vendor-1", "partner-aaaa");
            Assert.True(credential.IsPartnerKey("partner-aaaa"));
            Assert.True(credential.IsPartnerKey(" partner-aaaa "));
            Assert.False(credential.IsPartnerKey("partner-AAAA"));
            Assert.False(credential.IsPartnerKey(null));
            Assert.Throws<ArgumentException>(() => credential.WithPartnerKey("  "));
        }
    }
}
