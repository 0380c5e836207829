namespace Unyo.Cli;

public static class ExportCommand
{
    public static async Task<int> RunAsync(CliArgs args, TextWriter stdout)
    {
        UnyoCli.RejectUnknown(args, "server", "token", "o", "output", "format");
        var format = args.Value("format");
        if (format is not (null or "yaml" or "openslo"))
        {
            throw new CliUsageException($"--format {format}: use yaml (the default) or openslo.");
        }
        var yaml = await UnyoCli.Connect(args).ExportAsync(format);
        if (args.Value("o", "output") is { } file)
        {
            await File.WriteAllTextAsync(file, yaml);
        }
        else
        {
            await stdout.WriteAsync(yaml);
        }
        return 0;
    }
}
