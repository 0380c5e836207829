using Unyo.Features.ConfigAsCode;
using Unyo.Hosting;

namespace Unyo.Features.Accounts.Sso;

public static class SsoRoutes
{
    public static IServiceCollection AddSso(this IServiceCollection services) =>
        services.AddSingleton<OidcDiscovery>()
                .AddSingleton<OidcCodeExchange>()
                .AddSingleton<SsoCorrelation>()
                .AddScoped<SsoSignIn>()
                .AddScoped<GroupSync>()
                .AddScoped<IdentityProviderCatalog>()
                .AddScoped<IConfigKind, IdentityProviderKind>();

    public static RouteGroupBuilder MapSso(this RouteGroupBuilder api)
    {
        // Reading too is for admins: issuers, client ids and mappings are admin business.
        var providers = api.MapGroup("/sso/providers").RequireAuthorization(Policies.Admin);
        providers.MapGet("/", IdentityProviderEndpoints.List);
        providers.MapGet("/{name}", IdentityProviderEndpoints.Get);
        providers.MapPost("/", IdentityProviderEndpoints.Create).WithIdempotency();
        providers.MapPut("/{name}", IdentityProviderEndpoints.Update);
        providers.MapDelete("/{name}", IdentityProviderEndpoints.Delete);
        return api;
    }

    // The browser's redirects: anonymous by nature, and not part of the API.
    public static IEndpointRouteBuilder MapSsoSignIn(this IEndpointRouteBuilder app)
    {
        app.MapGet("/signin/sso/{provider}", SsoEndpoints.Start).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/signin/sso/{provider}/callback", SsoEndpoints.Callback).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
