using System.Net;
using System.Text;
using Unyo.Features.Telemetry;
using Unyo.IntegrationTests.Infrastructure;
using static Unyo.IntegrationTests.Telemetry.SliIngestKit;

namespace Unyo.IntegrationTests.Telemetry;

/// Every bad-input rule: 400 naming the field and why, and nothing of the batch counted (each
/// bad batch also holds a good event, which must not land).
public sealed class SliIngestRefusalTests(Servers servers)
{
    [Theory, DatabaseData]
    public async Task EveryBadEventRefusesTheWholeBatchNamingTheFieldAndWhy(string provider)
    {
        var app = await ServerAsync(servers, provider, "clock");
        var ratio = await SliAsync(app);
        var latency = await SliAsync(app, SliKind.Latency, thresholdMs: 250);
        var unthresholded = await SliAsync(app, SliKind.Latency);
        var good = $$"""{"sli":"{{ratio.Name}}","timestamp":"2026-03-02T10:00:00Z","ok":true}""";
        string Ev(string fields) => $$"""{"sli":"{{ratio.Name}}","timestamp":"2026-03-02T10:00:00Z",{{fields}}}""";
        var cases = new (string Body, string Field, string Text)[]
        {
            (Body(good, """{"sli":"no-such-sli","timestamp":"2026-03-02T10:00:00Z","ok":true}"""), "events[1].sli", "There is no SLI named 'no-such-sli'."),
            (Body(good, Ev("\"good\":5,\"total\":3")), "events[1].good", "is greater than total (5 > 3)."),
            (Body(good, Ev("\"good\":-1,\"total\":3")), "events[1].good", "must not be negative."),
            (Body(good, Ev("\"good\":0,\"total\":-3")), "events[1].total", "must not be negative."),
            (Body(good, Ev("\"good\":1.5,\"total\":3")), "events[1].good", "must be a whole number."),
            (Body(good, Ev("\"good\":1,\"total\":2000000000000")), "events[1].total", "must be at most 1000000000000."),
            (Body(good, Ev("\"good\":1")), "events[1].total", "is required with good."),
            (Body(good, Ev("\"total\":1")), "events[1].good", "is required with total."),
            (Body(good, $$"""{"timestamp":"2026-03-02T10:00:00Z","ok":true}"""), "events[1].sli", "is required."),
            (Body(good, $$"""{"sli":"{{ratio.Name}}","ok":true}"""), "events[1].timestamp", "is required."),
            (Body(good, $$"""{"sli":"{{ratio.Name}}","timestamp":"2026-03-02T10:00:00Z"}"""), "events[1]", "needs good and total, ok, or latencyMs."),
            (Body(good, Ev("\"ok\":true,\"good\":1,\"total\":1")), "events[1]", "has more than one of"),
            (Body(good, Ev("\"ok\":\"yes\"")), "events[1].ok", "must be true or false."),
            (Body(good, Ev("\"ok\":true,\"ok\":false")), "events[1].ok", "appears twice."),
            (Body(good, Ev("\"ok\":true,\"colour\":\"red\"")), "events[1].colour", "is not a known field."),
            (Body(good, Ev("\"latencyMs\":12")), "events[1].latencyMs", $"SLI '{ratio.Name}' is a ratio SLI"),
            (Body(good, $$"""{"sli":"{{latency.Name}}","timestamp":"2026-03-02T10:00:00Z","latencyMs":-1}"""), "events[1].latencyMs", "must be a number of milliseconds, 0 or more."),
            (Body(good, $$"""{"sli":"{{unthresholded.Name}}","timestamp":"2026-03-02T10:00:00Z","latencyMs":5}"""), "events[1].latencyMs", "has no latency threshold"),
            (Body(good, $$"""{"sli":42,"timestamp":"2026-03-02T10:00:00Z","ok":true}"""), "events[1].sli", "must be a string"),
            (Body(good, $$"""{"sli":"{{ratio.Name}}","timestamp":"2026-03-02","ok":true}"""), "events[1].timestamp", "must be an RFC 3339 timestamp"),
            (Body(good, $$"""{"sli":"{{ratio.Name}}","timestamp":"2026-03-02T10:00:00","ok":true}"""), "events[1].timestamp", "must be an RFC 3339 timestamp"),
            (Body(good, $$"""{"sli":"{{ratio.Name}}","timestamp":"2026-02-30T10:00:00Z","ok":true}"""), "events[1].timestamp", "must be an RFC 3339 timestamp"),
            (Body(good, $$"""{"sli":"{{ratio.Name}}","timestamp":1772445600,"ok":true}"""), "events[1].timestamp", "must be an RFC 3339 timestamp"),
            (Body(good, $$"""{"sli":"{{ratio.Name}}","timestamp":"2026-03-02T07:59:59Z","ok":true}"""), "events[1].timestamp", "is older than the late-data horizon (2 h before the server's clock)."),
            (Body(good, $$"""{"sli":"{{ratio.Name}}","timestamp":"2026-03-02T10:03:00Z","ok":true}"""), "events[1].timestamp", "is more than 2 min ahead of the server's clock."),
            (Body(good, "[]"), "events[1]", "must be an object."),
            ("""{"events":{}}""", "events", "must be a list of events."),
            ("{}", "events", "is required: a list of events."),
            ("""{"events":[],"extra":1}""", "extra", "is not a known field."),
            ("[]", "body", "must be a JSON object"),
            ($$"""{"events":[{{good}},{"sli":""", "events[1]", "is not valid JSON"),
        };

        foreach (var (body, field, text) in cases)
        {
            var response = await PostAsync(app.Admin(), body);
            var errors = await response.ProblemAsync(HttpStatusCode.BadRequest);
            errors.AssertField(field, text);
        }
        await FlushAsync(app);

        Assert.Empty(Minutes(app, ratio.Id));
        Assert.Empty(Minutes(app, latency.Id));
    }

