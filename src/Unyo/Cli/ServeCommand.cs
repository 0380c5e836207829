namespace Unyo.Cli;

public static class ServeCommand
{
    public static async Task RunAsync(string[] args)
    {
        var app = UnyoServer.Build(args);
        var settings = app.Services.GetRequiredService<Hosting.UnyoSettings>();
        if (settings.Provider == Data.DatabaseProvider.Sqlite)
        {
            Directory.CreateDirectory(settings.DataDirectory);
        }
        // The collector decides much of the memory a node holds (docs/benchmarks.md): say which runs.
        var collector = $"{(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC, background collection {(System.Runtime.GCSettings.LatencyMode == System.Runtime.GCLatencyMode.Batch ? "off" : "on")}";
        app.Logger.LogInformation("Unyo on {Urls}, database {Database}, {Collector}", settings.Urls, settings.DescribeDatabase(), collector);
        await app.RunAsync();
    }
}
