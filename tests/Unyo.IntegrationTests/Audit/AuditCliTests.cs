using Unyo.Cli;
using Unyo.Features.Audit;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Audit;

/// `unyo audit` over a real server: a time range with --since/--until, and paging by the API's
/// cursor, one page at a time (--cursor) or all of them (--all).
public sealed class AuditCliTests(Servers servers)
{
    [Theory, DatabaseData]
    public async Task UntilAndSinceKeepOnlyRecordsInsideTheRange(string provider)
    {
        var (app, name) = await SeedAsync(provider);

        var older = await RunAsync(app, "--name", name, "--until", "90m");
        var window = await RunAsync(app, "--name", name, "--since", "150m", "--until", "30m");

        Assert.Equal(0, older.Exit);
        Assert.Equal(["team.update", "team.create"], Actions(older.Lines));
        Assert.Equal(["team.delete", "team.update"], Actions(window.Lines));
        Assert.DoesNotContain(older.Lines, l => l.StartsWith("(more", StringComparison.Ordinal));
    }

    [Theory, DatabaseData]
    public async Task ACursorContinuesWhereThePreviousPageStopped(string provider)
    {
        var (app, name) = await SeedAsync(provider);

        var first = await RunAsync(app, "--name", name, "--limit", "2");
        var cursor = NextCursor(first.Lines);
        var second = await RunAsync(app, "--name", name, "--limit", "2", "--cursor", cursor);

        Assert.Equal(["team.member-add", "team.delete"], Actions(first.Lines));
        Assert.Equal(["team.update", "team.create"], Actions(second.Lines));
        Assert.DoesNotContain(second.Lines, l => l.StartsWith("(more", StringComparison.Ordinal));
    }

    [Theory, DatabaseData]
    public async Task AllFollowsEveryPageNewestFirst(string provider)
    {
        var (app, name) = await SeedAsync(provider);

        var all = await RunAsync(app, "--name", name, "--limit", "1", "--all");

        Assert.Equal(0, all.Exit);
        Assert.Equal(["team.member-add", "team.delete", "team.update", "team.create"], Actions(all.Lines));
        Assert.Single(all.Lines, l => l.StartsWith("TIME (UTC)", StringComparison.Ordinal));
        Assert.DoesNotContain(all.Lines, l => l.StartsWith("(more", StringComparison.Ordinal));
    }

    [Theory, DatabaseData]
    public async Task ARangeThatEndsBeforeItStartsOrAnUnreadableTimeIsAUsageError(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var backwards = new StringWriter();
        using var unreadable = new StringWriter();

        var exitBackwards = await UnyoCli.RunAsync(["audit", "--since", "1h", "--until", "2h", "--server", app.Address.ToString(), "--token", UnyoApp.AdminToken], TextWriter.Null, backwards, TextReader.Null);
        var exitUnreadable = await UnyoCli.RunAsync(["audit", "--until", "yesterday", "--server", app.Address.ToString(), "--token", UnyoApp.AdminToken], TextWriter.Null, unreadable, TextReader.Null);

        Assert.Equal(2, exitBackwards);
        Assert.Contains("--until must be later than --since", backwards.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, exitUnreadable);
        Assert.Contains("--until 'yesterday' is not a duration", unreadable.ToString(), StringComparison.Ordinal);
    }

    // Four records of one object, an hour apart (the newest 10 minutes ago), written directly so
    // their times are known.
    private async Task<(UnyoApp App, string Name)> SeedAsync(string provider)
    {
        var app = await servers.GetAsync(provider);
        var name = Names.Unique("cli-page");
        app.WithDb(db =>
        {
            var now = TimeProvider.System.GetUtcNow();
            string[] actions = ["team.create", "team.update", "team.delete", "team.member-add"];
            for (var i = 0; i < actions.Length; i++)
            {
                db.AuditRecords.Add(new AuditRecord { At = now - TimeSpan.FromMinutes(190 - (60 * i)), Credential = "system", Action = actions[i], ObjectKind = "Team", ObjectName = name, Source = "system" });
                db.SaveChanges();
            }
            return 0;
        });
        return (app, name);
    }

    private static async Task<(int Exit, string[] Lines)> RunAsync(UnyoApp app, params string[] options)
    {
        using var stdout = new StringWriter();
        var exit = await UnyoCli.RunAsync(["audit", .. options, "--server", app.Address.ToString(), "--token", UnyoApp.AdminToken], stdout, TextWriter.Null, TextReader.Null);
        return (exit, stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    private static string[] Actions(string[] lines) =>
        [.. lines.Where(l => l.Contains(" Team cli-page", StringComparison.Ordinal)).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3])];

    private static string NextCursor(string[] lines)
    {
        var hint = Assert.Single(lines, l => l.StartsWith("(more", StringComparison.Ordinal));
        var words = hint.Split(' ');
        return words[Array.IndexOf(words, "--cursor") + 1];
    }
}
