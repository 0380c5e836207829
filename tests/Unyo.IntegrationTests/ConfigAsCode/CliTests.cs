using System.Net;
using System.Net.Http.Json;
using Unyo.IntegrationTests.Accounts;
using Unyo.Cli;
using Unyo.Client;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.ConfigAsCode;

/// The `unyo apply` and `unyo export` verbs against a running server, over real HTTP.
public sealed class CliTests(Servers servers)
{
    private static async Task<(int Exit, string Out, string Err)> RunAsync(string stdin, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await UnyoCli.RunAsync(args, stdout, stderr, new StringReader(stdin));
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Theory, DatabaseData]
    public async Task ApplyADirectoryThenExportPipesBackToAnEmptyPlan(string provider)
    {
        var app = await servers.GetIsolatedAsync(provider, "cli-export");
        var team = Names.Unique("team");
        var service = Names.Unique("svc");
        var directory = Directory.CreateTempSubdirectory("unyo-cli-");
        await File.WriteAllTextAsync(Path.Combine(directory.FullName, "team.yaml"), $"apiVersion: unyo.dev/v1\nkind: Team\nmetadata:\n  name: {team}\n");
        Directory.CreateDirectory(Path.Combine(directory.FullName, "services"));
        await File.WriteAllTextAsync(Path.Combine(directory.FullName, "services", "svc.yml"), $"apiVersion: unyo.dev/v1\nkind: Service\nmetadata:\n  name: {service}\n  team: {team}\nspec:\n  tier: 1\n");
        string[] connection = ["--server", app.Address.ToString(), "--token", UnyoApp.AdminToken];

        var dryRun = await RunAsync("", ["apply", "-f", directory.FullName, "--dry-run", .. connection]);
        var notYet = await app.Admin().GetAsync($"api/v1/services/{service}");
        var applied = await RunAsync("", ["apply", "-f", directory.FullName, .. connection]);
        var exported = await RunAsync("", ["export", .. connection]);
        var replan = await RunAsync(exported.Out, ["apply", "--dry-run", "-f", "-", .. connection]);

        Assert.Equal(0, dryRun.Exit);
        Assert.Contains("2 to create", dryRun.Out);
        Assert.Contains($"+ Service {service}", dryRun.Out);
        Assert.Contains("Dry run: nothing was written.", dryRun.Out);
        Assert.Equal(HttpStatusCode.NotFound, notYet.StatusCode);
        Assert.Equal((0, true), (applied.Exit, applied.Out.Contains("Applied.", StringComparison.Ordinal)));
        Assert.Equal(0, exported.Exit);
        Assert.Equal(0, replan.Exit);
        Assert.Contains("0 to create, 0 to update, 0 to delete", replan.Out);
    }

    // The README's tour: the repository's own examples plan, apply, show up, and export back unchanged.
    [Theory, DatabaseData]
    public async Task TheRepositoryExamplesApplyAndExportBackUnchanged(string provider)
    {
        var app = await servers.GetIsolatedAsync(provider, "cli-examples");
        var examples = Repository.PathOf("examples");
        string[] connection = ["--server", app.Address.ToString(), "--token", UnyoApp.AdminToken];

        var dryRun = await RunAsync("", ["apply", "-f", examples, "--dry-run", .. connection]);
        var applied = await RunAsync("", ["apply", "-f", examples, .. connection]);
        var services = await app.Admin().GetFromJsonAsync<Page<ServiceResponse>>("api/v1/services?limit=100");
        using var browser = new FormClient(app);
        await browser.SignInAsync(UnyoApp.AdminEmail, UnyoApp.AdminPassword);
        await browser.GetAsync("services");
        var exported = await RunAsync("", ["export", .. connection]);
        var replan = await RunAsync(exported.Out, ["apply", "--dry-run", "-f", "-", .. connection]);

        Assert.Equal((0, ""), (dryRun.Exit, dryRun.Err));
        Assert.Contains("Dry run: nothing was written.", dryRun.Out);
        Assert.Equal((0, ""), (applied.Exit, applied.Err));
        Assert.Equal(["checkout", "ledger-db", "payments-api", "search-api"], services!.Items.Select(s => s.Name).Order());
        Assert.Contains("payments-api", browser.Html);
        Assert.Equal(0, replan.Exit);
        Assert.Contains("0 to create, 0 to update, 0 to delete", replan.Out);
    }

    [Theory, DatabaseData]
    public async Task InvalidFilesExitNonZeroAndSayWhere(string provider)
    {
        var app = await servers.GetAsync(provider);

        var result = await RunAsync("apiVersion: unyo.dev/v1\nkind: Service\nmetadata:\n  name: x-y\nspec:\n  tier: high\n",
            ["apply", "-f", "-", "--server", app.Address.ToString(), "--token", UnyoApp.AdminToken]);

        Assert.Equal(1, result.Exit);
        Assert.Contains("<stdin> (document 1, line 6): spec.tier: has the wrong type: expected a number.", result.Err);
    }

    [Fact]
    public async Task UsageErrorsExitWithTwo()
    {
        var missingFile = await RunAsync("", "apply", "--token", "t");
        var unknownVerb = await RunAsync("", "frobnicate");
        var unknownOption = await RunAsync("", "apply", "-f", "-", "--colour", "red", "--token", "t");

        Assert.Equal(2, missingFile.Exit);
        Assert.Contains("apply needs -f", missingFile.Err);
        Assert.Equal(2, unknownVerb.Exit);
        Assert.Contains("unknown command 'frobnicate'", unknownVerb.Err);
        Assert.Equal(2, unknownOption.Exit);
        Assert.Contains("--colour", unknownOption.Err);
    }

    [Fact]
    public async Task AnUnreachableServerIsReportedPlainly()
    {
        var result = await RunAsync("", "export", "--server", "http://127.0.0.1:1", "--token", "t");

        Assert.Equal(1, result.Exit);
        Assert.Contains("cannot reach the server", result.Err);
    }

    [Fact]
    public void ApiExceptionsListEveryFieldError()
    {
        var exception = new UnyoApiException(400, "Invalid", null, new Dictionary<string, string[]> { ["spec.tier"] = ["must be 1-4."] });

        Assert.Contains("spec.tier: must be 1-4.", exception.Message);
    }
}
