namespace Unyo.Cli;

// `unyo slo rules SLO [--out FILE]`: the SLO as a Prometheus rule file, for teams that also alert
// from their own Prometheus. Without --out the YAML goes to standard output.
public static class SloCommand
{
    public static async Task<int> RunAsync(CliArgs args, TextWriter stdout)
    {
        UnyoCli.RejectUnknown(args, "server", "token", "out", "o");
        if (args.Positional is not ["rules", var slo])
        {
            throw new CliUsageException("slo takes a subcommand and an SLO name: unyo slo rules SLO [--out FILE].");
        }
        var yaml = await UnyoCli.Connect(args).GetPrometheusRulesAsync(slo);
        if (args.Value("out", "o") is { } file)
        {
            await File.WriteAllTextAsync(file, yaml);
            await stdout.WriteLineAsync($"Wrote the Prometheus rules of SLO {slo} to {file}.");
        }
        else
        {
            await stdout.WriteAsync(yaml);
        }
        return 0;
    }
}
