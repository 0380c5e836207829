using System.Net;
using Unyo.Cli;
using Unyo.Client;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Slos;

/// GET /api/v1/slos/{name}/prometheus-rules and `unyo slo rules`. (PrometheusSourceTests checks
/// the file with promtool and loads it into a real Prometheus.)
public sealed class PrometheusRulesTests(Servers servers)
{
    private static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await UnyoCli.RunAsync(args, stdout, stderr, new StringReader(""));
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static async Task<(string Native, string Prometheus)> SlosAsync(HttpClient admin)
    {
        var (_, service) = await SloTestKit.CreateServiceAsync(admin);
        var native = Names.Unique("rules-native");
        (await admin.PostJsonAsync("api/v1/slos", SloTestKit.Slo(native, service, await SloTestKit.CreateSliAsync(admin, service)))).EnsureSuccessStatusCode();
        var sli = Names.Unique("rules-sli");
        (await admin.PostJsonAsync("api/v1/slis", new SliRequest
        {
            Name = sli, Service = service, Source = "prometheus",
            Prometheus = new() { Url = "http://127.0.0.1:1", Good = "sum(increase(ok_total[{{window}}]))", Total = "sum(increase(all_total[{{window}}]))" },
        })).EnsureSuccessStatusCode();
        var prometheus = Names.Unique("rules-prom");
        (await admin.PostJsonAsync("api/v1/slos", SloTestKit.Slo(prometheus, service, sli))).EnsureSuccessStatusCode();
        return (native, prometheus);
    }

    [Theory, DatabaseData]
    public async Task RulesAreWrittenForPrometheusSlosAndRefusedForOthers(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (native, prometheus) = await SlosAsync(admin);

        var rules = await admin.GetAsync($"api/v1/slos/{prometheus}/prometheus-rules");
        var refused = await admin.GetAsync($"api/v1/slos/{native}/prometheus-rules");
        var unknown = await admin.GetAsync("api/v1/slos/no-such-slo/prometheus-rules");

        Assert.Equal(HttpStatusCode.OK, rules.StatusCode);
        var yaml = await rules.Content.ReadAsStringAsync();
        Assert.StartsWith($"# Prometheus rules for Unyo SLO {prometheus} ", yaml);
        Assert.Contains("1 - ((sum(sum(increase(ok_total[5m]))) or vector(0)) / sum(sum(increase(all_total[5m]))))", yaml);
        await refused.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("whose source is native: Prometheus rules need an SLI that Prometheus measures", await refused.Content.ReadAsStringAsync());
        await unknown.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory, DatabaseData]
    public async Task TheCliWritesTheRulesToAFileOrStandardOutput(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (native, prometheus) = await SlosAsync(admin);
        string[] connection = ["--server", app.Address.ToString(), "--token", UnyoApp.AdminToken];
        var file = Path.Combine(Directory.CreateTempSubdirectory("unyo-rules-").FullName, "slo.rules.yml");

        var toFile = await RunAsync(["slo", "rules", prometheus, "--out", file, .. connection]);
        var toStdout = await RunAsync(["slo", "rules", prometheus, .. connection]);
        var refused = await RunAsync(["slo", "rules", native, .. connection]);
        var usage = await RunAsync(["slo", "rules", .. connection]);

        Assert.Equal((0, $"Wrote the Prometheus rules of SLO {prometheus} to {file}.\n"), (toFile.Exit, toFile.Out));
        Assert.Contains("alert: UnyoErrorBudgetBurn", await File.ReadAllTextAsync(file));
        Assert.Equal(0, toStdout.Exit);
        Assert.Contains($"- name: unyo-slo-{prometheus}", toStdout.Out);
        Assert.Equal(1, refused.Exit);
        Assert.Contains("the server refused", refused.Err);
        Assert.Contains("whose source is native", refused.Err);
        Assert.Equal(2, usage.Exit);
        Assert.Contains("unyo slo rules SLO [--out FILE]", usage.Err);
    }
}
