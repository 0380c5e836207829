using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Unyo.Data;
using Unyo.Features.Catalog;
using Unyo.Features.Telemetry;
using Unyo.Features.Telemetry.Ingest;
using Unyo.Features.Telemetry.Otlp;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Telemetry;

/// Servers and SLIs for OTLP tests. The clock is a FakeTimeProvider at `now` (the real time for
/// tests that use the OpenTelemetry SDK, whose points carry the real time) and the ingest worker
/// is removed, so a test flushes the writer when it wants its minutes.
public static class OtlpKit
{
    public static Task<UnyoApp> ServerAsync(Servers servers, string provider, string purpose, DateTimeOffset now, IReadOnlyDictionary<string, string>? settings = null) =>
        servers.GetIsolatedAsync(provider, $"otlp-{purpose}", settings, services: s =>
        {
            s.AddSingleton<TimeProvider>(new FakeTimeProvider(now));
            s.Remove(s.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(SliIngestWorker)));
        });

    public static OtlpSelector Select(string metric, Dictionary<string, string>? attributes = null, Dictionary<string, IReadOnlyList<string>>? exclude = null) =>
        new(metric, attributes ?? [], exclude ?? []);

    /// A team, a service and an OTLP SLI on it, written to the database; the node's SLI caches
    /// are told, as the SLI API tells them.
    public static async Task<Sli> SliAsync(UnyoApp app, OtlpSelection selection, int? thresholdMs = null)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<UnyoDb>();
        var now = TimeProvider.System.GetUtcNow();
        var name = Names.Unique("otlp");
        var team = new Unyo.Features.Accounts.Team { Id = Guid.NewGuid(), Name = $"{name}-team", DisplayName = name, CreatedAt = now, UpdatedAt = now };
        var service = new Service { Id = Guid.NewGuid(), Name = $"{name}-svc", DisplayName = name, TeamId = team.Id, Tier = 1, CreatedAt = now, UpdatedAt = now };
        var kind = selection.Histogram is null ? SliKind.Ratio : SliKind.Latency;
        var settings = new SliSourceSettings(SliSource.Otlp, selection, null);
        var sli = new Sli
        {
            Id = Guid.NewGuid(), Name = name, ServiceId = service.Id, Kind = kind, LatencyThresholdMs = thresholdMs,
            Source = SliSource.Otlp, SourceSettings = settings.ToStored(), CreatedAt = now, UpdatedAt = now,
        };
        db.AddRange(team, service, sli);
        await db.SaveChangesAsync();
        app.Services.GetRequiredService<SliDirectory>().Invalidate();
        return sli;
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, byte[] body, string contentType, bool gzip = false)
    {
        var content = new ByteArrayContent(gzip ? Gzip(body) : body);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        if (gzip)
        {
            content.Headers.ContentEncoding.Add("gzip");
        }
        return client.PostAsync("v1/metrics", content);
    }

    public static Task<HttpResponseMessage> PostJsonAsync(HttpClient client, string json, bool gzip = false) =>
        PostAsync(client, Encoding.UTF8.GetBytes(json), "application/json", gzip);

    public static byte[] Gzip(byte[] body)
    {
        using var output = new MemoryStream();
        using (var zip = new GZipStream(output, CompressionLevel.Fastest))
        {
            zip.Write(body);
        }
        return output.ToArray();
    }

    public static string Nanos(DateTimeOffset at) => OtlpValues.UnixNano(at).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// {"resourceMetrics":[…]} with one resource (service.name) and one scope holding the metrics given as JSON.
    public static string Request(string service, params string[] metrics) =>
        $$$"""{"resourceMetrics":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"{{{service}}}"}}]},"scopeMetrics":[{"scope":{"name":"test"},"metrics":[{{{string.Join(",", metrics)}}}]}]}]}""";

    public static string Counter(string name, int temporality, params string[] points) =>
        $$$"""{"name":"{{{name}}}","sum":{"aggregationTemporality":{{{temporality}}},"isMonotonic":true,"dataPoints":[{{{string.Join(",", points)}}}]}}""";

    public static string Point(DateTimeOffset start, DateTimeOffset time, long value, string code) =>
        $$$"""{"attributes":[{"key":"code","value":{"stringValue":"{{{code}}}"}}],"startTimeUnixNano":"{{{Nanos(start)}}}","timeUnixNano":"{{{Nanos(time)}}}","asInt":"{{{value}}}"}""";

    public static Task<int> FlushAsync(UnyoApp app) => app.Services.GetRequiredService<SliMinuteWriter>().FlushAllAsync(CancellationToken.None);

    public static SliSourceStatus? Status(UnyoApp app, Guid sliId) => app.WithDb(db => db.SliSourceStatuses.SingleOrDefault(s => s.SliId == sliId));

    public static int Series(UnyoApp app, Guid sliId) => app.WithDb(db => db.OtlpSeries.Count(s => s.SliId == sliId));
}
