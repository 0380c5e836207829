using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Unyo.Client;
using Unyo.Features.Accounts;
using Unyo.Features.Telemetry.Otlp;
using Unyo.Hosting;
using Unyo.IntegrationTests.Infrastructure;
using Unyo.Tests.Telemetry;
using static Unyo.IntegrationTests.Telemetry.OtlpKit;

namespace Unyo.IntegrationTests.Telemetry;

public sealed class OtlpIngestTests(Servers servers)
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 30, TimeSpan.Zero);
    private static readonly DateTimeOffset Ten = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    private static Dictionary<DateTimeOffset, (long Good, long Total)> Minutes(UnyoApp app, Guid sli) => SliIngestKit.Minutes(app, sli);

    [Theory, DatabaseData]
    public async Task DeltaAndCumulativeCountersSelectedByAttributesLandInTheirMinutes(string provider)
    {
        var app = await ServerAsync(servers, provider, "clock", Now);
        var metric = Names.Unique("requests");
        var service = Names.Unique("checkout");
        var only = new Dictionary<string, string> { ["service.name"] = service };
        var sli = await SliAsync(app, new(Select(metric, only, new() { ["code"] = ["5*"] }), Select(metric, only), null));
        var start = Now.AddMinutes(-5);

        var delta = await PostJsonAsync(app.Admin(), Request(service, Counter(metric, 1, Point(Ten.AddSeconds(-60), Ten.AddSeconds(-50), 7, "200"), Point(Ten.AddSeconds(-60), Ten.AddSeconds(-40), 3, "503"))));
        var otherService = await PostJsonAsync(app.Admin(), Request("someone-else", Counter(metric, 1, Point(Ten.AddSeconds(-60), Ten.AddSeconds(-40), 1000, "200"))));
        var first = await PostJsonAsync(app.Admin(), Request(service, Counter(metric, 2, Point(start, Ten, 10, "200"), Point(start, Ten, 2, "500"))), gzip: true);
        var second = await PostJsonAsync(app.Admin(), Request(service, Counter(metric, 2, Point(start, Ten.AddSeconds(20), 15, "200"), Point(start, Ten.AddSeconds(20), 2, "500"))), gzip: true);
        await FlushAsync(app);

        foreach (var response in new[] { delta, otherService, first, second })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("{}", await response.Content.ReadAsStringAsync());
        }
        Assert.Equal(new Dictionary<DateTimeOffset, (long, long)> { [Ten.AddMinutes(-1)] = (7, 10), [Ten] = (15, 17) }, Minutes(app, sli.Id));
        Assert.Equal(2, Series(app, sli.Id));
        Assert.Null(Status(app, sli.Id)!.CurrentError);
        Assert.NotNull(Status(app, sli.Id)!.LastDataAt);
    }

    [Theory, DatabaseData]
    public async Task PointsOutsideTheHorizonAreAPartialSuccessInProtobufAndASourceError(string provider)
    {
        var app = await ServerAsync(servers, provider, "clock", Now);
        var metric = Names.Unique("requests");
        var sli = await SliAsync(app, new(Select(metric), Select(metric), null));
        var old = OtlpValues.UnixNano(Now.AddHours(-3));
        var body = Proto.Request(Proto.Resource([], Proto.Sum(metric, 1, true,
            Proto.IntPoint(old, old, 5), Proto.IntPoint(OtlpValues.UnixNano(Ten), OtlpValues.UnixNano(Ten), 4)))).ToArray();

        var response = await PostAsync(app.Admin(), body, "application/x-protobuf");
        await FlushAsync(app);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-protobuf", response.Content.Headers.ContentType?.MediaType);
        var (rejected, message) = PartialSuccess(await response.Content.ReadAsByteArrayAsync());
        var reason = $"metric '{metric}' has points older than the late-data horizon (2 h before the server's clock)";
        Assert.Equal((1L, $"1 data point was not used: 1 × {reason}"), (rejected, message));
        Assert.Equal(new Dictionary<DateTimeOffset, (long, long)> { [Ten] = (4, 4) }, Minutes(app, sli.Id));
        Assert.Equal(reason, Status(app, sli.Id)!.CurrentError);
    }

    [Theory, DatabaseData]
    public async Task MalformedPayloadsAreRefusedInTheirEncodingAndNothingIsWritten(string provider)
    {
        var app = await ServerAsync(servers, provider, "clock", Now);
        var metric = Names.Unique("requests");
        var sli = await SliAsync(app, new(Select(metric), Select(metric), null));
        var time = OtlpValues.UnixNano(Ten);
        var valid = Proto.Request(Proto.Resource([], Proto.Sum(metric, 1, true, Proto.IntPoint(time, time, 5)))).ToArray();
        var wrongWireType = Proto.Request(Proto.Resource([], Proto.Sum(metric, 1, true, new Proto().Fixed64(3, time).Varint(6, 5)))).ToArray();
        var goodThenBad = Proto.Request(Proto.Resource([], Proto.Sum(metric, 1, true, Proto.IntPoint(time, time, 5), new Proto().Tag(3, 1)))).ToArray();

        var truncated = await PostAsync(app.Admin(), valid[..^3], "application/x-protobuf");
        var wrong = await PostAsync(app.Admin(), wrongWireType, "application/x-protobuf");
        var half = await PostAsync(app.Admin(), goodThenBad, "application/x-protobuf");
        var badJson = await PostJsonAsync(app.Admin(), """{"resourceMetrics":[{"scopeMetrics":[}]}""");
        var wrongJsonType = await PostJsonAsync(app.Admin(), Request("svc", Counter(metric, 1, """{"timeUnixNano":"soon","asInt":"1"}""")));
        var badGzip = await SendAsync(app, "application/json", "gzip", [0x1f, 0x8b, 1, 2, 3]);
        var text = await SendAsync(app, "text/plain", null, valid);
        var brotli = await SendAsync(app, "application/x-protobuf", "br", valid);
        await FlushAsync(app);

        Assert.StartsWith("The body is not a valid protobuf ExportMetricsServiceRequest: resourceMetrics[0]: field 1 says it is", await StatusAsync(truncated, HttpStatusCode.BadRequest, protobuf: true));
        Assert.Equal("The body is not a valid protobuf ExportMetricsServiceRequest: resourceMetrics[0].scopeMetrics[0].metrics[0].sum.dataPoints[0]: field 6 has wire type 0 where 1 (fixed64) was expected. Nothing of it was used.",
            await StatusAsync(wrong, HttpStatusCode.BadRequest, protobuf: true));
        Assert.StartsWith("The body is not a valid protobuf ExportMetricsServiceRequest: resourceMetrics[0].scopeMetrics[0].metrics[0].sum.dataPoints[1]: field 3 needs 8 bytes", await StatusAsync(half, HttpStatusCode.BadRequest, protobuf: true));
        Assert.StartsWith("The body is not a valid JSON ExportMetricsServiceRequest: is not valid JSON (line 1", await StatusAsync(badJson, HttpStatusCode.BadRequest, protobuf: false));
        Assert.Equal("The body is not a valid JSON ExportMetricsServiceRequest: resourceMetrics[0].scopeMetrics[0].metrics[0].sum.dataPoints[0].timeUnixNano: must be a whole number of 0 or more (a string or a number). Nothing of it was used.",
            await StatusAsync(wrongJsonType, HttpStatusCode.BadRequest, protobuf: false));
        Assert.Equal("The body is not valid gzip although Content-Encoding says gzip.", await StatusAsync(badGzip, HttpStatusCode.BadRequest, protobuf: false));
        Assert.Equal("Content-Type 'text/plain' is not an OTLP encoding: send application/x-protobuf or application/json.", await StatusAsync(text, HttpStatusCode.UnsupportedMediaType, protobuf: false));
        Assert.Equal("Content-Encoding 'br' is not supported: send the body as is or gzip-compressed.", await StatusAsync(brotli, HttpStatusCode.UnsupportedMediaType, protobuf: true));
        Assert.Empty(Minutes(app, sli.Id));
        Assert.Equal(0, Series(app, sli.Id));
    }

    [Theory, DatabaseData]
    public async Task BodiesOverTheLimitAreRefusedBeforeAndAfterGzip(string provider)
    {
        var app = await ServerAsync(servers, provider, "limit", Now, new Dictionary<string, string> { ["UNYO_OTLP_MAX_BYTES"] = "65536" });
        var metric = Names.Unique("requests");
        var sli = await SliAsync(app, new(Select(metric), Select(metric), null));
        var time = OtlpValues.UnixNano(Ten);
        // Padding in an unknown field keeps the request valid: only its size is wrong.
        byte[] Padded(int size) => Proto.Request(Proto.Resource([], Proto.Sum(metric, 1, true, Proto.IntPoint(time, time, 5)))).Bytes(15, new byte[size]).ToArray();

        var large = await PostAsync(app.Admin(), Padded(70_000), "application/x-protobuf");
        var bomb = await PostAsync(app.Admin(), Padded(1_000_000), "application/x-protobuf", gzip: true);
        var fits = await PostAsync(app.Admin(), Padded(60_000), "application/x-protobuf", gzip: true);
        await FlushAsync(app);

        Assert.Equal("The request body is over 65536 bytes (UNYO_OTLP_MAX_BYTES): export smaller batches (the SDK's or the Collector's batch size).", await StatusAsync(large, HttpStatusCode.RequestEntityTooLarge, protobuf: true));
        Assert.Equal("The request body is over 65536 bytes after gzip is undone (UNYO_OTLP_MAX_BYTES): export smaller batches (the SDK's or the Collector's batch size).", await StatusAsync(bomb, HttpStatusCode.RequestEntityTooLarge, protobuf: true));
        Assert.Equal(HttpStatusCode.OK, fits.StatusCode);
        Assert.Equal(new Dictionary<DateTimeOffset, (long, long)> { [Ten] = (5, 5) }, Minutes(app, sli.Id));
    }

    [Theory, DatabaseData]
    public async Task ALatencyThresholdOffTheBucketBoundsUsesNothingAndSaysWhichBoundsThereAre(string provider)
    {
        var app = await ServerAsync(servers, provider, "clock", Now);
        var metric = Names.Unique("duration");
        var off = await SliAsync(app, new(null, null, Select(metric)), thresholdMs: 250);
        var on = await SliAsync(app, new(null, null, Select(metric)), thresholdMs: 300);
        var histogram = $$$"""{"name":"{{{metric}}}","unit":"ms","histogram":{"aggregationTemporality":1,"dataPoints":[{"startTimeUnixNano":"{{{Nanos(Ten)}}}","timeUnixNano":"{{{Nanos(Ten)}}}","count":"10","bucketCounts":["6","3","1"],"explicitBounds":[100,300]}]}}""";

        var response = await PostJsonAsync(app.Admin(), Request("svc", histogram));
        await FlushAsync(app);

        var reason = $"metric '{metric}' has bucket bounds [100, 300] ms, and the latency threshold 250 ms is not one of them: add it to the histogram's bounds (a View or the instrument's advice); Unyo does not guess inside a bucket";
        using var answer = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var partial = answer.RootElement.GetProperty("partialSuccess");
        Assert.Equal(("1", $"1 data point was not used: 1 × {reason}"), (partial.GetProperty("rejectedDataPoints").GetString(), partial.GetProperty("errorMessage").GetString()));
        Assert.Empty(Minutes(app, off.Id));
        Assert.Equal(reason, Status(app, off.Id)!.CurrentError);
        Assert.Equal(new Dictionary<DateTimeOffset, (long, long)> { [Ten] = (9, 10) }, Minutes(app, on.Id));
        Assert.Null(Status(app, on.Id)!.CurrentError);
    }

    [Theory, DatabaseData]
    public async Task TwoNodesOnOneDatabaseContinueASeriesAndSeeItsReset(string provider)
    {
        var first = await ServerAsync(servers, provider, "node-a", Now);
        var database = first.Services.GetRequiredService<UnyoSettings>();
        // A second node (or the first after a restart): a new process on the same database.
        var second = await ServerAsync(servers, provider, "node-b", Now, provider == Providers.Postgres
            ? new Dictionary<string, string> { ["database"] = database.ConnectionString }
            : new Dictionary<string, string> { ["data"] = database.DataDirectory });
        var metric = Names.Unique("requests");
        var sli = await SliAsync(first, new(Select(metric), Select(metric), null));
        second.Services.GetRequiredService<Unyo.Features.Telemetry.Ingest.SliDirectory>().Invalidate();
        var start = Now.AddMinutes(-30);
        string Body(DateTimeOffset begun, DateTimeOffset at, long value) => Request("svc", Counter(metric, 2, Point(begun, at, value, "200")));

        var one = await PostJsonAsync(first.Admin(), Body(start, Ten.AddMinutes(-3), 100));
        var two = await PostJsonAsync(second.Admin(), Body(start, Ten.AddMinutes(-2), 130));
        var again = await PostJsonAsync(first.Admin(), Body(start, Ten.AddMinutes(-2), 130));
        var reset = await PostJsonAsync(first.Admin(), Body(Ten.AddMinutes(-1).AddSeconds(-10), Ten.AddMinutes(-1), 5));
        var after = await PostJsonAsync(second.Admin(), Body(Ten.AddMinutes(-1).AddSeconds(-10), Ten, 9));
        await FlushAsync(first);
        await FlushAsync(second);

        Assert.All(new[] { one, two, again, reset, after }, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(new Dictionary<DateTimeOffset, (long, long)>
        {
            [Ten.AddMinutes(-3)] = (100, 100),
            [Ten.AddMinutes(-2)] = (30, 30),
            [Ten.AddMinutes(-1)] = (5, 5),
            [Ten] = (4, 4),
        }, Minutes(first, sli.Id));
        var state = first.WithDb(db => db.OtlpSeries.Single(s => s.SliId == sli.Id));
        Assert.Equal((9d, 4), (state.Value, state.Revision));
    }

    [Theory, DatabaseData]
    public async Task AFullQueueAnswers429AndTheRetryCountsOnce(string provider)
    {
        var app = await ServerAsync(servers, provider, "queue", Now, new Dictionary<string, string> { ["UNYO_SLI_INGEST_QUEUE"] = "1" });
        var metric = Names.Unique("requests");
        var sli = await SliAsync(app, new(Select(metric), Select(metric), null));
        var start = Now.AddMinutes(-10);
        var later = Request("svc", Counter(metric, 2, Point(start, Ten, 25, "200")));

        var first = await PostJsonAsync(app.Admin(), Request("svc", Counter(metric, 2, Point(start, Ten.AddMinutes(-1), 10, "200"))));
        var refused = await PostJsonAsync(app.Admin(), later);
        await FlushAsync(app);
        var retried = await PostJsonAsync(app.Admin(), later);
        await FlushAsync(app);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("1", refused.Headers.RetryAfter?.ToString());
        Assert.StartsWith("The SLI ingest queue of this node is full", await StatusAsync(refused, HttpStatusCode.TooManyRequests, protobuf: false));
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(new Dictionary<DateTimeOffset, (long, long)> { [Ten.AddMinutes(-1)] = (10, 10), [Ten] = (15, 15) }, Minutes(app, sli.Id));
    }

    [Theory, DatabaseData]
    public async Task IngestTokensSendMetricsAndViewersAndStrangersCannot(string provider)
    {
        var app = await ServerAsync(servers, provider, "clock", Now);
        var metric = Names.Unique("requests");
        var sli = await SliAsync(app, new(Select(metric), Select(metric), null));
        var member = await app.CreateUserAsync(OrgRole.Member);
        var viewer = await app.CreateUserAsync(OrgRole.Viewer);
        var ingest = await (await app.Client(member.Token).PostJsonAsync("api/v1/tokens", new CreateTokenRequest { Name = "collector", Scope = "ingest" })).ReadAsync<CreatedTokenResponse>(HttpStatusCode.Created);
        var body = Request("svc", Counter(metric, 1, Point(Ten, Ten, 1, "200")));

        var accepted = await PostJsonAsync(app.Client(ingest.Token), body);
        var ofViewer = await PostJsonAsync(app.Client(viewer.Token), body);
        var stranger = await PostJsonAsync(app.Client(), body);
        await FlushAsync(app);

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, ofViewer.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, stranger.StatusCode);
        Assert.Equal((1, 1), Minutes(app, sli.Id).Single().Value);
    }

    [Theory, DatabaseData]
    public async Task TheSloPageShowsTheSelectorsTheLastDataAndTheSourceError(string provider)
    {
        var app = await ServerAsync(servers, provider, "clock", Now);
        var (_, service) = await Slos.SloTestKit.CreateServiceAsync(app.Admin());
        var metric = Names.Unique("duration");
        var (sli, slo) = (Names.Unique("sli"), Names.Unique("slo"));
        (await app.Admin().PostJsonAsync("api/v1/slis", new SliRequest
        {
            Name = sli, Service = service, Kind = "latency", LatencyThresholdMs = 300, Source = "otlp",
            Otlp = new SliOtlpSource { Histogram = new OtlpMetricSelector { Metric = metric, Attributes = new() { ["route"] = "/pay" }, ExcludeAttributes = new() { ["code"] = ["5*"] } } },
        })).EnsureSuccessStatusCode();
        (await app.Admin().PostJsonAsync("api/v1/slos", Slos.SloTestKit.Slo(slo, service, sli))).EnsureSuccessStatusCode();
        string Histogram(DateTimeOffset at) => $$$"""{"name":"{{{metric}}}","unit":"s","histogram":{"aggregationTemporality":1,"dataPoints":[{"attributes":[{"key":"route","value":{"stringValue":"/pay"}}],"timeUnixNano":"{{{Nanos(at)}}}","count":"3","bucketCounts":["2","1"],"explicitBounds":[0.3]}]}}""";
        using var browser = new Accounts.FormClient(app);
        await browser.SignInAsync(UnyoApp.AdminEmail, UnyoApp.AdminPassword);

        var before = await browser.Http.GetStringAsync($"slos/{slo}");
        (await PostJsonAsync(app.Admin(), Request("svc", Histogram(Ten)))).EnsureSuccessStatusCode();
        var fed = await browser.Http.GetStringAsync($"slos/{slo}");
        (await PostJsonAsync(app.Admin(), Request("svc", Histogram(Ten.AddHours(-3))))).EnsureSuccessStatusCode();
        var failing = await browser.Http.GetStringAsync($"slos/{slo}");

        Assert.Contains("source <strong>otlp</strong>", before);
        Assert.Contains($"<code>{metric}{{route=&quot;/pay&quot;, code not in [&quot;5*&quot;]}}</code>", before);
        Assert.Contains("Last data: never", before);
        Assert.Contains("Last data: 2026-03-02 10:00 UTC", fed);
        Assert.DoesNotContain("Source error", fed);
        Assert.Contains($"Source error (2026-03-02 10:00 UTC): metric &#x27;{metric}&#x27; has points older than the late-data horizon (2 h before the server&#x27;s clock)", failing);
    }

    private static async Task<HttpResponseMessage> SendAsync(UnyoApp app, string contentType, string? encoding, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        if (encoding is not null)
        {
            content.Headers.ContentEncoding.Add(encoding);
        }
        return await app.Admin().PostAsync("v1/metrics", content);
    }

    // google.rpc.Status: the message, after checking the status and the encoding.
    private static async Task<string> StatusAsync(HttpResponseMessage response, HttpStatusCode expected, bool protobuf)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(protobuf ? "application/x-protobuf" : "application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsByteArrayAsync();
        if (!protobuf)
        {
            using var json = System.Text.Json.JsonDocument.Parse(body);
            return json.RootElement.GetProperty("message").GetString()!;
        }
        var reader = new ProtoReader(body);
        var message = "";
        while (reader.Next())
        {
            if (reader.Field == 2)
            {
                message = System.Text.Encoding.UTF8.GetString(reader.Bytes());
            }
            else
            {
                reader.Skip();
            }
        }
        return message;
    }

    // ExportMetricsServiceResponse.partial_success: (rejected_data_points, error_message).
    private static (long Rejected, string Message) PartialSuccess(byte[] body)
    {
        var reader = new ProtoReader(body);
        Assert.True(reader.Next());
        Assert.Equal(1, reader.Field);
        var partial = new ProtoReader(reader.Bytes());
        var (rejected, message) = (0L, "");
        while (partial.Next())
        {
            if (partial.Field == 1)
            {
                rejected = (long)partial.Varint();
            }
            else
            {
                message = System.Text.Encoding.UTF8.GetString(partial.Bytes());
            }
        }
        return (rejected, message);
    }
}
