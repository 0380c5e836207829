using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.OnCall.Personal;
using Unyo.Hosting;

namespace Unyo.Features.Notifications.Personal;

// `POST /api/v1/users/{email}/contact-methods/{id}/test`. Here, not beside the other contact
// method endpoints in OnCall, because sending is Notifications' work (a floor above).
public static class ContactMethodTestEndpoint
{
    public static async Task<Results<Ok<ChannelTestResponse>, ProblemHttpResult>> Test(
        string email, Guid id, ContactMethodCatalog catalog, ContactMethodTest test, UnyoDb db, ClaimsPrincipal caller, CancellationToken cancellationToken)
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
        return TypedResults.Ok(await test.SendAsync(user, method, "api", cancellationToken));
    }

    public static IEndpointRouteBuilder MapContactMethodTest(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/users/{email}/contact-methods/{id:guid}/test", Test).WithTags("On-call")
            .RequireAuthorization(Policies.Write).RequireAuthorization(Policies.Person);
        return app;
    }
}
