using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GradientMsp.Client.Usage;

namespace GradientMsp.Client.Tests
{
    /// <summary>Inputs that can never succeed get a typed, stable failure (issue 12 item 7), and nothing is sent.</summary>
    public class BadInputTests : IDisposable
    {
        private readonly TestRig _rig = new TestRig(o => o.MaxRetries = 5);

        public void Dispose() => _rig.Dispose();

        [Fact]
        public async Task A_ServiceId_of_dots_is_an_Invalid_row_not_a_Failed_one()
        {
            _rig.Handler.Answer(201, "{}");
            using var engine = new UsageSyncEngine(_rig.Client);
            var results = new List<UsageResult>();
            foreach (string id in new[] { "..", ".", " .. " })
            {
                await engine.AddAsync(new UsageRow { Index = results.Count, AccountId = "a", ServiceId = id, UnitCount = 1 }, CancellationToken.None);
                results.AddRange(engine.TakeCompleted());
            }
            var summary = await engine.CompleteAsync(CancellationToken.None);
            results.AddRange(engine.TakeCompleted());

            Assert.Equal(3, results.Count);
            Assert.All(results, r => Assert.Equal(UsageOutcome.Invalid, r.Outcome));
            Assert.All(results, r => Assert.Contains("only dots", r.Reason));
            Assert.Equal(3, summary.Invalid);
            Assert.Equal(0, summary.Failed);
            Assert.Equal(0, _rig.Handler.Count);
        }

        [Theory]
        [InlineData(413)]
        [InlineData(414)]
        [InlineData(431)]
        public async Task Too_large_is_its_own_kind_and_never_retried(int status)
        {
            _rig.Handler.Answer(status, "{\"message\":\"request entity too large\"}");

            var ex = await Assert.ThrowsAsync<GradientApiException>(() => _rig.Client.GetVendorAsync());

            Assert.Equal(GradientErrorKind.TooLarge, ex.Kind);
            Assert.Equal(1, _rig.Handler.Count);
            Assert.Equal(1, ex.Attempts);
        }

        [Fact]
        public async Task A_large_body_whose_connection_is_cut_while_sending_is_too_large_not_a_network_fault()
        {
            // Kestrel (and most servers) answer 413 and close while the client still sends: the client sees a reset.
            _rig.Handler.Responder = (r, ct) => throw new System.Net.Http.HttpRequestException("Error while copying content to a stream.", new System.IO.IOException("Broken pipe"));
            string description = new string('d', 2 * 1024 * 1024);

            var ex = await Assert.ThrowsAsync<GradientApiException>(() =>
                _rig.Client.CreateAccountsAsync(new[] { new Models.NewAccount { Id = "a1", Name = "A", Description = description } }));

            Assert.Equal(GradientErrorKind.TooLarge, ex.Kind);
            Assert.Equal(1, _rig.Handler.Count); // not retried, and no lookup: the body never arrived whole
            Assert.Contains("413", ex.Message);
            Assert.False(ex.OutcomeUnknown);
        }

        [Fact]
        public void A_key_far_longer_than_any_Gradient_key_is_refused_without_echoing_it()
        {
            string huge = new string('k', 1024 * 1024);
            var vendor = Assert.Throws<ArgumentException>(() => new GradientCredential(huge, "pk"));
            Assert.Equal("vendorKey", vendor.ParamName);
            Assert.Contains("1048576 characters", vendor.Message);
            Assert.DoesNotContain("kkkk", vendor.Message);
            var partner = Assert.Throws<ArgumentException>(() => new GradientCredential("vk", huge));
            Assert.Equal("partnerKey", partner.ParamName);
            // A key of the usual size still works.
            Assert.NotNull(new GradientCredential(new string('a', 64), new string('b', 64)));
        }
    }
}
