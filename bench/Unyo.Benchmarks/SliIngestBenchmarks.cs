using System.Text;
using BenchmarkDotNet.Attributes;
using Unyo.Features.Telemetry;
using Unyo.Features.Telemetry.Ingest;

namespace Unyo.Benchmarks;

/// The CPU side of POST /api/v1/sli-events: parse, check and sum a 10,000-event batch of single
/// events (not pre-aggregated counts). Events/s = 10,000 / mean. Mixed: 20 SLIs (half of them
/// latency), events interleaved across SLIs the way a shared collector sends them, or grouped by
/// SLI the way one service's exporter does.
[MemoryDiagnoser]
public class SliIngestBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 30, TimeSpan.Zero);
    private byte[] _body = [];
    private SliNames _names = SliNames.Empty;

    [Params(true, false)]
    public bool Interleaved { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var slis = Enumerable.Range(0, 20).Select(i => new SliTarget(Guid.NewGuid(), $"checkout-sli-{i}", i % 2 == 0 ? SliKind.Ratio : SliKind.Latency, i % 2 == 0 ? null : 250)).ToList();
        _names = new SliNames(slis, Now);
        _body = Encoding.UTF8.GetBytes(Body(slis, 10_000, Interleaved));
    }

    public static string Body(IReadOnlyList<SliTarget> slis, int count, bool interleaved)
    {
        var body = new StringBuilder("{\"events\":[");
        var random = new Random(42);
        for (var i = 0; i < count; i++)
        {
            var sli = slis[interleaved ? i % slis.Count : i * slis.Count / count];
            var at = Now.AddSeconds(-random.Next(0, 300)).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
            body.Append(i == 0 ? "" : ",").Append("{\"sli\":\"").Append(sli.Name).Append("\",\"timestamp\":\"").Append(at).Append('"');
            body.Append(sli.Kind == SliKind.Latency ? $",\"latencyMs\":{random.Next(1, 400)}}}" : $",\"ok\":{(random.Next(100) == 0 ? "false" : "true")}}}");
        }
        return body.Append("]}").ToString();
    }

    [Benchmark(OperationsPerInvoke = 10_000)]
    public int ParseCheckAndSum()
    {
        var batch = SliEventParser.Parse(_body, _names, Now, SliIngestOptions.DefaultLateHorizon);
        return batch.IsValid ? batch.ToDeltas().Length : throw new InvalidOperationException(string.Join("; ", batch.Errors.All));
    }
}
