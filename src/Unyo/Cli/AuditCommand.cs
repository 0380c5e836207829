using System.Globalization;

namespace Unyo.Cli;

// `unyo audit [--actor EMAIL] [--kind KIND] [--name NAME] [--action ACTION] [--since 24h|7d|RFC3339] [--limit N]`
public static class AuditCommand
{
    public static async Task<int> RunAsync(CliArgs args, TextWriter stdout)
    {
        UnyoCli.RejectUnknown(args, "server", "token", "actor", "kind", "name", "action", "since", "limit");
        var limit = 50;
        if (args.Value("limit") is { } text && (!int.TryParse(text, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > 500))
        {
            throw new CliUsageException("--limit must be a number from 1 to 500.");
        }
        var page = await UnyoCli.Connect(args).ListAuditAsync(
            args.Value("actor"), args.Value("kind"), args.Value("name"), args.Value("action"), Since(args.Value("since")), limit: limit);
        await stdout.WriteLineAsync($"{"TIME (UTC)",-20} {"ACTOR",-28} {"ACTION",-22} {"OBJECT",-36} SOURCE");
        foreach (var record in page.Items)
        {
            await stdout.WriteLineAsync(
                $"{record.At.UtcDateTime:yyyy-MM-dd HH:mm:ss}  {record.ActorEmail ?? record.Credential,-28} {record.Action,-22} {$"{record.ObjectKind} {record.ObjectName}",-36} {record.Source}");
        }
        if (page.NextCursor is not null)
        {
            await stdout.WriteLineAsync($"(more: narrow the filters or raise --limit)");
        }
        return 0;
    }

    // "24h", "7d", "30m" or an RFC 3339 timestamp.
    private static DateTimeOffset? Since(string? value)
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
                return TimeProvider.System.GetUtcNow() - ago;
            }
        }
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : throw new CliUsageException($"--since '{value}' is not a duration (30m, 24h, 7d) or an RFC 3339 time.");
    }
}
