using Unyo.Components;
using Unyo.Features.Accounts;
using Unyo.Features.Accounts.Mfa;
using Unyo.Features.Alerts;
using Unyo.Features.Alerts.Integrations;
using Unyo.Features.Alerts.Silences;
using Unyo.Features.Audit;
using Unyo.Features.Catalog;
using Unyo.Features.Checks;
using Unyo.Features.ConfigAsCode;
using Unyo.Features.Deploys;
using Unyo.Features.Incidents;
using Unyo.Features.Maintenance;
using Unyo.Features.Notifications;
using Unyo.Features.OnCall;
using Unyo.Features.Incidents.Learning;
using Unyo.Features.Postmortems;
using Unyo.Features.Notifications.Routes;
using Unyo.Features.Notifications.Channels;
using Unyo.Features.Slos;
using Unyo.Features.StatusPages;
using Unyo.Features.Telemetry;
using Unyo.Hosting;

namespace Unyo;

// The table of contents: every feature adds its services and maps its endpoints here.
public static class UnyoServer
{
    public static WebApplication Build(string[] args)
    {
        // The content root is where the program is, not where it was started: appsettings.json and
        // wwwroot travel with the binary. The data directory stays relative to the caller.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        var settings = UnyoSettings.From(builder.Configuration);
        builder.WebHost.UseUrls(settings.Urls);
        builder.Logging.ConfigureConsole(builder.Configuration);

        builder.Services.AddHosting(settings);
        builder.Services.AddTrustedProxies(builder.Configuration);
        builder.Services.AddApiRateLimits(builder.Configuration);
        builder.Services.AddAccounts();
        builder.Services.AddAudit();
        builder.Services.AddConfigAsCode();
        builder.Services.AddCatalog();
        builder.Services.AddTelemetry(builder.Configuration);
        builder.Services.AddChecks(builder.Configuration);
        builder.Services.AddMaintenance();
        builder.Services.AddSlos();
        builder.Services.AddDeploys();
        builder.Services.AddAlerts(builder.Configuration);
        builder.Services.AddIntegrations();
        builder.Services.AddOnCall();
        builder.Services.AddIncidentLearning();
        builder.Services.AddNotifications(builder.Configuration, settings);
        builder.Services.AddSilences();
        builder.Services.AddAlertRoutes();
        builder.Services.AddChannels(builder.Configuration);
        builder.Services.AddStatusPages();
        builder.Services.AddPostmortems();

        builder.Services.AddIncidents();

        builder.Services.AddRazorComponents();
        builder.Services.AddCascadingAuthenticationState();

        var app = builder.Build();
        app.UseTrustedProxies();
        app.UseHosting();
        app.UseStaticFiles();
        app.UseAuthentication();
        // After authentication, so each token and session has its own bucket.
        app.UseRateLimiter();
        app.UseMfaEnrolmentGate();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapHosting();
        app.MapAccounts();
        app.MapAudit();
        app.MapConfigAsCode();
        app.MapCatalog();
        app.MapTelemetry();
        app.MapChecks();
        app.MapMaintenance();
        app.MapSlos();
        app.MapDeploys();
        app.MapAlerts();
        app.MapIntegrations();
        app.MapOnCall();
        app.MapIncidentLearning();
        app.MapNotifications();
        app.MapSilences();
        app.MapAlertRoutes();
        app.MapChannels();
        app.MapStatusPages();
        app.MapPostmortems();

        app.MapIncidents();

        app.MapRazorComponents<App>();
        return app;
    }
}
