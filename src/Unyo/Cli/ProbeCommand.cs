using Unyo.Features.Checks.Locations;
using Unyo.Features.Checks.Probes;

namespace Unyo.Cli;

// `unyo probe --server URL --token TOKEN --location NAME`: a remote probe agent. Runs until it is
// stopped (Ctrl+C or SIGTERM); exits 2 when the token or location is wrong. A server that does not
// answer yet is waited for (ProbeAgent).
public static class ProbeCommand
{
    public static async Task<int> RunAsync(CliArgs args, TextWriter stdout, TextWriter stderr, CancellationToken stopping)
    {
        UnyoCli.RejectUnknown(args, "server", "token", "location", "concurrency", "per-host");
        var location = args.Value("location") ?? Environment.GetEnvironmentVariable("UNYO_PROBE_LOCATION")
            ?? throw new CliUsageException("probe needs --location NAME (or UNYO_PROBE_LOCATION): the location whose checks this agent runs.");
        var options = new ProbeAgentOptions(Number(args, "concurrency", 256, 1, 10_000), Number(args, "per-host", 16, 1, 1000));
        var client = UnyoCli.Connect(args, "UNYO_PROBE_TOKEN");
        using var services = new ServiceCollection()
            .AddLogging(l => l.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "yyyy-MM-ddTHH:mm:ssZ "; o.UseUtcTimestamp = true; }))
            .AddSingleton(TimeProvider.System)
            .AddSingleton<ProbeRunner>()
            .BuildServiceProvider();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("unyo.probe");
        var agent = new ProbeAgent(client, location, services.GetRequiredService<ProbeRunner>(), TimeProvider.System, options, logger);
        try
        {
            await stdout.WriteLineAsync($"unyo probe: running the checks of location '{location}'; Ctrl+C stops.");
            await agent.RunAsync(stopping);
            await stdout.WriteLineAsync($"unyo probe: stopped after sending {agent.Sent} results.");
            return 0;
        }
        catch (ProbeAgentException exception)
        {
            await stderr.WriteLineAsync($"unyo probe: {exception.Message}");
            return 2;
        }
    }

    private static int Number(CliArgs args, string name, int fallback, int min, int max)
    {
        var text = args.Value(name);
        if (text is null)
        {
            return fallback;
        }
        return int.TryParse(text, out var value) && value >= min && value <= max
            ? value
            : throw new CliUsageException($"--{name} '{text}' must be a whole number from {min} to {max}.");
    }
}
