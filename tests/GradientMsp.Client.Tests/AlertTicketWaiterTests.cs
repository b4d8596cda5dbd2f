using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GradientMsp.Client.Session;

namespace GradientMsp.Client.Tests
{
    /// <summary>Polling for an alert's ticket on fake time: no test sleeps for the poll interval.</summary>
    public class AlertTicketWaiterTests : IDisposable
    {
        private readonly TestRig _rig = new TestRig();

        public void Dispose() => _rig.Dispose();

        private AlertTicketWaiter Waiter(int timeoutSec = 10, int intervalSec = 2)
            => new AlertTicketWaiter(_rig.Client, TimeSpan.FromSeconds(timeoutSec), TimeSpan.FromSeconds(intervalSec), _rig.Time);

        /// <summary>Answers the debug route from a script: one entry per poll, the last one repeated.</summary>
        private void Script(params (int Status, string Json)[] answers)
        {
            int poll = 0;
            _rig.Handler.Answer(r =>
            {
                var (status, json) = answers[Math.Min(poll++, answers.Length - 1)];
                return Http.Json(status, json);
            });
        }

        [Fact]
        public async Task A_settled_ticket_ends_the_wait_after_one_check()
        {
            Script((200, "{\"status\":\"success\",\"ticketId\":\"T-1\"}"));
            AlertTicketWaitResult result = await Waiter().WaitAsync("m-1");

            Assert.False(result.TimedOut);
            Assert.Equal("T-1", result.Ticket!.TicketId);
            Assert.Equal("/api/vendor-api/alerting/debug/m-1", _rig.Handler.Single().Path);
        }

        [Fact]
        public async Task It_polls_at_the_interval_through_not_found_and_pending_until_failed()
        {
            Script((404, "{\"message\":\"no such message\"}"), (200, "{\"status\":\"pending\"}"), (200, "{\"status\":\"failed\",\"errors\":[\"x\"]}"));
            var seen = new List<string>();
            Task<AlertTicketWaitResult> wait = Waiter().WaitAsync("m-2", s => { lock (seen) seen.Add(s.LastSeen); });
            AlertTicketWaitResult result = await Drive.UntilDone(_rig.Time, wait, TimeSpan.FromMilliseconds(500));

            Assert.Equal("failed", result.Ticket!.Status);
            Assert.Equal(new[] { "not found yet", "pending" }, seen);
            DateTimeOffset[] at = _rig.Handler.Requests.Select(r => r.At).ToArray();
            Assert.Equal(3, at.Length);
            Assert.Equal(TimeSpan.FromSeconds(2), at[1] - at[0]);
            Assert.Equal(TimeSpan.FromSeconds(2), at[2] - at[1]);
        }

        [Fact]
        public async Task It_times_out_on_time_with_the_last_status_seen()
        {
            Script((200, "{\"status\":\"pending\"}"));
            Task<AlertTicketWaitResult> wait = Waiter(timeoutSec: 5, intervalSec: 2).WaitAsync("m-3");
            AlertTicketWaitResult result = await Drive.UntilDone(_rig.Time, wait, TimeSpan.FromMilliseconds(250));

            Assert.True(result.TimedOut);
            Assert.Equal("pending", result.Status.LastSeen);
            Assert.Equal(TimeSpan.FromSeconds(5), result.Status.Elapsed);
            // Checks at 0, 2, 4 and a last one at 5 s (the final pause is cut to the time left).
            Assert.Equal(4, _rig.Handler.Count);
        }

        [Fact]
        public async Task Another_api_error_ends_the_wait()
        {
            Script((403, "{\"message\":\"forbidden\"}"));
            var error = await Assert.ThrowsAsync<GradientApiException>(() => Waiter().WaitAsync("m-4"));
            Assert.Equal(GradientErrorKind.Forbidden, error.Kind);
        }

        [Fact]
        public async Task Cancelling_ends_a_wait_mid_pause()
        {
            Script((200, "{\"status\":\"pending\"}"));
            using var stop = new CancellationTokenSource();
            Task<AlertTicketWaitResult> wait = Waiter(timeoutSec: 600).WaitAsync("m-5", _ => stop.Cancel(), stop.Token);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
            Assert.Equal(1, _rig.Handler.Count);
        }
    }
}
