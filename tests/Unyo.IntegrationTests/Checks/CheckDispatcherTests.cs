using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Unyo.Client;
using Unyo.Features.Checks;
using Unyo.Features.Checks.Probes;
using Unyo.Hosting;
using Unyo.IntegrationTests.Checks.Probes;

namespace Unyo.IntegrationTests.Checks;

// The dispatcher's limits against a target that holds every request until the test lets go: no
// more runs at once than the node allows, nor against one host than the host allows; a run that
// cannot start before its next slot is skipped (and counted why), and so is a run whose previous
// one is still going.
public sealed class CheckDispatcherTests
{
    private static readonly DateTimeOffset Start = new(2026, 5, 4, 9, 0, 0, TimeSpan.Zero);

    // Interval 10 s, timeout 9 s: a run waits at most a second for a free slot.
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task NoMoreRunsAgainstOneHostThanItsLimitAndTheRestAreSkippedAsHostBusy()
    {
        await using var target = new HoldingTarget();
        var (skipped, outcome) = await RunFiveAsync(target, concurrency: 16, perHost: 2);

        Assert.Equal(2, target.MostAtOnce);
        // Three skipped in each of the two intervals.
        Assert.Equal((6.0, 0.0), (skipped["host_busy"], skipped["node_busy"]));
        Assert.Equal(2.0, skipped["still_running"]);
        Assert.Equal([ProbeOutcome.Up, ProbeOutcome.Up], outcome);
    }

    [Fact]
    public async Task NoMoreRunsOnTheNodeThanItsLimitAndTheRestAreSkippedAsNodeBusy()
    {
        await using var target = new HoldingTarget();
        var (skipped, outcome) = await RunFiveAsync(target, concurrency: 2, perHost: 16);

        Assert.Equal(2, target.MostAtOnce);
        Assert.Equal((0.0, 6.0), (skipped["host_busy"], skipped["node_busy"]));
        Assert.Equal(2.0, skipped["still_running"]);
        Assert.Equal([ProbeOutcome.Up, ProbeOutcome.Up], outcome);
    }

    // Five checks against the target: the first interval's runs, then the next interval's while
    // the first two still hang. Returns the skips by reason this caused, and the results.
    private static async Task<(Dictionary<string, double> Skipped, List<ProbeOutcome> Outcomes)> RunFiveAsync(HoldingTarget target, int concurrency, int perHost)
    {
        var clock = new FakeTimeProvider(Start);
        // The probes' own timeouts run on the real clock: turning the dispatcher's must not end them.
        using var runner = new ProbeRunner(TimeProvider.System);
        var dispatcher = new CheckDispatcher(clock, runner, concurrency, perHost, NullLogger.Instance);
        var plans = Enumerable.Range(0, 5).Select(i => Plan($"held-{i}", target.Url)).ToList();
        var results = new List<CheckResultRecord>();
        bool Deliver(CheckResultRecord record)
        {
            lock (results)
            {
                results.Add(record);
            }
            return true;
        }
        string[] reasons = ["host_busy", "node_busy", "still_running"];
        var before = reasons.ToDictionary(r => r, Skips);

        dispatcher.Dispatch(plans, "local", clock.GetUtcNow(), ProbeKit.Loopback, Deliver, CancellationToken.None);
        clock.Advance(Interval);
        dispatcher.Dispatch(plans, "local", clock.GetUtcNow(), ProbeKit.Loopback, Deliver, CancellationToken.None);
        await WaitAsync(() => target.Waiting == 2 && Skips("host_busy") + Skips("node_busy") - before["host_busy"] - before["node_busy"] == 3);
        Assert.Equal(2, dispatcher.Running);
        clock.Advance(Interval);
        dispatcher.Dispatch(plans, "local", clock.GetUtcNow(), ProbeKit.Loopback, Deliver, CancellationToken.None);
        await WaitAsync(() => Skips("host_busy") + Skips("node_busy") - before["host_busy"] - before["node_busy"] == 6);
        // Half a second more: nothing else gets through while the two hang.
        await Task.Delay(500);
        Assert.Equal(2, target.Waiting);

        target.Release();
        await WaitAsync(() => dispatcher.Running == 0);
        return (reasons.ToDictionary(r => r, r => Skips(r) - before[r]), [.. results.Select(r => r.Result!.Outcome)]);
    }

    private static double Skips(string reason) =>
        Prometheus.Metrics.CreateCounter("unyo_check_runs_skipped_total", "Check runs skipped on this node, by reason.", "reason").WithLabels(reason).Value;

    private static CheckPlan Plan(string name, string url)
    {
        var errors = new ValidationErrors();
        var definition = CheckValidator.Validate(new CheckRequest
        {
            Name = name, Service = "svc", Type = "http", Interval = "10s", Timeout = "9s", Http = new HttpCheckRequest { Url = url },
        }, errors);
        Assert.True(errors.IsEmpty, string.Join("; ", errors.All.Select(e => $"{e.Field}: {e.Message}")));
        return new CheckPlan(Guid.NewGuid(), Guid.Empty, null, 1, Start, definition!);
    }

    private static async Task WaitAsync(Func<bool> done)
    {
        var waited = Stopwatch.StartNew();
        while (!done())
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(20), "the dispatcher did not get there in time");
            await Task.Delay(20);
        }
    }

    /// Accepts connections on 127.0.0.1 and answers none until Release; counts how many wait at once.
    private sealed class HoldingTarget : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _accepting;
        private int _waiting;
        private int _most;

        public HoldingTarget()
        {
            _listener.Start(64);
            Url = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/";
            _accepting = AcceptAsync();
        }

        public string Url { get; }

        public int Waiting => Volatile.Read(ref _waiting);

        public int MostAtOnce => Volatile.Read(ref _most);

        public void Release() => _released.TrySetResult();

        private async Task AcceptAsync()
        {
            while (true)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync(_stop.Token);
                }
                catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
                {
                    return;
                }
                _ = HoldAsync(client);
            }
        }

        private async Task HoldAsync(TcpClient client)
        {
            using var _ = client;
            var now = Interlocked.Increment(ref _waiting);
            int most;
            while (now > (most = Volatile.Read(ref _most)) && Interlocked.CompareExchange(ref _most, now, most) != most)
            {
            }
            try
            {
                await _released.Task.WaitAsync(_stop.Token);
                Interlocked.Decrement(ref _waiting);
                await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"), _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException)
            {
                // Stopping, or the probe gave up.
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            await _accepting;
            _stop.Dispose();
        }
    }
}
