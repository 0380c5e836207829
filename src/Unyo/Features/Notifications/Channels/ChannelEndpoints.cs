using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Unyo.Client;
using Unyo.Hosting;

namespace Unyo.Features.Notifications.Channels;

// `/api/v1/notification-channels`: viewers read; the owning team's members and admins write.
public static class ChannelEndpoints
{
    public static async Task<Results<Ok<Page<NotificationChannelResponse>>, ValidationProblem>> List(
        ChannelCatalog catalog, string? team, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var (take, after) = Cursor.Read(cursor, limit, errors);
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }
        return TypedResults.Ok(await catalog.ListAsync(team, after, take, cancellationToken));
    }

    public static async Task<Results<Ok<NotificationChannelResponse>, ProblemHttpResult>> Get(string name, ChannelCatalog catalog, HttpResponse response, CancellationToken cancellationToken)
    {
        var channel = await catalog.FindAsync(name, cancellationToken);
        if (channel is null)
        {
            return Problems.NotFound("Notification channel", name);
        }
        ETags.Set(response, channel.Revision);
        return TypedResults.Ok(catalog.ToResponse(channel));
    }

    public static async Task<Results<Created<NotificationChannelResponse>, ValidationProblem, ProblemHttpResult>> Create(
        NotificationChannelRequest request, ChannelCatalog catalog, ChannelAccess access, ClaimsPrincipal user, HttpResponse response, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var spec = NotificationChannelValidator.Validate(request, errors, out var secretChanges);
        if (spec is null)
        {
            return Problems.Validation(errors);
        }
        if (await access.RefusalAsync(user, null, spec.Team, cancellationToken) is { } refusal)
        {
            return Problems.Forbidden(refusal);
        }
        var (channel, signingSecret) = await catalog.CreateAsync(spec, secretChanges, ManagedBy.Api, cancellationToken);
        ETags.Set(response, channel.Revision);
        return TypedResults.Created($"/api/v1/notification-channels/{channel.Name}", catalog.ToResponse(channel, signingSecret));
    }

    public static async Task<Results<Ok<NotificationChannelResponse>, ValidationProblem, ProblemHttpResult>> Replace(
        string name, NotificationChannelRequest request, ChannelCatalog catalog, ChannelAccess access, ClaimsPrincipal user, HttpRequest http, CancellationToken cancellationToken)
    {
        var channel = await catalog.FindAsync(name, cancellationToken);
        if (channel is null)
        {
            return Problems.NotFound("Notification channel", name);
        }
        if (!ETags.Matches(http, channel.Revision))
        {
            return Problems.PreconditionFailed(ETags.For(channel.Revision));
        }
        var errors = new ValidationErrors();
        if (request.Name is not null && request.Name != name)
        {
            errors.Add("name", $"must match the URL ('{name}'); notification channels are not renamed.");
        }
        var spec = NotificationChannelValidator.Validate(request with { Name = name }, errors, out var secretChanges);
        if (spec is null)
        {
            return Problems.Validation(errors);
        }
        if (await access.RefusalAsync(user, channel.Team!.Name, spec.Team, cancellationToken) is { } refusal)
        {
            return Problems.Forbidden(refusal);
        }
        var signingSecret = await catalog.UpdateAsync(channel, spec, secretChanges, ManagedBy.Api, cancellationToken);
        ETags.Set(http.HttpContext.Response, channel.Revision);
        return TypedResults.Ok(catalog.ToResponse(channel, signingSecret));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        string name, ChannelCatalog catalog, ChannelAccess access, ClaimsPrincipal user, HttpRequest http, CancellationToken cancellationToken)
    {
        var channel = await catalog.FindAsync(name, cancellationToken);
        if (channel is null)
        {
            return Problems.NotFound("Notification channel", name);
        }
        if (!ETags.Matches(http, channel.Revision))
        {
            return Problems.PreconditionFailed(ETags.For(channel.Revision));
        }
        if (await access.RefusalAsync(user, channel.Team!.Name, null, cancellationToken) is { } refusal)
        {
            return Problems.Forbidden(refusal);
        }
        await catalog.DeleteAsync(channel, ManagedBy.Api.ToName(), cancellationToken);
        return TypedResults.NoContent();
    }

    // `POST /api/v1/notification-channels/{name}/test`: sends a test message now and says how the
    // receiver answered. A receiver's failure is an answer (200 with its outcome), not an error.
    public static async Task<Results<Ok<ChannelTestResponse>, ProblemHttpResult>> Test(
        string name, ChannelCatalog catalog, ChannelAccess access, ChannelTest test, ClaimsPrincipal user, HttpRequest http, CancellationToken cancellationToken)
    {
        var channel = await catalog.FindAsync(name, cancellationToken);
        if (channel is null)
        {
            return Problems.NotFound("Notification channel", name);
        }
        if (await access.RefusalAsync(user, channel.Team!.Name, null, cancellationToken) is { } refusal)
        {
            return Problems.Forbidden(refusal);
        }
        var baseUrl = $"{http.Scheme}://{http.Host}{http.PathBase}";
        return TypedResults.Ok(await test.SendAsync(channel, baseUrl, ManagedBy.Api.ToName(), cancellationToken));
    }
}
