using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.OnCall.Schedules;
using Unyo.Hosting;

namespace Unyo.Features.OnCall.Analytics;

// What an analytics request covers: [From, To) and, optionally, one team's or one service's alerts.
public sealed record AnalyticsPeriod(DateTimeOffset From, DateTimeOffset To, Guid? TeamId, string? Team, Guid? ServiceId, string? Service)
{
    public static readonly TimeSpan DefaultSpan = TimeSpan.FromDays(30);
    public static readonly TimeSpan MaxSpan = TimeSpan.FromDays(366);

    // Reads the query's from/to (RFC 3339 instants, or dates meaning 00:00 UTC), team and service;
    // the field errors say what is wrong with each. Defaults: to = now, from = to − 30 days.
    public static async Task<(AnalyticsPeriod? Period, ValidationErrors Errors)> ReadAsync(
        string? from, string? to, string? team, string? service, UnyoDb db, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var end = string.IsNullOrWhiteSpace(to) ? time.StoredNow() : ParseInstantOrDate(to);
        var start = string.IsNullOrWhiteSpace(from) ? end - DefaultSpan : ParseInstantOrDate(from);
        if (start is null)
        {
            errors.Add("from", $"'{from}' is not an RFC 3339 instant (2026-03-01T09:00:00Z) or a date (2026-03-01).");
        }
        if (end is null)
        {
            errors.Add("to", $"'{to}' is not an RFC 3339 instant (2026-03-31T00:00:00Z) or a date (2026-03-31).");
        }
        if (start is { } s && end is { } e)
        {
            if (e <= s)
            {
                errors.Add("to", "must be after from.");
            }
            else if (e - s > MaxSpan)
            {
                errors.Add("to", $"at most {MaxSpan.TotalDays:0} days after from; ask for a shorter period.");
            }
        }
        Guid? teamId = null;
        if (!string.IsNullOrWhiteSpace(team))
        {
            var slug = team.Trim().ToLowerInvariant();
            teamId = await db.Teams.AsNoTracking().Where(t => t.Name == slug).Select(t => (Guid?)t.Id).SingleOrDefaultAsync(cancellationToken);
            if (teamId is null)
            {
                errors.Add("team", $"no team is named '{team}'.");
            }
        }
        Guid? serviceId = null;
        if (!string.IsNullOrWhiteSpace(service))
        {
            var slug = service.Trim().ToLowerInvariant();
            serviceId = await db.Services.AsNoTracking().Where(x => x.Name == slug).Select(x => (Guid?)x.Id).SingleOrDefaultAsync(cancellationToken);
            if (serviceId is null)
            {
                errors.Add("service", $"no service is named '{service}'.");
            }
        }
        return errors.IsEmpty
            ? (new AnalyticsPeriod(start!.Value, end!.Value, teamId, teamId is null ? null : team!.Trim().ToLowerInvariant(), serviceId, serviceId is null ? null : service!.Trim().ToLowerInvariant()), errors)
            : (null, errors);
    }

    private static DateTimeOffset? ParseInstantOrDate(string text) =>
        DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
            : ScheduleFormats.ParseInstant(text);
}
