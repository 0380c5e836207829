using System.Security.Claims;

namespace Unyo.Hosting;

// Every endpoint names one of these. Ownership (a member may change what their team owns) is
// checked in the handler, where the owning team is known.
public static class Policies
{
    public const string Read = "read";
    public const string Write = "write";
    public const string Admin = "admin";

    public const string StampClaim = "unyo:stamp";
    public const string TokenClaim = "unyo:token";
    public const string ScopeClaim = "unyo:scope";
    public const string SessionClaim = "unyo:session";

    // A policy needs the role AND, for API tokens, a scope that allows it: a token never does
    // more than its scope, and never more than its owner's role.
    public static IServiceCollection AddUnyoPolicies(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(Read, p => p.RequireAuthenticatedUser().RequireRole("owner", "admin", "member", "viewer").RequireAssertion(c => Scoped(c.User, "read", "write", "admin")))
            .AddPolicy(Write, p => p.RequireAuthenticatedUser().RequireRole("owner", "admin", "member").RequireAssertion(c => Scoped(c.User, "write", "admin")))
            .AddPolicy(Admin, p => p.RequireAuthenticatedUser().RequireRole("owner", "admin").RequireAssertion(c => Scoped(c.User, "admin")));
        return services;
    }

    private static bool Scoped(ClaimsPrincipal user, params string[] allowed) =>
        user.FindFirstValue(TokenClaim) is null || allowed.Contains(user.FindFirstValue(ScopeClaim));

    public static Guid UserId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : Guid.Empty;

    public static bool IsAdmin(this ClaimsPrincipal principal) => principal.IsInRole("owner") || principal.IsInRole("admin");
}
