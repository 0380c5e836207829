using BenchmarkDotNet.Attributes;
using Unyo.Features.Telemetry;
using Unyo.Features.Telemetry.Otlp;
using Unyo.Tests.Telemetry;

namespace Unyo.Benchmarks;

/// The CPU side of POST /v1/metrics for one realistic protobuf export of a service: a resource
/// with 10 attributes, 40 metrics no SLI selects (runtime and process metrics, 5 points each, only
/// skipped), a request counter of 200 series (5 routes × 4 methods × 10 status codes) and a
/// duration histogram of the same 200 series with 15 buckets: 600 points, 400 of them selected
/// by a ratio SLI (good: status not 5xx) and a latency SLI (250 ms, a bucket bound). Decoding,
/// matching and aggregation; cumulative adds hashing each series and creating its state.
/// Points/s = 600 / mean.
[MemoryDiagnoser]
public class OtlpIngestBenchmarks
{
    public const int Points = 600;
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 30, TimeSpan.Zero);
    private byte[] _body = [];
    private OtlpSelections _selections = OtlpSelections.Empty;

    [Params(OtlpTemporality.Delta, OtlpTemporality.Cumulative)]
    public OtlpTemporality Temporality { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _body = Request(Temporality);
        var none = new Dictionary<string, string>();
        var noExclusions = new Dictionary<string, IReadOnlyList<string>>();
        _selections = new OtlpSelections(
            [
                new OtlpSli(Guid.NewGuid(), "checkout-ok", SliKind.Ratio, null, new OtlpSelection(
                    new OtlpSelector("http.server.request.count", none, new Dictionary<string, IReadOnlyList<string>> { ["http.response.status_code"] = ["5*"] }),
                    new OtlpSelector("http.server.request.count", none, noExclusions), null)),
                new OtlpSli(Guid.NewGuid(), "checkout-fast", SliKind.Latency, 250, new OtlpSelection(null, null,
                    new OtlpSelector("http.server.request.duration", new Dictionary<string, string> { ["service.name"] = "checkout" }, noExclusions))),
            ],
            Now, 0);
        var result = DecodeAndAggregate();
        if (result.Rejected != 0 || result.Minutes.Count != 2)
        {
            throw new InvalidOperationException($"The request should feed both SLIs in one minute: {result.RejectionMessage}");
        }
    }

    public static byte[] Request(OtlpTemporality temporality)
    {
        var time = OtlpValues.UnixNano(Now.AddSeconds(-5));
        var start = OtlpValues.UnixNano(Now.AddMinutes(-30));
        var resource = new[] { "service.name=checkout", "service.version=1.4.2", "service.instance.id=7f3c", "host.name=node-12", "k8s.pod.name=checkout-7f3c",
            "k8s.namespace.name=shop", "k8s.node.name=node-12", "telemetry.sdk.name=opentelemetry", "telemetry.sdk.language=dotnet", "telemetry.sdk.version=1.20.1" }
            .Select(a => Proto.KeyValue(a.Split('=')[0], a.Split('=')[1])).ToArray();
        var metrics = new List<Proto>();
        for (var m = 0; m < 40; m++)
        {
            metrics.Add(Proto.Sum($"process.runtime.metric.{m}", (int)temporality, true,
                [.. Enumerable.Range(0, 5).Select(p => Proto.IntPoint(start, time, 1000 + p, Proto.KeyValue("kind", $"k{p}")))]));
        }
        var series = (from route in new[] { "/cart", "/pay", "/items", "/items/{id}", "/checkout" }
                      from method in new[] { "GET", "POST", "PUT", "DELETE" }
                      from code in new[] { "200", "201", "204", "301", "400", "401", "404", "429", "500", "503" }
                      select new[] { Proto.KeyValue("http.route", route), Proto.KeyValue("http.request.method", method), Proto.KeyValue("http.response.status_code", code) }).ToList();
        metrics.Add(Proto.Sum("http.server.request.count", (int)temporality, true, [.. series.Select((a, i) => Proto.IntPoint(start, time, 100 + i, a))]));
        double[] bounds = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];
        metrics.Add(Proto.Histogram("http.server.request.duration", "s", (int)temporality,
            [.. series.Select((a, i) => Proto.HistogramPoint(start, time, 150, [10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10], bounds, a))]));
        return Proto.Request(Proto.Resource(resource, [.. metrics])).ToArray();
    }

    [Benchmark(OperationsPerInvoke = Points)]
    public OtlpAggregation DecodeAndAggregate()
    {
        var batch = OtlpProtobufDecoder.Decode(_body, _selections);
        var uses = OtlpUse.Match(batch, _selections);
        return new OtlpAggregator(Now, TimeSpan.FromHours(2)).Aggregate(uses, new Dictionary<(Guid, Guid), OtlpSeries>());
    }
}
