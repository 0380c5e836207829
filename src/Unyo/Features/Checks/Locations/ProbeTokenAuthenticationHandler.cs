using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Unyo.Data;
using Unyo.Features.Accounts;

namespace Unyo.Features.Checks.Locations;

// `Authorization: Bearer unyo_probe_…` for probe agents: the token names a location, nothing
// else. Only the agents' endpoints ask for this scheme, so an agent token opens nothing else and
// no API token (not even an admin's) acts as an agent.
public sealed class ProbeTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    UnyoDb db)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ProbeToken";
    public const string LocationClaim = "unyo:probe-location";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var token = header["Bearer ".Length..].Trim();
        if (!token.StartsWith(ApiTokenAuthenticationHandler.ProbeTokenPrefix, StringComparison.Ordinal) || token.Length > 200)
        {
            return AuthenticateResult.NoResult();
        }
        var hash = ProbeLocationCatalog.Hash(token);
        var location = await db.ProbeLocations.AsNoTracking().Where(l => l.TokenHash == hash).Select(l => new { l.Id, l.Name }).SingleOrDefaultAsync(Context.RequestAborted);
        if (location is null)
        {
            return AuthenticateResult.Fail("The probe token is unknown or was rotated.");
        }
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, location.Id.ToString()), new Claim(LocationClaim, location.Name)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
