using System.Net;
using Unyo.Client;
using Unyo.Features.Accounts;
using Unyo.Features.Telemetry;
using Unyo.IntegrationTests.Infrastructure;
using static Unyo.IntegrationTests.Telemetry.SliIngestKit;

namespace Unyo.IntegrationTests.Telemetry;

public sealed class SliIngestTests(Servers servers)
{
    [Theory, DatabaseData]
    public async Task EachEventFormLandsInItsMinuteWithItsCounts(string provider)
    {
        var app = await ServerAsync(servers, provider, "clock");
        var ratio = await SliAsync(app);
        var latency = await SliAsync(app, SliKind.Latency, thresholdMs: 100);
        var body = Body(
            $$"""{"sli":"{{ratio.Name}}","timestamp":"2026-03-02T10:00:05Z","good":7,"total":10}""",
            $$"""{"sli":"{{ratio.Name}}","timestamp":"2026-03-02T09:59:59.999Z","ok":true}""",
            $$"""{"sli":"{{ratio.Name}}","timestamp":"2026-03-02T11:00:10+01:00","ok":false}""",
            $$"""{"timestamp":"2026-03-02T10:00:20.5Z","sli":"{{latency.Name}}","latencyMs":100}""",
            $$"""{"sli":"{{latency.Name}}","timestamp":"2026-03-02T10:00:21Z","latencyMs":99.9}""",
            $$"""{"sli":"{{latency.Name}}","timestamp":"2026-03-02T10:00:22Z","latencyMs":100.5}""",
            $$"""{"sli":"{{latency.Name}}","timestamp":"2026-03-02t09:58:00z","ok":false}""",
            $$"""{"sli":"{{latency.Name}}","timestamp":"2026-03-02T09:58:59Z","good":3,"total":3}""");

        var accepted = await (await PostAsync(app.Admin(), body)).ReadAsync<SliEventsAccepted>(HttpStatusCode.Accepted);
        await FlushAsync(app);

        Assert.Equal(8, accepted.Accepted);
        var ten = new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
        Assert.Equal(new Dictionary<DateTimeOffset, (long, long)> { [ten] = (7, 11), [ten.AddMinutes(-1)] = (1, 1) }, Minutes(app, ratio.Id));
        Assert.Equal(new Dictionary<DateTimeOffset, (long, long)> { [ten] = (2, 3), [ten.AddMinutes(-2)] = (3, 4) }, Minutes(app, latency.Id));
    }

    [Theory, DatabaseData]
    public async Task BatchesAddToMinutesAlreadyWritten(string provider)
    {
        var app = await ServerAsync(servers, provider, "clock");
        var sli = await SliAsync(app);
        var body = Body($$"""{"sli":"{{sli.Name}}","timestamp":"2026-03-02T10:00:00Z","good":1,"total":2}""");

        for (var i = 0; i < 3; i++)
        {
            (await PostAsync(app.Admin(), body)).EnsureSuccessStatusCode();
            await FlushAsync(app);
        }

        Assert.Equal((3, 6), Minutes(app, sli.Id)[new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero)]);
    }

    [Theory, DatabaseData]
    public async Task AnSliCreatedAfterTheCacheWasFilledIsAccepted(string provider)
    {
        var app = await ServerAsync(servers, provider, "clock");
        var first = await SliAsync(app);
        (await PostAsync(app.Admin(), Body($$"""{"sli":"{{first.Name}}","timestamp":"2026-03-02T10:00:00Z","ok":true}"""))).EnsureSuccessStatusCode();

        var created = await SliAsync(app);
        var response = await PostAsync(app.Admin(), Body($$"""{"sli":"{{created.Name}}","timestamp":"2026-03-02T10:00:00Z","ok":true}"""));
        await FlushAsync(app);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal((1, 1), Minutes(app, created.Id).Single().Value);
    }

    [Theory, DatabaseData]
    public async Task AnIngestTokenSendsEventsAndAReadTokenOrViewerCannot(string provider)
    {
        var app = await ServerAsync(servers, provider, "clock");
        var sli = await SliAsync(app);
        var member = await app.CreateUserAsync(OrgRole.Member);
        var viewer = await app.CreateUserAsync(OrgRole.Viewer);
        async Task<string> Token(string asToken, string scope) =>
            (await (await app.Client(asToken).PostJsonAsync("api/v1/tokens", new CreateTokenRequest { Name = "collector", Scope = scope })).ReadAsync<CreatedTokenResponse>(HttpStatusCode.Created)).Token;
        var body = Body($$"""{"sli":"{{sli.Name}}","timestamp":"2026-03-02T10:00:00Z","ok":true}""");

        var ingest = await PostAsync(app.Client(await Token(member.Token, "ingest")), body);
        var read = await PostAsync(app.Client(await Token(member.Token, "read")), body);
        var ofViewer = await PostAsync(app.Client(viewer.Token), body);
        var stranger = await PostAsync(app.Client(), body);
        await FlushAsync(app);

        Assert.Equal(HttpStatusCode.Accepted, ingest.StatusCode);
        await read.ProblemAsync(HttpStatusCode.Forbidden);
        await ofViewer.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Unauthorized, stranger.StatusCode);
        Assert.Equal((1, 1), Minutes(app, sli.Id).Single().Value);
    }

    [Theory, DatabaseData]
    public async Task TheLateHorizonAndTheFutureSkewBoundTimestamps(string provider)
    {
        // A horizon of 30 minutes instead of the default 2 h, so the setting is proven too.
        var app = await ServerAsync(servers, provider, "horizon", new Dictionary<string, string> { ["UNYO_SLI_LATE_HORIZON"] = "30" });
        var sli = await SliAsync(app);
        string Event(DateTimeOffset at) => $$"""{"sli":"{{sli.Name}}","timestamp":"{{at.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}}","ok":true}""";

        var oldest = await PostAsync(app.Admin(), Body(Event(Now.AddMinutes(-30)), Event(Now.AddMinutes(2))));
        var tooOld = await PostAsync(app.Admin(), Body(Event(Now.AddMinutes(-30).AddMilliseconds(-1))));
        var tooNew = await PostAsync(app.Admin(), Body(Event(Now), Event(Now.AddMinutes(2).AddMilliseconds(1))));
        await FlushAsync(app);

        Assert.Equal(HttpStatusCode.Accepted, oldest.StatusCode);
        (await tooOld.ProblemAsync(HttpStatusCode.BadRequest)).AssertField("events[0].timestamp", "is older than the late-data horizon (30 min");
        (await tooNew.ProblemAsync(HttpStatusCode.BadRequest)).AssertField("events[1].timestamp", "is more than 2 min ahead of the server's clock");
        var minutes = Minutes(app, sli.Id);
        Assert.Equal(2, minutes.Count);
        Assert.Equal((1, 1), minutes[new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.Zero)]);
        Assert.Equal((1, 1), minutes[new DateTimeOffset(2026, 3, 2, 10, 2, 0, TimeSpan.Zero)]);
    }
}
