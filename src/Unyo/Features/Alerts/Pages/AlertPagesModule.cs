using Unyo.Features.Catalog;

namespace Unyo.Features.Alerts.Pages;

public static class AlertPagesModule
{
    public static IServiceCollection AddAlertPages(this IServiceCollection services) =>
        services.AddScoped<AlertInbox>()
                .AddScoped<InboxAcknowledgement>()
                .AddSingleton(new ServicePageSection(typeof(ServiceAlerts), 3));
}
