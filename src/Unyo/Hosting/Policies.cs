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

    public static IServiceCollection AddUnyoPolicies(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(Read, p => p.RequireAuthenticatedUser().RequireRole("owner", "admin", "member", "viewer"))
            .AddPolicy(Write, p => p.RequireAuthenticatedUser().RequireRole("owner", "admin", "member"))
            .AddPolicy(Admin, p => p.RequireAuthenticatedUser().RequireRole("owner", "admin"));
        return services;
    }

    public static Guid UserId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : Guid.Empty;

    public static bool IsAdmin(this ClaimsPrincipal principal) => principal.IsInRole("owner") || principal.IsInRole("admin");
}
