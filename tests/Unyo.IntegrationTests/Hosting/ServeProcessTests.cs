using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Unyo.IntegrationTests.Hosting;

/// `unyo serve` as a real process, started from another directory, as the README runs it: it must
/// find its own stylesheet and settings, keep its data where it was told, and stay quiet per request.
public sealed class ServeProcessTests
{
    [Fact]
    public async Task ServeFromAnotherDirectoryServesPagesAndKeepsDataInTheGivenDirectory()
    {
        var workDir = Directory.CreateTempSubdirectory("unyo-serve-").FullName;
        var port = FreePort();
        var output = new StringBuilder();
        var program = Path.Combine(AppContext.BaseDirectory, "unyo.dll");
        using var process = Process.Start(new ProcessStartInfo("dotnet", $"\"{program}\" serve --urls http://127.0.0.1:{port} --data data")
        {
            WorkingDirectory = workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["UNYO_ADMIN_TOKEN"] = "unyo_process_test_token_000001", ["ASPNETCORE_ENVIRONMENT"] = "Production" },
        })!;
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            await WaitUntilReadyAsync(client, process, output);

            var css = await client.GetAsync("app.css");
            var signIn = await client.GetStringAsync("signin");
            for (var i = 0; i < 5; i++)
            {
                await client.GetAsync("healthz");
            }

            Assert.Equal(HttpStatusCode.OK, css.StatusCode);
            Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
            Assert.Contains("<form", signIn);
            Assert.True(File.Exists(Path.Combine(workDir, "data", "unyo.db")));
            string log;
            lock (output)
            {
                log = output.ToString();
            }
            Assert.Contains("API token: from UNYO_ADMIN_TOKEN", log);
            Assert.DoesNotContain("Request starting", log);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static async Task WaitUntilReadyAsync(HttpClient client, Process process, StringBuilder output)
    {
        // Up to two minutes: a first start migrates a new database, slow on a busy two-core runner.
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(2))
        {
            if (process.HasExited)
            {
                break;
            }
            try
            {
                if ((await client.GetAsync("readyz")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(250);
        }
        lock (output)
        {
            Assert.Fail($"unyo serve did not become ready:\n{output}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
