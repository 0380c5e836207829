using Unyo.Features.Alerts;
using Unyo.Features.Notifications.DeadLetters;
using Unyo.Features.Notifications.Outbox;
using Unyo.Features.Notifications.Personal;
using Unyo.Hosting;

namespace Unyo.Features.Notifications;

public static class NotificationsModule
{
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration, UnyoSettings settings) =>
        services.AddSingleton(NotificationOptions.From(configuration, settings))
                .AddSingleton<OutboxSender>()
                .AddSingleton<NotificationDispatcher>()
                .AddHostedService(sp => sp.GetRequiredService<NotificationDispatcher>())
                .AddScoped<DeliveryLedger>()
                .AddScoped<IAlertChangeObserver, AlertNotifier>()
                .AddSingleton<AlertMessages>()
                // People's own contact methods, for escalation pages.
                .AddSingleton(new Personal.PhoneProvider(Personal.PhoneProviderOptions.Read(configuration)))
                .AddScoped<Personal.PersonalTargets>()
                .AddScoped<OnCall.Escalation.IPersonalPager, Personal.PersonalPager>()
                .AddSingleton(new Alerts.Pages.AlertPageSection(typeof(Outbox.Pages.AlertDeliveries), 10))
                .AddDeadLetters()
                // Test pages to people's contact methods.
                .AddScoped<Personal.ContactMethodTest>()
                // Shift notices and weekly digests, by email (OnCall/Notices).
                .AddScoped<OnCall.Notices.IPersonalNotifier, Personal.PersonalNotifier>();

    public static IEndpointRouteBuilder MapNotifications(this IEndpointRouteBuilder app)
    {
        app.MapDeadLetters();

        // Test pages to people's contact methods.
        app.MapContactMethodTest();
        return app;
    }
}
