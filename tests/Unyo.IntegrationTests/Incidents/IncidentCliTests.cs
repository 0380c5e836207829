using Unyo.Features.Accounts;
using Unyo.IntegrationTests.Deploys;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Incidents;

public sealed class IncidentCliTests(Servers servers)
{
    [Theory, DatabaseData]
    public async Task UnyoIncidentDeclareDeclaresWithThePersonAsCommanderAndExitsOneWithTheServersReason(string provider)
    {
        var app = await servers.GetAsync(provider);
        var (team, service) = await IncidentKit.TeamAndServiceAsync(app);
        var member = await app.CreateUserAsync(OrgRole.Member, team);
        string[] asMember = ["--server", app.Address.ToString(), "--token", member.Token];

        var declared = await ReleaseGateTests.RunAsync(["incident", "declare", "--title", "Checkout is down", "--severity", "2", "--service", service, "--private", "--team", team, .. asMember]);
        var unknown = await ReleaseGateTests.RunAsync(["incident", "declare", "--title", "x", "--severity", "2", "--service", "no-such-service", .. asMember]);
        var usage = await ReleaseGateTests.RunAsync(["incident", "declare", "--title", "x", .. asMember]);

        Assert.Equal(0, declared.Exit);
        var id = long.Parse(declared.Out.Split('#')[1].Split(':')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"Commander: {member.Email}", declared.Out, StringComparison.Ordinal);
        var detail = await IncidentKit.GetAsync(app.Admin(), id);
        Assert.Equal(("cli", true, 2), (detail.Incident.Source, detail.Incident.Private, detail.Incident.Severity));
        Assert.Equal([service], detail.Incident.Services);
        Assert.Equal([team], detail.Teams);
        Assert.Equal(1, unknown.Exit);
        Assert.Contains("service 'no-such-service' does not exist", unknown.Err, StringComparison.Ordinal);
        Assert.Equal(2, usage.Exit);
        Assert.Contains("--severity is required", usage.Err, StringComparison.Ordinal);
    }
}
