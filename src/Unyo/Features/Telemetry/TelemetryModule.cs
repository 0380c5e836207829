using Unyo.Hosting;

namespace Unyo.Features.Telemetry;

public static class TelemetryModule
{
    public static IServiceCollection AddTelemetry(this IServiceCollection services) =>
        services.AddScoped<SliData>()
                .AddSingleton<SliRetention>()
                .AddScoped<IHousekeepingTask, ForgetOldSliMinutes>();
}
