using Unyo.Features.Accounts;
using Unyo.IntegrationTests.Deploys;
using Unyo.IntegrationTests.Infrastructure;
using Unyo.IntegrationTests.Slos;

namespace Unyo.IntegrationTests.Alerts;

public sealed class AlertCliTests(Servers servers)
{
    [Theory, DatabaseData]
    public async Task UnyoAlertsListsAcknowledgesAndResolvesAndExitsOneWithTheServersReasonWhenRefused(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (team, service) = await SloTestKit.CreateServiceAsync(admin);
        var ids = await AlertApiKit.TriggerAsync(app, service, ("db", "Database down", "critical"), ("disk", "Disk 70% full", "warning"));
        var member = await app.CreateUserAsync(OrgRole.Member, team);
        var viewer = await app.CreateUserAsync(OrgRole.Viewer);
        string[] asMember = ["--server", app.Address.ToString(), "--token", member.Token];

        var listed = await ReleaseGateTests.RunAsync(["alerts", "list", "--service", service, .. asMember]);
        var acked = await ReleaseGateTests.RunAsync(["alerts", "ack", ids[0].ToString(System.Globalization.CultureInfo.InvariantCulture), .. asMember]);
        var ackedAgain = await ReleaseGateTests.RunAsync(["alerts", "ack", ids[0].ToString(System.Globalization.CultureInfo.InvariantCulture), .. asMember]);
        var onlyAcked = await ReleaseGateTests.RunAsync(["alerts", "list", "--service", service, "--status", "acknowledged", .. asMember]);
        var refused = await ReleaseGateTests.RunAsync(["alerts", "resolve", ids[1].ToString(System.Globalization.CultureInfo.InvariantCulture), "--server", app.Address.ToString(), "--token", viewer.Token]);
        var resolved = await ReleaseGateTests.RunAsync(["alerts", "resolve", $"#{ids[1]}", .. asMember]);
        var missing = await ReleaseGateTests.RunAsync(["alerts", "resolve", "999999999", .. asMember]);
        var usage = await ReleaseGateTests.RunAsync(["alerts", "ack", "first", .. asMember]);

        Assert.Equal(0, listed.Exit);
        var lines = listed.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("ID", lines[0]);
        Assert.StartsWith($"{ids[1]} ", lines[1]);
        Assert.Contains("triggered", lines[1]);
        Assert.Contains("Disk 70% full", lines[1]);
        Assert.StartsWith($"{ids[0]} ", lines[2]);
        Assert.Equal((0, $"Acknowledged alert #{ids[0]}: Database down ({service}).\n"), (acked.Exit, acked.Out.ReplaceLineEndings("\n")));
        Assert.Equal(1, ackedAgain.Exit);
        Assert.Contains($"409 Conflict.", ackedAgain.Err);
        Assert.Contains($"Alert #{ids[0]} is already acknowledged", ackedAgain.Err);
        Assert.Equal(2, onlyAcked.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(1, refused.Exit);
        Assert.Contains("403", refused.Err);
        Assert.Equal(0, resolved.Exit);
        Assert.Equal(1, missing.Exit);
        Assert.Contains("There is no alert with id '999999999'", missing.Err);
        Assert.Equal(2, usage.Exit);
        Assert.Contains("'first' is not an alert id", usage.Err);
    }
}
