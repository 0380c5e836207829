using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Accounts.Mfa;
using Unyo.Features.Accounts.Sessions;
using Unyo.Features.Accounts.Sso;
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
                .AddScoped<UserDirectory>()
                .AddScoped<OwnerBootstrap>()
                .AddScoped<SecondFactor>()
                .AddSingleton<SignInTicket>()
                .AddScoped<WebSessions>()
                .AddSingleton(provider => SessionLimits.From(provider.GetRequiredService<IConfiguration>()))
                .AddScoped<IHousekeepingTask, ForgetEndedSessions>()
                .AddScoped<IConfigKind, TeamKind>()
                .AddSso();
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
                // The session row (WebSessions) enforces idle and absolute timeouts; the ticket
                // carries the absolute deadline and never slides.
                o.SlidingExpiration = false;
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
        // A team token is not a person: it has no /me, no second factor and no tokens of its own.
        api.MapGet("/me", UserEndpoints.Me).RequireAuthorization(Policies.Person);
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

        // Write, not read, even to list: a team's tokens are managed by its members and admins only.
        var teamTokens = teams.MapGroup("/{name}/tokens").RequireAuthorization(Policies.Write);
        teamTokens.MapGet("/", TeamTokenEndpoints.List);
        teamTokens.MapPost("/", TeamTokenEndpoints.Create);
        teamTokens.MapDelete("/{id:guid}", TeamTokenEndpoints.Revoke);
        teamTokens.MapPost("/{id:guid}/rotate", TeamTokenEndpoints.Rotate);

        // Viewers may hold tokens too: read-only automation needs them.
        var tokens = api.MapGroup("/tokens").RequireAuthorization(Policies.Person);
        tokens.MapGet("/", TokenEndpoints.List);
        tokens.MapPost("/", TokenEndpoints.Create);
        tokens.MapDelete("/{id:guid}", TokenEndpoints.Revoke);
        tokens.MapPost("/{id:guid}/rotate", TokenEndpoints.Rotate);

        api.MapMfa();
        api.MapSessions();
        api.MapSso();
        app.MapSsoSignIn();

        // Anyone may ask (signing out without a session changes nothing), but only with the page's
        // anti-forgery token: another site must not be able to end a session.
        app.MapPost("/signout", (Delegate)SignOutAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        return app;
    }

    // Validated here, not by the anti-forgery middleware: a minimal API that binds no form
    // ignores the middleware's verdict, so a cross-site POST would otherwise end the session.
    private static async Task<IResult> SignOutAsync(HttpContext context, WebSessions sessions, IAntiforgery antiforgery)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The sign-out form has expired.",
                detail: "Reload the page and sign out again: the request carried no valid anti-forgery token.");
        }
        await sessions.EndAsync(context);
        return TypedResults.LocalRedirect("/signin");
    }

    // Re-reads the session and its user on every request, so a revoked or timed-out session, a
    // disabled account, a changed role or a changed password (new security stamp) apply at once.
    // The same query tells whether the MFA policy holds this session at enrolment
    // (MfaEnrolmentGate); single sign-on sessions are exempt, their identity provider owns the
    // second factor.
    private static async Task RefreshPrincipalAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var db = services.GetRequiredService<UnyoDb>();
        var sessions = services.GetRequiredService<WebSessions>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var userId = context.Principal?.UserId() ?? Guid.Empty;
        var sessionId = context.Principal?.SessionId() ?? Guid.Empty;
        var found = await db.UserSessions.AsNoTracking().Where(s => s.Id == sessionId && s.UserId == userId)
            .Select(s => new
            {
                Session = s,
                User = s.User!,
                Policy = db.Organisations.Select(o => o.MfaPolicy).FirstOrDefault(),
                HasSecondFactor = db.UserTotps.Any(t => t.UserId == s.UserId && t.ConfirmedAt != null),
            })
            .SingleOrDefaultAsync(context.HttpContext.RequestAborted);
        var ended = found is null ? "unknown"
            : sessions.Ended(found.Session, now)
            ?? (found.User.Disabled ? "disabled"
            : found.User.SecurityStamp != context.Principal!.FindFirstValue(Policies.StampClaim) ? "credentials-changed"
            : null);
        if (ended is not null)
        {
            if (found is { Session.EndedAt: null })
            {
                await sessions.CloseAsync(sessionId, ended, context.HttpContext.RequestAborted);
            }
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }
        await sessions.TouchAsync(found!.Session, context.HttpContext);
        var identity = UserPrincipal.Identity(found.User, CookieAuthenticationDefaults.AuthenticationScheme, sessionId);
        if (!found.HasSecondFactor && !found.Session.IsSso && found.Policy.Requires(found.User.Role))
        {
            identity.AddClaim(new Claim(MfaEnrolmentGate.Claim, MfaEnrolmentGate.MustEnrol));
        }
        context.ReplacePrincipal(new ClaimsPrincipal(identity));
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
