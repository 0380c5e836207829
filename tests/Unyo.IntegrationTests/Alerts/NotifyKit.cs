using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Unyo.Data;
using Unyo.Features.Notifications;
using Unyo.Features.Notifications.Outbox;
using Unyo.Features.Notifications.Routes;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Alerts;

/// A server whose clock the test holds and whose dispatcher runs only when the test says, with
/// a recording sender for webhook channels.
public static class NotifyKit
{
    public static Task<UnyoApp> ServerAsync(Servers servers, string provider, FakeTimeProvider clock, RecordingSender sender) =>
        servers.GetIsolatedAsync(provider, $"notify-{Guid.NewGuid():N}",
            new Dictionary<string, string> { ["UNYO_NOTIFY_SEND"] = "false", ["UNYO_PUBLIC_URL"] = "https://unyo.example.com" },
            services: s =>
            {
                s.AddSingleton<TimeProvider>(clock);
                s.AddSingleton<INotificationSender>(sender);
            });

    /// A webhook channel of the team, written straight to the database.
    public static async Task<Guid> ChannelAsync(UnyoApp app, string team, ChannelUse use, string? name = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UnyoDb>();
        var channel = new NotificationChannel
        {
            Id = Guid.NewGuid(),
            Name = name ?? Names.Unique("hook"),
            TeamId = await db.Teams.Where(t => t.Name == team).Select(t => t.Id).SingleAsync(),
            Kind = ChannelKind.Webhook,
            Use = use,
            Settings = "{}",
        };
        db.NotificationChannels.Add(channel);
        await db.SaveChangesAsync();
        // Written behind the API's back: the router learns of it now rather than at its next look.
        await app.Services.GetRequiredService<AlertRouter>().ReloadAsync(CancellationToken.None);
        return channel.Id;
    }

    public static Task<int> DispatchAsync(UnyoApp app) => app.Services.GetRequiredService<NotificationDispatcher>().DispatchOnceAsync(CancellationToken.None);

    public static async Task<List<Notification>> NotificationsAsync(UnyoApp app, long alertId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UnyoDb>().Notifications.AsNoTracking().Where(n => n.AlertId == alertId).OrderBy(n => n.CreatedAt).ToListAsync();
    }

    public static async Task<List<NotificationAttempt>> AttemptsAsync(UnyoApp app, Guid notificationId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UnyoDb>().NotificationAttempts.AsNoTracking().Where(a => a.NotificationId == notificationId).OrderBy(a => a.Id).ToListAsync();
    }
}
