using Unyo.Client;

namespace Unyo.Cli;

// `unyo gate SERVICE [--label L]…`: for CI/CD pipelines. Prints the decision and its reasons;
// exits 0 when the release may go out (allow, warn, exempt or overridden) and 1 when frozen, so
// a pipeline step stops the deploy by failing.
public static class GateCommand
{
    public static async Task<int> RunAsync(CliArgs args, TextWriter stdout)
    {
        UnyoCli.RejectUnknown(args, "server", "token", "label", "labels");
        if (args.Positional.Count != 1)
        {
            throw new CliUsageException("gate takes one service name: unyo gate SERVICE [--label rollback].");
        }
        var labels = args.Values("label", "labels").SelectMany(l => l.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        var gate = await UnyoCli.Connect(args).GetReleaseGateAsync(args.Positional[0], labels);
        var verdict = gate.Allowed ? (gate.Decision == "allow" ? "ALLOWED" : $"ALLOWED ({gate.Decision})") : "FROZEN";
        await stdout.WriteLineAsync($"{gate.Service}: {verdict}");
        foreach (var reason in gate.Reasons)
        {
            await stdout.WriteLineAsync($"  - {reason}");
        }
        await stdout.WriteLineAsync($"  {PolicyLabel(gate)}: {gate.Policy}");
        return gate.Allowed ? 0 : 1;
    }

    // Names the policy the way the gate's reasons do, so a pipeline log says which one to change.
    private static string PolicyLabel(ReleaseGateResponse gate) => gate.PolicySource switch
    {
        "service" => $"policy '{gate.PolicyName}'",
        "default" => $"organisation default policy '{gate.PolicyName}'",
        _ => "built-in policy",
    };
}
