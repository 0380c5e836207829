namespace Unyo.Cli;

public static class ExportCommand
{
    public static async Task<int> RunAsync(CliArgs args, TextWriter stdout)
    {
        UnyoCli.RejectUnknown(args, "server", "token", "o", "output");
        var yaml = await UnyoCli.Connect(args).ExportAsync();
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
