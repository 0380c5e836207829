using BenchmarkDotNet.Attributes;
using Unyo.Features.Alerts;
using Unyo.Features.Alerts.Matching;
using Unyo.Features.Alerts.Silences;
using Unyo.Features.Notifications;
using Unyo.Features.Notifications.Routes;

namespace Unyo.Benchmarks;

/// The pipeline asks the silence book and the router about every triggering alert. 100 silences:
/// 80 pinned to a service by an equality matcher (the usual "silence checkout during the deploy"),
/// 20 on labels only, with regexes; 50 routes, half of them team routes, a few with regexes.
[MemoryDiagnoser]
public class AlertMatchingBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private SilenceSnapshot _silences = SilenceSnapshot.Empty;
    private RouteTable _routes = RouteTable.Empty;
    private AlertFacts _unsilenced = null!;
    private AlertFacts _silencedByLabel = null!;

    [GlobalSetup]
    public void Setup()
    {
        var entries = new List<SilenceEntry>();
        for (var i = 0; i < 80; i++)
        {
            entries.Add(new($"deploy-{i}", $"team-{i % 10}", Now.AddHours(-1), Now.AddHours(1),
                [LabelMatchers.FromStored($"service=\"service-{i}\""), LabelMatchers.FromStored("alertname=~\"High.*|Error.*\"")]));
        }
        for (var i = 0; i < 20; i++)
        {
            entries.Add(new($"labels-{i}", null, Now.AddHours(-1), Now.AddHours(1),
                [LabelMatchers.FromStored($"cluster=~\"eu-{i}-.*\""), LabelMatchers.FromStored("env!=\"prod\"")]));
        }
        _silences = new SilenceSnapshot(entries);
        var labels = new Dictionary<string, string> { ["alertname"] = "HighLatency", ["cluster"] = "us-east-1", ["env"] = "prod", ["instance"] = "10.0.0.7:9100" };
        _unsilenced = new AlertFacts("service-500", "team-3", AlertSeverity.Critical, AlertUrgency.High, "prometheus", "alertmanager", labels);
        _silencedByLabel = _unsilenced with { Labels = new Dictionary<string, string>(labels) { ["cluster"] = "eu-19-b", ["env"] = "staging" } };

        var channels = Enumerable.Range(0, 20).Select(i => new RouteChannel(Guid.NewGuid(), $"channel-{i}", $"team-{i % 10}", i % 2 == 0 ? ChannelUse.Paging : ChannelUse.Chat, true)).ToList();
        var routes = Enumerable.Range(0, 50).Select(i => new AlertRouteSpec(
            $"route-{i}", i % 2 == 0 ? $"team-{i % 10}" : null, i, i % 5 == 0 ? [] : [$"service-{i}"], i % 3 == 0 ? [AlertSeverity.Critical] : [], [],
            i % 7 == 0 ? [LabelMatchers.FromStored("env=~\"prod|production\"")] : [], [$"channel-{i % 20}"], i % 4 == 0, true)).ToList();
        _routes = new RouteTable(routes, channels);
    }

    [Benchmark]
    public string? FindSilenceNoMatch() => _silences.Find(_unsilenced, Now);

    [Benchmark]
    public string? FindSilenceByLabels() => _silences.Find(_silencedByLabel, Now);

    [Benchmark]
    public RouteDecision RouteAlert() => _routes.Route(_unsilenced);
}
