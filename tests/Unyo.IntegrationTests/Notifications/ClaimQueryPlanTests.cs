using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Unyo.Data;
using Unyo.Features.Notifications;
using Unyo.Features.Notifications.Outbox;
using Unyo.IntegrationTests.Alerts;
using Unyo.IntegrationTests.Infrastructure;
using Unyo.IntegrationTests.Slos;

namespace Unyo.IntegrationTests.Notifications;

/// The dispatcher's claim looks, for every due row, for an earlier pending one of the same alert
/// and channel; with an outbox full of history that look must go through an index, not a scan.
public sealed class ClaimQueryPlanTests(Servers servers, ITestOutputHelper output)
{
    private const int History = 50_000;
    private const int Pending = 200;
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory, DatabaseData]
    public async Task TheClaimFindsEarlierPendingNotificationsThroughTheAlertAndChannelIndex(string provider)
    {
        var clock = new FakeTimeProvider(Start);
        var app = await NotifyKit.ServerAsync(servers, provider, clock, new RecordingSender());
        using var admin = app.Admin();
        var (team, _) = await SloTestKit.CreateServiceAsync(admin);
        var channel = await NotifyKit.ChannelAsync(app, team, ChannelUse.Paging);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UnyoDb>();
        var postgres = provider == Providers.Postgres;
        await FillAsync(db, channel, postgres);

        var query = NotificationDispatcher.DueQuery(db, clock.GetUtcNow()).Select(n => n.Id).Take(32);
        await db.Database.OpenConnectionAsync();
        await using var command = query.CreateDbCommand();
        var sql = command.CommandText;
        command.CommandText = (postgres ? "EXPLAIN ANALYZE " : "EXPLAIN QUERY PLAN ") + sql;
        var plan = await ReadAsync(command, postgres ? 0 : 3);
        output.WriteLine(sql);
        output.WriteLine(string.Join('\n', plan));

        command.CommandText = sql;
        var timer = Stopwatch.StartNew();
        var due = await ReadAsync(command, 0);
        output.WriteLine($"{due.Count} due in {timer.Elapsed.TotalMilliseconds:F1} ms");

        // The newest pending row of each alert waits behind its older one; the older ones are due.
        Assert.Equal(32, due.Count);
        Assert.Equal(Pending / 2, await NotificationDispatcher.DueQuery(db, clock.GetUtcNow()).CountAsync());
        Assert.False(await NotificationDispatcher.DueQuery(db, clock.GetUtcNow()).AnyAsync(n => n.Event != NotificationEvent.Triggered));
        Assert.Contains(plan, line => line.Contains("IX_Notifications_AlertId_ChannelId_Status_CreatedAt", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, line => postgres ? line.Contains("Seq Scan", StringComparison.Ordinal) : line.StartsWith("SCAN ", StringComparison.Ordinal) || line.Contains(" SCAN ", StringComparison.Ordinal));
    }

    // History: delivered notifications of many alerts; now: a few alerts with two pending each.
    private static async Task FillAsync(UnyoDb db, Guid channel, bool postgres)
    {
        var at = postgres ? "'2026-06-01 11:00:00+00'" : Start.AddHours(-1).UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var later = postgres ? "'2026-06-01 11:00:01+00'" : Start.AddHours(-1).AddSeconds(1).UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var series = postgres ? $"generate_series(1, {History}) AS s(i)" : $"(WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < {History}) SELECT i FROM s)";
        var id = postgres ? "gen_random_uuid()" : "lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-a' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))";
        var columns = "\"Id\", \"ChannelId\", \"AlertId\", \"Event\", \"Message\", \"Status\", \"Attempts\", \"CreatedAt\", \"NextAttemptAt\", \"GiveUpAt\"";
        var channelValue = postgres ? $"'{channel}'::uuid" : $"'{channel.ToString().ToUpperInvariant()}'";
        // Built from the test's own constants, nothing from outside.
        string[] inserts =
        [
            $"INSERT INTO \"Notifications\" ({columns}) SELECT {id}, {channelValue}, i, 'Triggered', '-', 'Delivered', 1, {at}, {at}, {at} FROM {series}",
            // Two pending rows for each of the last alerts: a trigger being retried and the resolve behind it.
            $"INSERT INTO \"Notifications\" ({columns}) SELECT {id}, {channelValue}, i, 'Triggered', '-', 'Pending', 1, {at}, {at}, {later} FROM {series} WHERE i > {History - Pending / 2}",
            $"INSERT INTO \"Notifications\" ({columns}) SELECT {id}, {channelValue}, i, 'Resolved', '-', 'Pending', 0, {later}, {later}, {later} FROM {series} WHERE i > {History - Pending / 2}",
            "ANALYZE",
        ];
        foreach (var insert in inserts)
        {
            await db.Database.ExecuteSqlRawAsync(insert);
        }
    }

    private static async Task<List<string>> ReadAsync(DbCommand command, int column)
    {
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(Convert.ToString(reader.GetValue(column), System.Globalization.CultureInfo.InvariantCulture) ?? "");
        }
        return lines;
    }
}
