using Microsoft.Extensions.DependencyInjection;
using Unyo.Data;
using Unyo.Features.Notifications;
using Unyo.Hosting;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Notifications;

/// Channels for route tests, written straight to the table: the channels API is another part's.
public static class RoutesKit
{
    public static async Task<Guid> CreateChannelAsync(UnyoApp app, string team, string name, ChannelUse use, bool enabled = true)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<UnyoDb>();
        var now = TimeProvider.System.GetUtcNow();
        var channel = new NotificationChannel
        {
            Id = Guid.CreateVersion7(),
            Name = name,
            TeamId = db.Teams.Single(t => t.Name == team).Id,
            Kind = ChannelKind.Webhook,
            Use = use,
            Enabled = enabled,
            Settings = "{}",
            ManagedBy = ManagedBy.Api,
            Revision = 1,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.NotificationChannels.Add(channel);
        await db.SaveChangesAsync();
        return channel.Id;
    }
}
