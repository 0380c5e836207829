using System.Globalization;

namespace Unyo.Features.Telemetry.Ingest;

// The limits of POST /api/v1/sli-events. Two are settings: UNYO_SLI_LATE_HORIZON (how old an
// event may be: minutes or a TimeSpan, default 2 h, 1 min to 48 h) and UNYO_SLI_INGEST_QUEUE
// (accepted batches waiting for the writer, default 256, beyond it 429).
public sealed record SliIngestOptions(TimeSpan LateHorizon, int QueueCapacity)
{
    public static readonly TimeSpan DefaultLateHorizon = TimeSpan.FromHours(2);
    public const int DefaultQueueCapacity = 256;

    // Client clocks run a little ahead; more than this is a wrong clock or a wrong time zone.
    public static readonly TimeSpan FutureSkew = TimeSpan.FromMinutes(2);
    // About 4 MiB of single events; larger batches are a mistake or should be pre-aggregated.
    public const int MaxEvents = 100_000;
    // One counts event stands for at most this many events: sums of a full batch stay far from long's limit.
    public const long MaxCount = 1_000_000_000_000;
    // A refused batch lists this many problems, not one per bad event.
    public const int MaxErrors = 20;
    // Names this node has not seen that one request may make it look up in the database.
    public const int MaxUnknownNames = 100;
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(250);
    // A flush writes at most this many rows; the rest waits for the next, which follows at once.
    public const int MaxRowsPerFlush = 50_000;

    public static SliIngestOptions From(IConfiguration configuration)
    {
        var horizon = DefaultLateHorizon;
        var text = configuration["UNYO_SLI_LATE_HORIZON"];
        if (!string.IsNullOrWhiteSpace(text))
        {
            horizon = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) ? TimeSpan.FromMinutes(minutes)
                : TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) ? span
                : throw new InvalidOperationException($"UNYO_SLI_LATE_HORIZON '{text}' is not a duration: give minutes (120) or a TimeSpan (02:00:00).");
            if (horizon < TimeSpan.FromMinutes(1) || horizon > TimeSpan.FromHours(48))
            {
                throw new InvalidOperationException($"UNYO_SLI_LATE_HORIZON '{text}' must be from 1 minute to 48 hours.");
            }
        }
        var capacity = DefaultQueueCapacity;
        text = configuration["UNYO_SLI_INGEST_QUEUE"];
        if (!string.IsNullOrWhiteSpace(text)
            && !(int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out capacity) && capacity is >= 1 and <= 100_000))
        {
            throw new InvalidOperationException($"UNYO_SLI_INGEST_QUEUE '{text}' must be a whole number of batches from 1 to 100000.");
        }
        return new SliIngestOptions(horizon, capacity);
    }

    public static string Describe(TimeSpan span) =>
        span.TotalHours >= 1 && span.Minutes == 0 && span.Seconds == 0 ? $"{span.TotalHours:0} h" : $"{span.TotalMinutes:0.#} min";
}
