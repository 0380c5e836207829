using System.Globalization;
using System.Net;
using Microsoft.Extensions.Time.Testing;
using Unyo.Client;
using Unyo.Features.Checks;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Checks;

// State changes are published to alerting; those under a maintenance window say so, and a window
// can name a check only if the check exists.
public sealed class CheckMaintenanceTests(Servers servers)
{
    [Theory, DatabaseData]
    public async Task ChangesDuringAWindowAreMarkedAndPublishedAsPlanned(string provider)
    {
        var clock = new FakeTimeProvider(CheckKit.Start);
        var heard = new Heard();
        var app = await CheckKit.ServerAsync(servers, provider, clock, heard);
        using var admin = app.Admin();
        var (team, service) = await CheckKit.ServiceAsync(admin);
        var name = Names.Unique("batch");
        var check = await (await admin.PostJsonAsync("api/v1/checks", new CheckRequest
        {
            Name = name, Service = service, Type = "heartbeat", Heartbeat = new HeartbeatCheckRequest { Period = "1h" },
        })).ReadAsync<CheckResponse>(HttpStatusCode.Created);
        using var job = app.Client();
        (await job.GetAsync(check.PingUrl)).EnsureSuccessStatusCode();
        await CheckKit.FlushAsync(app);

        var window = await admin.PostJsonAsync("api/v1/maintenance-windows", new MaintenanceWindowRequest
        {
            Name = Names.Unique("patch"), Team = team, Title = "Patch day", Checks = [name],
            Schedule = new() { Start = Instant(clock.GetUtcNow().AddMinutes(10)), End = Instant(clock.GetUtcNow().AddMinutes(70)) },
        });
        var unknown = await (await admin.PostJsonAsync("api/v1/maintenance-windows", new MaintenanceWindowRequest
        {
            Name = Names.Unique("patch"), Team = team, Title = "Patch day", Checks = [Names.Unique("no-such-check")],
            Schedule = new() { Start = Instant(clock.GetUtcNow().AddMinutes(10)), End = Instant(clock.GetUtcNow().AddMinutes(70)) },
        })).ProblemAsync(HttpStatusCode.BadRequest);
        clock.Advance(TimeSpan.FromMinutes(20));
        (await job.GetAsync($"{check.PingUrl}/fail")).EnsureSuccessStatusCode();
        await CheckKit.FlushAsync(app);
        clock.Advance(TimeSpan.FromMinutes(60));
        (await job.GetAsync(check.PingUrl)).EnsureSuccessStatusCode();
        await CheckKit.FlushAsync(app);

        Assert.Equal(HttpStatusCode.Created, window.StatusCode);
        Assert.Contains(unknown, e => e.Key.StartsWith("checks", StringComparison.Ordinal));
        var history = await (await admin.GetAsync($"api/v1/checks/{name}/history")).ReadAsync<List<CheckStateChangeResponse>>(HttpStatusCode.OK);
        Assert.Equal(["down→up False", "up→down True", "pending→up False"], history.Select(h => $"{h.From}→{h.To} {h.InMaintenance}"));
        Assert.Equal(
            [$"{name} Pending→Up False", $"{name} Up→Down True", $"{name} Down→Up False"],
            heard.Changes.Select(c => $"{c.Check} {c.From}→{c.To} {c.InMaintenance}"));
        Assert.All(heard.Changes, c => Assert.Equal(service, c.Service));
    }

    private static string Instant(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private sealed class Heard : ICheckStateObserver
    {
        public List<CheckStateChanged> Changes { get; } = [];

        public Task OnChangedAsync(IReadOnlyList<CheckStateChanged> changes, CancellationToken cancellationToken)
        {
            lock (Changes)
            {
                Changes.AddRange(changes);
            }
            return Task.CompletedTask;
        }
    }
}
