using System.Diagnostics.Metrics;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Unyo.Features.Telemetry;
using Unyo.IntegrationTests.Infrastructure;
using static Unyo.IntegrationTests.Telemetry.OtlpKit;

namespace Unyo.IntegrationTests.Telemetry;

/// The real OpenTelemetry .NET SDK and its OTLP exporter (HTTP, protobuf) send to /v1/metrics: a
/// counter with a status attribute feeds a ratio SLI, a histogram with explicit buckets a latency
/// SLI, in both temporalities, over two exports so cumulative series are continued.
public sealed class OtlpSdkTests(Servers servers)
{
    [Theory, DatabaseData]
    public Task CumulativeExportsOfTheSdkFeedRatioAndLatencySlis(string provider) => ExportTwiceAsync(provider, MetricReaderTemporalityPreference.Cumulative);

    [Theory, DatabaseData]
    public Task DeltaExportsOfTheSdkFeedRatioAndLatencySlis(string provider) => ExportTwiceAsync(provider, MetricReaderTemporalityPreference.Delta);

    private async Task ExportTwiceAsync(string provider, MetricReaderTemporalityPreference temporality)
    {
        // The SDK stamps points with the real clock, so the server's clock starts there too.
        var app = await ServerAsync(servers, provider, "sdk", TimeProvider.System.GetUtcNow());
        var service = Names.Unique("shop");
        var requests = Names.Unique("http.requests");
        var duration = Names.Unique("http.duration");
        var ofService = new Dictionary<string, string> { ["service.name"] = service };
        var ratio = await SliAsync(app, new(Select(requests, ofService, new() { ["code"] = ["5*"] }), Select(requests, ofService), null));
        var latency = await SliAsync(app, new(null, null, Select(duration, new() { ["service.name"] = service, ["route"] = "/pay" })), thresholdMs: 300);
        using var meter = new Meter(Names.Unique("unyo.tests"));
        var counter = meter.CreateCounter<long>(requests);
        var histogram = meter.CreateHistogram<double>(duration, unit: "ms");
        using var sdk = Sdk.CreateMeterProviderBuilder()
            .ConfigureResource(r => r.AddService(service))
            .AddMeter(meter.Name)
            .AddView(duration, new ExplicitBucketHistogramConfiguration { Boundaries = [100, 300, 1000] })
            .AddOtlpExporter((exporter, reader) =>
            {
                exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
                exporter.Endpoint = new Uri(app.Address, "v1/metrics");
                exporter.Headers = $"Authorization=Bearer {UnyoApp.AdminToken}";
                reader.TemporalityPreference = temporality;
                // Only ForceFlush exports: the test decides when.
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 3_600_000;
            })
            .Build();
        var began = SliMinute.Of(TimeProvider.System.GetUtcNow());

        counter.Add(7, new KeyValuePair<string, object?>("code", "200"));
        counter.Add(3, new KeyValuePair<string, object?>("code", "503"));
        foreach (var ms in new[] { 50, 250, 300, 700 })
        {
            histogram.Record(ms, new KeyValuePair<string, object?>("route", "/pay"));
        }
        histogram.Record(10, new KeyValuePair<string, object?>("route", "/health"));
        Assert.True(sdk.ForceFlush(10_000));
        await FlushAsync(app);
        var afterFirst = (Sum(app, ratio), Sum(app, latency));

        counter.Add(2, new KeyValuePair<string, object?>("code", "200"));
        counter.Add(1, new KeyValuePair<string, object?>("code", "500"));
        histogram.Record(100, new KeyValuePair<string, object?>("route", "/pay"));
        histogram.Record(1500, new KeyValuePair<string, object?>("route", "/pay"));
        Assert.True(sdk.ForceFlush(10_000));
        await FlushAsync(app);
        var ended = SliMinute.Of(TimeProvider.System.GetUtcNow());

        Assert.Equal(((7L, 10L), (3L, 4L)), afterFirst);
        Assert.Equal(((9L, 13L), (4L, 6L)), (Sum(app, ratio), Sum(app, latency)));
        Assert.All(SliIngestKit.Minutes(app, ratio.Id).Keys.Concat(SliIngestKit.Minutes(app, latency.Id).Keys),
            minute => Assert.InRange(SliMinute.Of(minute), began, ended));
        Assert.Null(Status(app, ratio.Id)!.CurrentError);
        Assert.Null(Status(app, latency.Id)!.CurrentError);
        Assert.Equal(temporality == MetricReaderTemporalityPreference.Cumulative ? 3 : 0, Series(app, ratio.Id));
    }

    private static (long Good, long Total) Sum(UnyoApp app, Sli sli)
    {
        var minutes = SliIngestKit.Minutes(app, sli.Id).Values;
        return (minutes.Sum(m => m.Good), minutes.Sum(m => m.Total));
    }
}
