using System.Globalization;
using Unyo.Client;

namespace Unyo.Cli;

// `unyo audit [--actor EMAIL] [--kind KIND] [--name NAME] [--action ACTION] [--since 24h|7d|RFC3339]
//             [--until 1h|RFC3339] [--limit N] [--cursor CURSOR] [--all]`
// A page at a time, like the API: the last line says how to ask for the next one. --all follows
// the cursors to the oldest record, printing each page as it comes rather than holding them all.
public static class AuditCommand
{
    public static readonly IReadOnlySet<string> Flags = new HashSet<string> { "all" };

    public static async Task<int> RunAsync(CliArgs args, TextWriter stdout)
    {
        UnyoCli.RejectUnknown(args, "server", "token", "actor", "kind", "name", "action", "since", "until", "limit", "cursor", "all");
        var limit = 50;
        if (args.Value("limit") is { } text && (!int.TryParse(text, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > 500))
        {
            throw new CliUsageException("--limit must be a number from 1 to 500.");
        }
        // One "now" for both ends, so --since 2h --until 1h is exactly an hour.
        var now = TimeProvider.System.GetUtcNow();
        var (since, until) = (Instant("since", args.Value("since"), now), Instant("until", args.Value("until"), now));
        if (since >= until)
        {
            throw new CliUsageException("--until must be later than --since.");
        }
        var client = UnyoCli.Connect(args);
        var cursor = args.Value("cursor");
        await stdout.WriteLineAsync($"{"TIME (UTC)",-20} {"ACTOR",-28} {"ACTION",-22} {"OBJECT",-36} SOURCE");
        while (true)
        {
            var page = await client.ListAuditAsync(args.Value("actor"), args.Value("kind"), args.Value("name"), args.Value("action"), since, until, cursor, limit);
            await WriteAsync(stdout, page.Items);
            if (page.NextCursor is null)
            {
                return 0;
            }
            if (!args.Flag("all"))
            {
                await stdout.WriteLineAsync($"(more: the same command with --cursor {page.NextCursor} shows the next page; --all shows every page)");
                return 0;
            }
            cursor = page.NextCursor;
        }
    }

    private static async Task WriteAsync(TextWriter stdout, IReadOnlyList<AuditRecordResponse> records)
    {
        foreach (var record in records)
        {
            await stdout.WriteLineAsync(
                $"{record.At.UtcDateTime:yyyy-MM-dd HH:mm:ss}  {record.ActorEmail ?? record.Credential,-28} {record.Action,-22} {$"{record.ObjectKind} {record.ObjectName}",-36} {record.Source}");
        }
    }

    // "30m", "24h", "7d" (that long ago) or an RFC 3339 timestamp (UTC when it has no offset).
    private static DateTimeOffset? Instant(string option, string? value, DateTimeOffset now)
    {
        if (value is null)
        {
            return null;
        }
        if (value.Length > 1 && int.TryParse(value[..^1], CultureInfo.InvariantCulture, out var amount) && amount > 0)
        {
            var span = value[^1] switch { 'm' => TimeSpan.FromMinutes(amount), 'h' => TimeSpan.FromHours(amount), 'd' => TimeSpan.FromDays(amount), _ => (TimeSpan?)null };
            if (span is { } ago)
            {
                return now - ago;
            }
        }
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : throw new CliUsageException($"--{option} '{value}' is not a duration (30m, 24h, 7d) or an RFC 3339 time.");
    }
}
