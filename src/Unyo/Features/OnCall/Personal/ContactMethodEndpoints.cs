using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Unyo.Client;
using Unyo.Data;
using Unyo.Hosting;

namespace Unyo.Features.OnCall.Personal;

// `/api/v1/users/{email}/contact-methods`, `{email}` or `me`; the person and admins only.
public static class ContactMethodEndpoints
{
    private const string Source = "api";

    public static async Task<Results<Ok<List<ContactMethodResponse>>, ProblemHttpResult>> List(
        string email, ContactMethodCatalog catalog, UnyoDb db, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var (user, refusal) = await PersonalAccess.ResolveAsync(db, caller, email, cancellationToken);
        if (user is null)
        {
            return refusal!;
        }
        var methods = await catalog.ListAsync(user.Id, cancellationToken);
        return TypedResults.Ok(methods.Select(m => ContactMethodCatalog.Response(m) with { Warning = catalog.Warning(m.Kind) }).ToList());
    }

    public static async Task<Results<Created<ContactMethodResponse>, ProblemHttpResult>> Create(
        string email, ContactMethodRequest request, ContactMethodCatalog catalog, UnyoDb db, ClaimsPrincipal caller, HttpResponse response, CancellationToken cancellationToken)
    {
        var (user, refusal) = await PersonalAccess.ResolveAsync(db, caller, email, cancellationToken);
        if (user is null)
        {
            return refusal!;
        }
        var created = await catalog.CreateAsync(user, request, Source, cancellationToken);
        // The push signing secret is in this response only: keep it out of every cache.
        response.Headers.CacheControl = "no-store";
        return TypedResults.Created($"/api/v1/users/{user.Email}/contact-methods/{created.Id}", created);
    }

    public static async Task<Results<Ok<ContactMethodResponse>, ProblemHttpResult>> Replace(
        string email, Guid id, ContactMethodRequest request, ContactMethodCatalog catalog, UnyoDb db, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var (user, refusal) = await PersonalAccess.ResolveAsync(db, caller, email, cancellationToken);
        if (user is null)
        {
            return refusal!;
        }
        var method = await catalog.FindAsync(user.Id, id, cancellationToken);
        if (method is null)
        {
            return Problems.NotFound("Contact method", id.ToString());
        }
        return TypedResults.Ok(await catalog.UpdateAsync(user, method, request, Source, cancellationToken));
    }

    // Rule steps that use the method go with it; the answer says how many.
    public static async Task<Results<Ok<ContactMethodDeletedResponse>, ProblemHttpResult>> Delete(
        string email, Guid id, ContactMethodCatalog catalog, UnyoDb db, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var (user, refusal) = await PersonalAccess.ResolveAsync(db, caller, email, cancellationToken);
        if (user is null)
        {
            return refusal!;
        }
        var method = await catalog.FindAsync(user.Id, id, cancellationToken);
        if (method is null)
        {
            return Problems.NotFound("Contact method", id.ToString());
        }
        return TypedResults.Ok(new ContactMethodDeletedResponse(await catalog.DeleteAsync(user, method, Source, cancellationToken)));
    }
}
