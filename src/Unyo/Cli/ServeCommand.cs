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
        app.Logger.LogInformation("Unyo on {Urls}, database {Database}", settings.Urls, settings.DescribeDatabase());
        await app.RunAsync();
    }
}
