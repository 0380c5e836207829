using Unyo.Client;

namespace Unyo.Cli;

// `unyo apply -f FILE|DIR|-`: sends the YAML to the server, which validates, plans and applies
// it in one transaction; prints the plan.
public static class ApplyCommand
{
    public static readonly IReadOnlySet<string> Flags = new HashSet<string> { "dry-run", "prune", "verbose", "v" };

    public static async Task<int> RunAsync(CliArgs args, TextWriter stdout, TextReader stdin)
    {
        UnyoCli.RejectUnknown(args, "server", "token", "f", "filename", "dry-run", "prune", "verbose", "v");
        var paths = args.Values("f", "filename");
        if (paths.Count == 0)
        {
            throw new CliUsageException("apply needs -f FILE, -f DIR or -f - (standard input).");
        }
        var files = new List<ApplyFile>();
        foreach (var path in paths)
        {
            files.AddRange(await ReadAsync(path, stdin));
        }
        if (files.Count == 0)
        {
            throw new CliUsageException($"no .yaml or .yml files in {string.Join(", ", paths)}.");
        }
        var request = new ApplyRequest { Files = files, DryRun = args.Flag("dry-run"), Prune = args.Flag("prune") };
        var response = await UnyoCli.Connect(args).ApplyAsync(request);
        await PrintAsync(response, args.Flag("verbose") || args.Flag("v"), stdout);
        return 0;
    }

    private static async Task<List<ApplyFile>> ReadAsync(string path, TextReader stdin)
    {
        if (path == "-")
        {
            return [new ApplyFile("<stdin>", await stdin.ReadToEndAsync())];
        }
        if (Directory.Exists(path))
        {
            var files = Directory.EnumerateFiles(path, "*.*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal);
            var result = new List<ApplyFile>();
            foreach (var file in files)
            {
                result.Add(new ApplyFile(Path.GetRelativePath(Directory.GetCurrentDirectory(), file), await File.ReadAllTextAsync(file)));
            }
            return result;
        }
        if (File.Exists(path))
        {
            return [new ApplyFile(path, await File.ReadAllTextAsync(path))];
        }
        throw new CliUsageException($"{path}: no such file or directory.");
    }

    public static async Task PrintAsync(ApplyResponse response, bool verbose, TextWriter stdout)
    {
        int Count(string action) => response.Changes.Count(c => c.Action == action);
        await stdout.WriteLineAsync($"Plan: {Count("create")} to create, {Count("update")} to update, {Count("delete")} to delete, {Count("unchanged")} unchanged.");
        foreach (var change in response.Changes.Where(c => verbose || c.Action != "unchanged"))
        {
            var mark = change.Action switch { "create" => "+", "update" => "~", "delete" => "-", _ => "=" };
            await stdout.WriteLineAsync($"  {mark} {change.Kind} {change.Name}");
            foreach (var field in change.Fields)
            {
                await stdout.WriteLineAsync($"      {field.Path}: {field.Before ?? "(none)"} → {field.After ?? "(none)"}");
            }
        }
        foreach (var warning in response.Warnings)
        {
            await stdout.WriteLineAsync($"warning: {warning}");
        }
        await stdout.WriteLineAsync(response.DryRun ? "Dry run: nothing was written." : response.Changes.All(c => c.Action == "unchanged") ? "Nothing to do." : "Applied.");
    }
}
