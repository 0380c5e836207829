using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace Unyo.Hosting;

// Every endpoint names one of read, write, admin or ingest. Ownership (a member may change what
// their team owns) is checked in the handler, where the owning team is known. Person is added on
// top where the endpoint acts on the caller's own account, which a team token does not have.
public static class Policies
{
    public const string Read = "read";
    public const string Write = "write";
    public const string Admin = "admin";
    // Data intake (SLI events, alerts): the only policy an ingest-scope token passes.
    public const string Ingest = "ingest";
    public const string Person = "person";

    public const string StampClaim = "unyo:stamp";
    public const string TokenClaim = "unyo:token";
    public const string ScopeClaim = "unyo:scope";
    // The token's public prefix (what token lists show), so a refusal can name the token.
    public const string TokenPrefixClaim = "unyo:token-prefix";
    public const string SessionClaim = "unyo:session";
    // Set on a team token's principal: the id of the team it acts for. Such a principal has the
    // member role, a name "team:<name>", and no user id.
    public const string TeamClaim = "unyo:team";

    // A policy needs the role AND, for API tokens, a scope that allows it: a token never does
    // more than its scope, and never more than its owner's role.
    public static IServiceCollection AddUnyoPolicies(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(Read, p => p.RequireAuthenticatedUser().RequireRole("owner", "admin", "member", "viewer").AddRequirements(new ScopeRequirement(Read, "read", "write", "admin")))
            .AddPolicy(Write, p => p.RequireAuthenticatedUser().RequireRole("owner", "admin", "member").AddRequirements(new ScopeRequirement(Write, "write", "admin")))
            .AddPolicy(Admin, p => p.RequireAuthenticatedUser().RequireRole("owner", "admin").AddRequirements(new ScopeRequirement(Admin, "admin")))
            // Sending data changes state, so viewers do not; write and admin tokens may too.
            .AddPolicy(Ingest, p => p.RequireAuthenticatedUser().RequireRole("owner", "admin", "member").AddRequirements(new ScopeRequirement(Ingest, "ingest", "write", "admin")))
            .AddPolicy(Person, p => p.RequireAuthenticatedUser().AddRequirements(new PersonRequirement()));
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ForbiddenWithReason>();
        return services;
    }

    public static Guid UserId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : Guid.Empty;

    // The team a team token acts for; null for people and their tokens.
    public static Guid? TeamId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(TeamClaim), out var id) ? id : null;

    public static bool IsAdmin(this ClaimsPrincipal principal) => principal.IsInRole("owner") || principal.IsInRole("admin");
}
