using System.Globalization;
using Unyo.Client;

namespace Unyo.Cli;

// `unyo incident declare --title TEXT --severity N [--service S]… [--summary M] [--commander EMAIL]
// [--private --team T…]`: the same declaration as the API and the page, with source "cli". With a
// person's token the person leads it; a team token should name --commander.
public static class IncidentCommand
{
    public static readonly IReadOnlySet<string> Flags = new HashSet<string> { "private" };

    private const string Usage = "incident takes declare: unyo incident declare --title TEXT --severity 1-4 [--service S]… [--private --team T…].";

    public static async Task<int> RunAsync(CliArgs args, TextWriter stdout)
    {
        if (args.Positional is not ["declare"])
        {
            throw new CliUsageException(Usage);
        }
        UnyoCli.RejectUnknown(args, "server", "token", "title", "severity", "service", "summary", "commander", "private", "team");
        if (args.Value("title") is not { } title)
        {
            throw new CliUsageException("--title is required: one line saying what is broken.");
        }
        if (!int.TryParse(args.Value("severity")?.TrimStart('S', 'E', 'V', 's', 'e', 'v'), NumberStyles.None, CultureInfo.InvariantCulture, out var severity))
        {
            throw new CliUsageException("--severity is required: 1 (SEV1, the worst) to 4.");
        }
        var declared = await UnyoCli.Connect(args).DeclareIncidentAsync(new DeclareIncidentRequest
        {
            Title = title,
            Severity = severity,
            Services = args.Values("service"),
            Summary = args.Value("summary"),
            Commander = args.Value("commander"),
            Private = args.Flag("private"),
            Teams = args.Values("team"),
            Source = "cli",
        });
        var incident = declared.Incident;
        await stdout.WriteLineAsync($"Declared incident #{incident.Id}: SEV{incident.Severity} {incident.Title}");
        await stdout.WriteLineAsync($"Commander: {incident.Commander ?? "nobody yet"}");
        foreach (var warning in declared.Warnings)
        {
            await stdout.WriteLineAsync($"Warning: {warning}");
        }
        return 0;
    }
}
