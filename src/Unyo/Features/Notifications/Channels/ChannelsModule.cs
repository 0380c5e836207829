using Unyo.Features.Accounts;
using Unyo.Features.ConfigAsCode;
using Unyo.Features.Notifications.Channels.Senders;
using Unyo.Hosting;

namespace Unyo.Features.Notifications.Channels;

public static class ChannelsModule
{
    public static IServiceCollection AddChannels(this IServiceCollection services, IConfiguration configuration) =>
        services.AddChannelHttp()
                .AddSingleton(SmtpOptions.Read(configuration))
                .AddSingleton<INotificationSender, EmailSender>()
                .AddSingleton<INotificationSender, SlackSender>()
                .AddSingleton<INotificationSender, TeamsSender>()
                .AddSingleton<INotificationSender, DiscordSender>()
                .AddSingleton<INotificationSender, MattermostSender>()
                .AddSingleton<INotificationSender, WebhookSender>()
                .AddSingleton<INotificationSender, PagerDutySender>()
                .AddSingleton<INotificationSender, SmsSender>()
                .AddSingleton<INotificationSender, VoiceSender>()
                .AddSingleton<ChannelSenders>()
                .AddSingleton<ChannelSecrets>()
                .AddScoped<ChannelTargets>()
                .AddScoped<ChannelCatalog>()
                .AddScoped<ChannelAccess>()
                .AddScoped<ChannelTest>()
                .AddScoped<ITeamReferences, ChannelReferences>()
                .AddScoped<IConfigKind, NotificationChannelKind>();

    public static IEndpointRouteBuilder MapChannels(this IEndpointRouteBuilder app)
    {
        // Members write their own teams' channels; the handlers check whose they are.
        var group = app.MapGroup("/api/v1/notification-channels").WithTags("Notification channels").RequireAuthorization(Policies.Read);
        group.MapGet("/", ChannelEndpoints.List);
        group.MapGet("/{name}", ChannelEndpoints.Get);
        // Not idempotent by key: a replay would have to store the generated signing secret, which is shown once and kept nowhere in the clear.
        group.MapPost("/", ChannelEndpoints.Create).RequireAuthorization(Policies.Write);
        group.MapPut("/{name}", ChannelEndpoints.Replace).RequireAuthorization(Policies.Write);
        group.MapDelete("/{name}", ChannelEndpoints.Delete).RequireAuthorization(Policies.Write);
        group.MapPost("/{name}/test", ChannelEndpoints.Test).RequireAuthorization(Policies.Write);
        return app;
    }
}
