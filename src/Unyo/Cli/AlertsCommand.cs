using System.Globalization;

namespace Unyo.Cli;

// `unyo alerts list [--status S]… [--service S] [--team T] [--limit N]`, `unyo alerts ack ID`,
// `unyo alerts resolve ID`. Exit 0 when done; a refusal (not found, already done, not your team's)
// exits 1 with the server's message, through UnyoCli's handler.
public static class AlertsCommand
{
    private const string Usage = "alerts takes list, ack ID or resolve ID: unyo alerts list [--status S] [--service S], unyo alerts ack ID, unyo alerts resolve ID.";

    public static async Task<int> RunAsync(CliArgs args, TextWriter stdout)
    {
        switch (args.Positional)
        {
            case ["list"]:
                UnyoCli.RejectUnknown(args, "server", "token", "status", "service", "team", "limit");
                return await ListAsync(args, stdout);
            case ["ack" or "acknowledge", var id]:
                UnyoCli.RejectUnknown(args, "server", "token");
                var acknowledged = await UnyoCli.Connect(args).AcknowledgeAlertAsync(Id(id));
                await stdout.WriteLineAsync($"Acknowledged alert #{acknowledged.Id}: {acknowledged.Summary} ({acknowledged.Service}).");
                return 0;
            case ["resolve", var id]:
                UnyoCli.RejectUnknown(args, "server", "token");
                var resolved = await UnyoCli.Connect(args).ResolveAlertAsync(Id(id));
                await stdout.WriteLineAsync($"Resolved alert #{resolved.Id}: {resolved.Summary} ({resolved.Service}).");
                return 0;
            default:
                throw new CliUsageException(Usage);
        }
    }

    private static async Task<int> ListAsync(CliArgs args, TextWriter stdout)
    {
        var limit = 50;
        if (args.Value("limit") is { } text && (!int.TryParse(text, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > 500))
        {
            throw new CliUsageException("--limit must be a number from 1 to 500.");
        }
        var statuses = args.Values("status").SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        var page = await UnyoCli.Connect(args).ListAlertsAsync(statuses, args.Value("service"), args.Value("team"), limit: limit);
        await stdout.WriteLineAsync($"{"ID",-8} {"STATUS",-13} {"URGENCY",-8} {"SEVERITY",-9} {"SERVICE",-24} {"TRIGGERED (UTC)",-17} SUMMARY");
        foreach (var alert in page.Items)
        {
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{alert.Id,-8} {alert.Status,-13} {alert.Urgency,-8} {alert.Severity,-9} {alert.Service,-24} {alert.FirstSeenAt.UtcDateTime:yyyy-MM-dd HH:mm} {alert.Summary}"));
        }
        if (page.NextCursor is not null)
        {
            await stdout.WriteLineAsync("(more: narrow the filters or raise --limit)");
        }
        return 0;
    }

    private static long Id(string text) =>
        long.TryParse(text.TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? id
            : throw new CliUsageException($"'{text}' is not an alert id (a number, as `unyo alerts list` shows).");
}
