using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Hosting;

namespace Unyo.Features.Accounts.Sso;

// /api/v1/sso/providers: admins only, reading included (provider configuration is admin business).
public static class IdentityProviderEndpoints
{
    public static async Task<Ok<Page<IdentityProviderResponse>>> List(UnyoDb db, HttpRequest http, CancellationToken cancellationToken)
    {
        // Few providers per organisation: one page always holds them all.
        var providers = await db.IdentityProviders.AsNoTracking().OrderBy(p => p.Name).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<IdentityProviderResponse>([.. providers.Select(p => ToResponse(p, http))], null));
    }

    public static async Task<Results<Ok<IdentityProviderResponse>, ProblemHttpResult>> Get(string name, UnyoDb db, HttpRequest http, CancellationToken cancellationToken)
    {
        var provider = await db.IdentityProviders.AsNoTracking().SingleOrDefaultAsync(p => p.Name == name, cancellationToken);
        if (provider is null)
        {
            return Problems.NotFound("Identity provider", name);
        }
        ETags.Set(http.HttpContext.Response, provider.Revision);
        return TypedResults.Ok(ToResponse(provider, http));
    }

    public static async Task<Results<Created<IdentityProviderResponse>, ValidationProblem>> Create(
        IdentityProviderRequest request, IdentityProviderCatalog catalog, HttpRequest http, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var definition = IdentityProviderDefinition.Validate(request, errors);
        if (definition is not null)
        {
            await catalog.CheckTeamsAsync(definition, errors, cancellationToken);
        }
        if (definition is null || !errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }
        var provider = await catalog.CreateAsync(definition, request.ClientSecret, ManagedBy.Api, cancellationToken);
        ETags.Set(http.HttpContext.Response, provider.Revision);
        return TypedResults.Created($"/api/v1/sso/providers/{provider.Name}", ToResponse(provider, http));
    }

    public static async Task<Results<Ok<IdentityProviderResponse>, ValidationProblem, ProblemHttpResult>> Update(
        string name, IdentityProviderRequest request, UnyoDb db, IdentityProviderCatalog catalog, HttpRequest http, CancellationToken cancellationToken)
    {
        var provider = await db.IdentityProviders.SingleOrDefaultAsync(p => p.Name == name, cancellationToken);
        if (provider is null)
        {
            return Problems.NotFound("Identity provider", name);
        }
        if (!ETags.Matches(http, provider.Revision))
        {
            return Problems.PreconditionFailed(ETags.For(provider.Revision));
        }
        var errors = new ValidationErrors();
        if (request.Name is not null && request.Name != name)
        {
            errors.Add("name", $"must match the URL ('{name}'); identity providers are not renamed (the name is in the redirect URI).");
        }
        var definition = IdentityProviderDefinition.Validate(request with { Name = name }, errors);
        if (definition is not null)
        {
            await catalog.CheckTeamsAsync(definition, errors, cancellationToken);
        }
        if (definition is null || !errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }
        await catalog.UpdateAsync(provider, definition, request.ClientSecret, ManagedBy.Api, cancellationToken);
        ETags.Set(http.HttpContext.Response, provider.Revision);
        return TypedResults.Ok(ToResponse(provider, http));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(string name, UnyoDb db, IdentityProviderCatalog catalog, HttpRequest http, CancellationToken cancellationToken)
    {
        var provider = await db.IdentityProviders.SingleOrDefaultAsync(p => p.Name == name, cancellationToken);
        if (provider is null)
        {
            return Problems.NotFound("Identity provider", name);
        }
        if (!ETags.Matches(http, provider.Revision))
        {
            return Problems.PreconditionFailed(ETags.For(provider.Revision));
        }
        await catalog.DeleteAsync(provider, ManagedBy.Api.ToName(), cancellationToken);
        return TypedResults.NoContent();
    }

    public static IdentityProviderResponse ToResponse(IdentityProvider provider, HttpRequest http)
    {
        var definition = IdentityProviderDefinition.From(provider);
        return new IdentityProviderResponse(
            provider.Name, provider.DisplayName, provider.Issuer, provider.ClientId, provider.ProtectedClientSecret is not null,
            provider.Scopes, provider.EmailClaim, provider.NameClaim, provider.GroupsClaim, provider.JitProvisioning, provider.JitRole.ToName(),
            definition.ToContract(), provider.Enabled, SsoSignIn.RedirectUri(http, provider.Name), provider.ManagedBy.ToName(),
            provider.Revision, provider.CreatedAt, provider.UpdatedAt);
    }
}
