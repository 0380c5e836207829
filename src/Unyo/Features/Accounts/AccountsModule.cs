using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.ConfigAsCode;
using Unyo.Hosting;

namespace Unyo.Features.Accounts;

public static class AccountsModule
{
    public const string Scheme = "Unyo";

    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddScoped<IPasswordHasher<User>, PasswordHasher<User>>()
                .AddScoped<PasswordSignIn>()
                .AddScoped<SignInThrottle>()
                .AddScoped<IHousekeepingTask, ForgetSignInAttempts>()
                .AddScoped<TeamAccess>()
                .AddScoped<TeamCatalog>()
                .AddScoped<TokenIssuer>()
                .AddScoped<OwnerBootstrap>()
                .AddScoped<IConfigKind, TeamKind>();
        services.AddAuthentication(Scheme)
            // People carry a cookie, machines a bearer token; one scheme picks per request.
            .AddPolicyScheme(Scheme, Scheme, o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? ApiTokenAuthenticationHandler.SchemeName
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null)
            .AddCookie(o =>
            {
                o.Cookie.Name = "unyo.session";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(12);
                o.SlidingExpiration = true;
                o.LoginPath = "/signin";
                o.AccessDeniedPath = "/forbidden";
                o.Events.OnValidatePrincipal = RefreshPrincipalAsync;
                o.Events.OnRedirectToLogin = context => ApiAwareAsync(context, StatusCodes.Status401Unauthorized, "Sign in or send an API token.");
                o.Events.OnRedirectToAccessDenied = context => ApiAwareAsync(context, StatusCodes.Status403Forbidden, "Your role does not allow this.");
            });
        services.AddUnyoPolicies();
        return services;
    }

    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Accounts").RequireAuthorization(Policies.Read);
        api.MapGet("/me", UserEndpoints.Me);
        api.MapGet("/organisation", UserEndpoints.Organisation);

        var users = api.MapGroup("/users");
        users.MapGet("/", UserEndpoints.List);
        users.MapPost("/", UserEndpoints.Create).RequireAuthorization(Policies.Admin).WithIdempotency();
        users.MapPatch("/{id:guid}", UserEndpoints.Update).RequireAuthorization(Policies.Admin);
        users.MapDelete("/{id:guid}", UserEndpoints.Delete).RequireAuthorization(Policies.Admin);

        var teams = api.MapGroup("/teams");
        teams.MapGet("/", TeamEndpoints.List);
        teams.MapGet("/{name}", TeamEndpoints.Get);
        teams.MapPost("/", TeamEndpoints.Create).RequireAuthorization(Policies.Admin).WithIdempotency();
        teams.MapPut("/{name}", TeamEndpoints.Update).RequireAuthorization(Policies.Write);
        teams.MapDelete("/{name}", TeamEndpoints.Delete).RequireAuthorization(Policies.Admin);
        teams.MapPost("/{name}/members", TeamEndpoints.AddMember).RequireAuthorization(Policies.Write);
        teams.MapDelete("/{name}/members/{email}", TeamEndpoints.RemoveMember).RequireAuthorization(Policies.Write);

        // Viewers may hold tokens too: read-only automation needs them.
        var tokens = api.MapGroup("/tokens");
        tokens.MapGet("/", TokenEndpoints.List);
        tokens.MapPost("/", TokenEndpoints.Create);
        tokens.MapDelete("/{id:guid}", TokenEndpoints.Revoke);

        app.MapPost("/signout", (Delegate)SignOutAsync).WithMetadata(new RequireAntiforgeryTokenAttribute()).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> SignOutAsync(HttpContext context)
    {
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.LocalRedirect("/signin");
    }

    // Re-reads the user on every request, so a changed role applies at once and a changed
    // password (new security stamp) ends other sessions.
    private static async Task RefreshPrincipalAsync(CookieValidatePrincipalContext context)
    {
        var db = context.HttpContext.RequestServices.GetRequiredService<UnyoDb>();
        var id = context.Principal?.UserId() ?? Guid.Empty;
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, context.HttpContext.RequestAborted);
        if (user is null || user.SecurityStamp != context.Principal!.FindFirstValue(Policies.StampClaim))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }
        context.ReplacePrincipal(new ClaimsPrincipal(UserPrincipal.Identity(user, CookieAuthenticationDefaults.AuthenticationScheme)));
    }

    private static Task ApiAwareAsync(RedirectContext<CookieAuthenticationOptions> context, int status, string title)
    {
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/v1"))
        {
            context.Response.StatusCode = status;
            if (status == StatusCodes.Status401Unauthorized)
            {
                context.Response.Headers.WWWAuthenticate = "Bearer realm=\"unyo\"";
            }
            return Results.Problem(statusCode: status, title: title).ExecuteAsync(context.HttpContext);
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
