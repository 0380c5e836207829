using System.Text.Json;
using Unyo.Client;
using Unyo.Hosting;

namespace Unyo.Features.Checks;

// A job is expected to ping every Period; it is down once a ping is Grace late.
public sealed record HeartbeatSettings(TimeSpan Period, TimeSpan Grace)
{
    public static readonly TimeSpan MinPeriod = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaxPeriod = TimeSpan.FromDays(31);
    public static readonly TimeSpan DefaultGrace = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan MaxGrace = TimeSpan.FromDays(7);

    public static HeartbeatSettings? Validate(HeartbeatCheckRequest? request, ValidationErrors errors)
    {
        if (request is null)
        {
            errors.Add("heartbeat", "is required for a heartbeat: how often the job runs (heartbeat.period) and how late it may be (heartbeat.grace).");
            return null;
        }
        if (request.Period is null)
        {
            errors.Add("heartbeat.period", "is required: how often the job runs, e.g. 1h or 1d.");
            return null;
        }
        var period = Durations.Read(request.Period, "heartbeat.period", MinPeriod, MinPeriod, MaxPeriod, errors);
        var grace = Durations.Read(request.Grace, "heartbeat.grace", DefaultGrace, TimeSpan.FromMinutes(1), MaxGrace, errors);
        return new HeartbeatSettings(period, grace);
    }

    public string ToStored() => JsonSerializer.Serialize(ToContract(), JsonSerializerOptions.Web);

    public static HeartbeatSettings FromStored(string stored)
    {
        var errors = new ValidationErrors();
        return Validate(JsonSerializer.Deserialize<HeartbeatCheckRequest>(stored, JsonSerializerOptions.Web), errors) is { } settings && errors.IsEmpty
            ? settings
            : throw new InvalidOperationException($"Stored heartbeat settings no longer validate: {string.Join("; ", errors.All.Select(e => $"{e.Field}: {e.Message}"))}");
    }

    public HeartbeatCheckRequest ToContract() => new() { Period = Durations.Format(Period), Grace = Durations.Format(Grace) };
}
