using Unyo.Client;

namespace Unyo.Cli;

// `unyo VERB`: serve (the default) runs the server; the other verbs are clients of a running
// server or one-off maintenance.
public static class UnyoCli
{
    public const string Usage = """
        Usage: unyo <command> [options]

        Commands:
          serve      Run the server (the default).  --urls URL  --data DIR  --database POSTGRES
          migrate    Apply database migrations and exit.  --data DIR  --database POSTGRES
          apply      Apply YAML files (Unyo, OpenSLO v1, Backstage).  -f FILE|DIR|- (repeatable)
                     [--dry-run] [--prune] [--verbose]
          export     Write the current configuration as YAML.  [-o FILE] [--format yaml|openslo]
          audit      Read the audit log, newest first.  [--actor EMAIL] [--kind KIND] [--name NAME]
                     [--action ACTION] [--since 24h|7d|RFC3339] [--until 1h|RFC3339] [--limit N]
                     [--cursor CURSOR (the next page, as the last line says)] [--all (every page)]
          alerts     List alerts, newest first, or act on one: list [--status S]… [--service S]
                     [--team T] [--limit N] | ack ID | resolve ID
          incident   Declare an incident: declare --title TEXT --severity 1-4 [--service S]…
                     [--summary MARKDOWN] [--commander EMAIL] [--private --team T…]
          gate       May SERVICE ship now? Exit 0 allowed, 1 frozen.  SERVICE [--label rollback]
          probe      Run a probe agent: the checks of one location, results sent to the server.
                     --location NAME (the location's agent token as --token or UNYO_PROBE_TOKEN)
          slo rules  Prometheus recording and burn-rate alerting rules for an SLO whose SLI reads
                     from Prometheus.  SLO [--out FILE]
          version    Print the version.

        Client commands talk to --server URL (or UNYO_SERVER, default http://127.0.0.1:8080)
        with --token TOKEN (or UNYO_TOKEN).
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, TextReader stdin)
    {
        // Hosts such as WebApplicationFactory start the program with only `--key=value` options.
        var verb = args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal) ? "serve" : args[0];
        var rest = verb == "serve" && (args.Length == 0 || args[0] != "serve") ? args : args[1..];
        try
        {
            switch (verb)
            {
                case "serve":
                    await ServeCommand.RunAsync(rest);
                    return 0;
                case "migrate":
                    return await MigrateCommand.RunAsync(rest, stdout);
                case "apply":
                    return await ApplyCommand.RunAsync(CliArgs.Parse(rest, ApplyCommand.Flags), stdout, stdin);
                case "audit":
                    return await AuditCommand.RunAsync(CliArgs.Parse(rest, AuditCommand.Flags), stdout);
                case "alerts":
                    return await AlertsCommand.RunAsync(CliArgs.Parse(rest, new HashSet<string>()), stdout);
                case "incident":
                    return await IncidentCommand.RunAsync(CliArgs.Parse(rest, IncidentCommand.Flags), stdout);
                case "gate":
                    return await GateCommand.RunAsync(CliArgs.Parse(rest, new HashSet<string>()), stdout);
                case "probe":
                    return await ProbeCommand.RunAsync(CliArgs.Parse(rest, new HashSet<string>()), stdout, stderr, StopSignal());
                case "slo":
                    return await SloCommand.RunAsync(CliArgs.Parse(rest, new HashSet<string>()), stdout);
                case "export":
                    return await ExportCommand.RunAsync(CliArgs.Parse(rest, new HashSet<string>()), stdout);
                case "version" or "--version":
                    await stdout.WriteLineAsync(typeof(UnyoCli).Assembly.GetName().Version?.ToString(3));
                    return 0;
                case "help" or "-h" or "--help":
                    await stdout.WriteLineAsync(Usage);
                    return 0;
                default:
                    throw new CliUsageException($"unknown command '{verb}'.");
            }
        }
        catch (CliUsageException exception)
        {
            await stderr.WriteLineAsync($"unyo: {exception.Message}{Environment.NewLine}{Environment.NewLine}{Usage}");
            return 2;
        }
        catch (UnyoApiException exception)
        {
            await stderr.WriteLineAsync($"unyo: the server refused: {exception.Message}");
            return 1;
        }
        catch (HttpRequestException exception)
        {
            await stderr.WriteLineAsync($"unyo: cannot reach the server: {exception.Message}");
            return 1;
        }
    }

    public static UnyoClient Connect(CliArgs args, string tokenVariable = "UNYO_TOKEN")
    {
        var server = args.Value("server") ?? Environment.GetEnvironmentVariable("UNYO_SERVER") ?? "http://127.0.0.1:8080";
        var token = args.Value("token") ?? Environment.GetEnvironmentVariable(tokenVariable);
        if (!Uri.TryCreate(server.EndsWith('/') ? server : server + "/", UriKind.Absolute, out var uri))
        {
            throw new CliUsageException($"--server '{server}' is not a URL.");
        }
        if (string.IsNullOrEmpty(token))
        {
            throw new CliUsageException($"no token: pass --token or set {tokenVariable}.");
        }
        return UnyoClient.Create(uri, token);
    }

    private static System.Runtime.InteropServices.PosixSignalRegistration? _sigterm;

    // Cancelled by Ctrl+C or SIGTERM, so a long-running verb stops cleanly.
    private static CancellationToken StopSignal()
    {
        var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        // Kept in a field: a collected registration would stop listening.
        _sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            stop.Cancel();
        });
        return stop.Token;
    }

    public static void RejectUnknown(CliArgs args, params string[] known)
    {
        if (args.Names.FirstOrDefault(n => !known.Contains(n)) is { } unknown)
        {
            throw new CliUsageException($"unknown option --{unknown}.");
        }
    }
}
