using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Checks.Probes;
using Unyo.Hosting;

namespace Unyo.Features.Checks;

// The read side of checks: definitions with their state, results, minutes and history.
public sealed class CheckQueries(UnyoDb db)
{
    public sealed record Row(Check Check, string Service, string Team, CheckState? State);

    public async Task<Page<CheckResponse>> ListAsync(string? service, string? team, CheckStatus? status, string? after, int take, CancellationToken cancellationToken)
    {
        var rows = await RowsAsync(service, team, status, after, take + 1, cancellationToken);
        var page = rows.Take(take).Select(r => ToResponse(r, null)).ToList();
        return new Page<CheckResponse>(page, rows.Count > take ? Cursor.Encode(page[^1].Name) : null);
    }

    public async Task<List<Row>> RowsAsync(string? service, string? team, CheckStatus? status, string? after, int take, CancellationToken cancellationToken)
    {
        IQueryable<Check> query = db.Checks;
        if (!string.IsNullOrEmpty(service))
        {
            query = query.Where(c => c.Service!.Name == service);
        }
        if (!string.IsNullOrEmpty(team))
        {
            query = query.Where(c => c.Service!.Team!.Name == team);
        }
        if (status is { } wanted)
        {
            query = query.Where(c => db.CheckStates.Any(s => s.CheckId == c.Id && s.Status == wanted));
        }
        if (after is not null)
        {
            query = query.Where(c => string.Compare(c.Name, after) > 0);
        }
        return await query.OrderBy(c => c.Name).Take(take).AsNoTracking()
            .Select(c => new Row(c, c.Service!.Name, c.Service.Team!.Name, db.CheckStates.SingleOrDefault(s => s.CheckId == c.Id)))
            .ToListAsync(cancellationToken);
    }

    public async Task<Row?> RowAsync(string name, CancellationToken cancellationToken) =>
        (await db.Checks.Where(c => c.Name == name).AsNoTracking()
            .Select(c => new Row(c, c.Service!.Name, c.Service.Team!.Name, db.CheckStates.SingleOrDefault(s => s.CheckId == c.Id)))
            .ToListAsync(cancellationToken)).SingleOrDefault();

    public static CheckResponse ToResponse(Row row, string? pingUrl)
    {
        var definition = CheckDefinition.From(row.Check, row.Service);
        var probe = definition.Probe?.ToContract();
        return new CheckResponse
        {
            Name = definition.Name,
            Service = row.Service,
            Team = row.Team,
            Description = definition.Description,
            Type = definition.Type.ToName(),
            Interval = Durations.Format(definition.Interval),
            Timeout = Durations.Format(definition.Timeout),
            Retries = definition.Retries,
            DownAfter = definition.DownAfter,
            UpAfter = definition.UpAfter,
            Locations = [.. definition.Locations],
            DownLocations = definition.DownLocations,
            Enabled = definition.Enabled,
            Http = probe as HttpCheckRequest,
            Tcp = probe as TcpCheckRequest,
            Tls = probe as TlsCheckRequest,
            Dns = probe as DnsCheckRequest,
            Heartbeat = definition.Heartbeat?.ToContract(),
            PingUrl = pingUrl,
            Status = (row.State?.Status ?? CheckStatus.Pending).ToName(),
            Reason = row.State?.Reason,
            StatusSince = row.State?.Since,
            LastResultAt = row.State?.LastResultAt,
            ManagedBy = row.Check.ManagedBy.ToName(),
            Revision = row.Check.Revision,
            CreatedAt = row.Check.CreatedAt,
            UpdatedAt = row.Check.UpdatedAt,
        };
    }

    public async Task<List<CheckResultResponse>> ResultsAsync(Guid checkId, string? location, int take, CancellationToken cancellationToken)
    {
        var query = db.CheckResults.Where(r => r.CheckId == checkId);
        if (!string.IsNullOrEmpty(location))
        {
            query = query.Where(r => r.Location == location);
        }
        var rows = await query.OrderByDescending(r => r.Id).Take(take).AsNoTracking().ToListAsync(cancellationToken);
        return [.. rows.Select(r => new CheckResultResponse(r.At, r.Location, r.Outcome.ToName(), r.LatencyMs, r.Reason, r.Attempts,
            r.Details is null ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(r.Details)))];
    }

    public async Task<List<CheckMinuteResponse>> MinutesAsync(Guid checkId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var (first, last) = (Telemetry.SliMinute.Of(from), Telemetry.SliMinute.Of(to));
        var rows = await db.CheckMinutes.Where(m => m.CheckId == checkId && m.Minute >= first && m.Minute <= last).OrderBy(m => m.Minute).AsNoTracking().ToListAsync(cancellationToken);
        return [.. rows.Select(m => new CheckMinuteResponse(Telemetry.SliMinute.Start(m.Minute), m.Runs, m.Up, m.Degraded, m.Down, m.P50Ms, m.P95Ms, m.P99Ms, m.MaxMs))];
    }

    public async Task<List<CheckStateChangeResponse>> HistoryAsync(Guid checkId, int take, CancellationToken cancellationToken) =>
        [.. (await db.CheckStateChanges.Where(c => c.CheckId == checkId).OrderByDescending(c => c.Id).Take(take).AsNoTracking().ToListAsync(cancellationToken))
            .Select(c => new CheckStateChangeResponse(c.At, c.From.ToName(), c.To.ToName(), c.Reason, c.InMaintenance))];

    public static bool TryParseStatus(string? text, out CheckStatus status) =>
        Enum.TryParse(text, ignoreCase: true, out status) && Enum.IsDefined(status) && !int.TryParse(text, out _);
}