    [Theory, DatabaseData]
    public async Task OversizedBatchesAreRefused(string provider)
    {
        var app = await ServerAsync(servers, provider, "clock");
        var sli = await SliAsync(app);
        var one = $$"""{"sli":"{{sli.Name}}","timestamp":"2026-03-02T10:00:00Z","ok":true}""";
        // 100,001 short events fit in 4 MiB only with a short name; here the event count decides.
        var tooMany = Body([.. Enumerable.Repeat("""{"ok":true}""", 100_001)]);
        var tooLarge = Body([.. Enumerable.Repeat(one, 60_000)]);

        var many = await PostAsync(app.Admin(), tooMany);
        // Expect: 100-continue lets the server refuse before the client sends 5 MiB into a closed socket.
        var large = await app.Admin().SendAsync(new HttpRequestMessage(HttpMethod.Post, "api/v1/sli-events")
        {
            Content = new StringContent(tooLarge, Encoding.UTF8, "application/json"),
            Headers = { ExpectContinue = true },
        });
        await FlushAsync(app);

        (await many.ProblemAsync(HttpStatusCode.BadRequest)).AssertField("events", "holds more than 100000 events: split the batch.");
        Assert.True(Encoding.UTF8.GetByteCount(tooLarge) > 4 * 1024 * 1024);
        await large.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Empty(Minutes(app, sli.Id));
    }

    [Theory, DatabaseData]
    public async Task ARefusedBatchListsItsFirstTwentyProblems(string provider)
    {
        var app = await ServerAsync(servers, provider, "clock");
        var body = Body([.. Enumerable.Range(0, 50).Select(i => $$"""{"sli":"missing-{{i}}","timestamp":"2026-03-02T10:00:00Z","ok":true}""")]);

        var response = await PostAsync(app.Admin(), body);
        var text = await response.Content.ReadAsStringAsync();
        var errors = await response.ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(20, errors.Count);
        errors.AssertField("events[19].sli", "There is no SLI named 'missing-19'.");
        Assert.Contains("50 problems, the first 20 listed", text);
    }

    [Theory, DatabaseData]
    public async Task AnythingButJsonIsRefused(string provider)
    {
        var app = await ServerAsync(servers, provider, "clock");

        var response = await app.Admin().PostAsync("api/v1/sli-events", new StringContent("sli=x", Encoding.UTF8, "text/plain"));

        await response.ProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }
}
