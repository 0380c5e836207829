namespace Unyo.Features.Telemetry.PrometheusSource;

public static class PrometheusSourceRegistration
{
    public static IServiceCollection AddPrometheusSource(this IServiceCollection services, IConfiguration configuration)
    {
        var options = PrometheusSourceOptions.From(configuration);
        services.AddHttpClient(PrometheusSourceOptions.HttpClientName, client =>
            {
                // PrometheusApi bounds each request with options.Timeout itself.
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("unyo");
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), ConnectTimeout = options.Timeout })
            // A request per SLI per minute would fill the log; failures are in the SLI's status.
            .RemoveAllLoggers();
        return services.AddSingleton(options)
                       .AddSingleton<PrometheusApi>()
                       .AddScoped<PrometheusSliReader>()
                       .AddSingleton<PrometheusSourceCycle>()
                       .AddHostedService<PrometheusSourceWorker>();
    }
}
