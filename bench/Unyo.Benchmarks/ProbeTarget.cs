using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Unyo.Benchmarks;

/// The local target of the probe-http scenario: Kestrel answering GET /health with a small body,
/// run as a child process so that its CPU time is not counted as the prober's.
public static class ProbeTarget
{
    public const string Body = """{"status":"ok"}""";

    // The child: prints its port, then serves until its standard input closes.
    public static async Task<int> ServeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/health", () => Results.Text(Body, "application/json"));
        await app.StartAsync();
        Console.WriteLine(new Uri(app.Urls.First()).Port);
        await Console.In.ReadToEndAsync();
        await app.StopAsync();
        return 0;
    }

    public static (Process Process, int Port) Start()
    {
        // Started the way this process was: its apphost, or `dotnet` with the assembly.
        var host = Environment.ProcessPath!;
        string[] arguments = Path.GetFileNameWithoutExtension(host) == "dotnet"
            ? [typeof(ProbeTarget).Assembly.Location, "probe-target"]
            : ["probe-target"];
        var process = Process.Start(new ProcessStartInfo(host, arguments)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        var port = int.Parse(process.StandardOutput.ReadLine()!, System.Globalization.CultureInfo.InvariantCulture);
        return (process, port);
    }
}
