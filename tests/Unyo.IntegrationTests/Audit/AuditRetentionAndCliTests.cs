using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Unyo.Cli;
using Unyo.Client;
using Unyo.Features.Audit;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Audit;

public sealed class AuditRetentionAndCliTests(Servers servers)
{
    [Theory, DatabaseData]
    public async Task RetentionDeletesOnlyRecordsOlderThanItsWindow(string provider)
    {
        var app = await servers.GetIsolatedAsync(provider, "audit-retention");
        using var scope = app.Services.CreateScope();
        var retention = scope.ServiceProvider.GetRequiredService<AuditRetention>();
        var (old, recent) = (Names.Unique("old"), Names.Unique("recent"));
        app.WithDb(db =>
        {
            var now = TimeProvider.System.GetUtcNow();
            db.AuditRecords.Add(new AuditRecord { At = now - retention.Retention - TimeSpan.FromDays(1), Credential = "system", Action = "team.create", ObjectKind = "Team", ObjectName = old, Source = "system" });
            db.AuditRecords.Add(new AuditRecord { At = now - retention.Retention + TimeSpan.FromDays(1), Credential = "system", Action = "team.create", ObjectKind = "Team", ObjectName = recent, Source = "system" });
            return db.SaveChanges();
        });

        var deleted = await retention.RunAsync(CancellationToken.None);

        Assert.Equal(1, deleted);
        Assert.Equal(400, retention.Retention.TotalDays);
        Assert.Equal([recent], app.WithDb(db => db.AuditRecords.Where(r => r.ObjectName == old || r.ObjectName == recent).Select(r => r.ObjectName).ToList()));
    }

    [Theory, DatabaseData]
    public async Task TheAuditVerbPrintsRecordsNewestFirst(string provider)
    {
        var app = await servers.GetAsync(provider);
        var team = Names.Unique("cli-audit");
        (await app.Admin().PostJsonAsync("api/v1/teams", new TeamRequest { Name = team })).EnsureSuccessStatusCode();
        using var stdout = new StringWriter();

        var exit = await UnyoCli.RunAsync(["audit", "--kind", "Team", "--name", team, "--since", "1h", "--server", app.Address.ToString(), "--token", UnyoApp.AdminToken], stdout, TextWriter.Null, TextReader.Null);

        Assert.Equal(0, exit);
        var lines = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("TIME (UTC)", lines[0]);
        Assert.Contains($"team.create", lines[1]);
        Assert.Contains($"Team {team}", lines[1]);
        Assert.Contains(UnyoApp.AdminEmail, lines[1]);
    }

    [Theory, DatabaseData]
    public async Task PagesAndApiAnswersCarrySecurityHeaders(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var client = app.Client();

        var page = await client.GetAsync("signin");
        var api = await client.GetAsync("api/v1/services");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        foreach (var response in new[] { page, api })
        {
            Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        }
        Assert.False(page.Headers.Contains("Strict-Transport-Security"));
    }
}
