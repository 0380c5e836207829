using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Accounts;
using Unyo.Features.Audit;
using Unyo.Features.Checks;
using Unyo.Features.Checks.Probes;
using Unyo.Features.OnCall;
using Unyo.Hosting;

namespace Unyo.Features.StatusPages.Subscriptions;

// Webhook subscribers are added by the page's team (a URL the server will post to must pass the
// same SSRF guard as notification channels), never by the public form.
public static class WebhookSubscriberEndpoints
{
    public static async Task<Results<Created<StatusWebhookResponse>, ValidationProblem, ProblemHttpResult>> Add(
        string name, StatusWebhookRequest request, UnyoDb db, TeamAccess access, ClaimsPrincipal user, CheckTargets targets, SecretBox secrets,
        AuditLog audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var page = await db.StatusPages.Include(p => p.Team).SingleOrDefaultAsync(p => p.Name == name, cancellationToken);
        if (page is null)
        {
            return Problems.NotFound("Status page", name);
        }
        if (await access.TeamOwnedRefusalAsync(db, user, page.Team!.Name, null, "status pages", cancellationToken) is { } refusal)
        {
            return Problems.Forbidden(refusal);
        }
        var errors = new ValidationErrors();
        var url = request.Url?.Trim();
        if (string.IsNullOrEmpty(url))
        {
            errors.Add("url", "is required: the http(s) URL that receives each update.");
        }
        else if (url.Length > 2000 || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add("url", "must be an absolute http or https URL of at most 2000 characters.");
        }
        else
        {
            var found = new ValidationErrors();
            var host = HostNames.Canonical(uri.Host, allowUnderscore: false, out _) ?? uri.Host;
            TargetGuard.CheckAtCreation(new TcpProbeSettings { Host = host, Port = uri.Port }, await targets.AllowListAsync(cancellationToken), found);
            foreach (var (_, message) in found.All)
            {
                errors.Add("url", message.Replace("checks may not probe it", "webhooks may not send to it", StringComparison.Ordinal));
            }
        }
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }
        var now = time.StoredNow();
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var subscriber = new StatusSubscriber
        {
            Id = Guid.CreateVersion7(now), PageId = page.Id, Kind = StatusSubscriberKind.Webhook, Confirmed = true, CreatedAt = now, ConfirmedAt = now,
            SealedSecrets = secrets.Seal(new JsonObject { ["url"] = url, ["signingSecret"] = secret }.ToJsonString()),
        };
        db.StatusSubscribers.Add(subscriber);
        // The URL may carry a secret of its own: the audit keeps only its host.
        audit.RecordHere("statuspage.subscriber.create", StatusPageSpec.KindName, page.Name, null, new { webhook = subscriber.Id, host = new Uri(url!).Host });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/status-pages/{page.Name}/webhooks/{subscriber.Id}", new StatusWebhookResponse(subscriber.Id, url!, secret, now));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Remove(
        string name, Guid id, UnyoDb db, TeamAccess access, ClaimsPrincipal user, AuditLog audit, CancellationToken cancellationToken)
    {
        var page = await db.StatusPages.Include(p => p.Team).SingleOrDefaultAsync(p => p.Name == name, cancellationToken);
        var subscriber = page is null ? null
            : await db.StatusSubscribers.SingleOrDefaultAsync(s => s.Id == id && s.PageId == page.Id && s.Kind == StatusSubscriberKind.Webhook, cancellationToken);
        if (page is null || subscriber is null)
        {
            return Problems.NotFound("Webhook subscriber", id.ToString());
        }
        if (await access.TeamOwnedRefusalAsync(db, user, page.Team!.Name, null, "status pages", cancellationToken) is { } refusal)
        {
            return Problems.Forbidden(refusal);
        }
        db.StatusSubscribers.Remove(subscriber);
        audit.RecordHere("statuspage.subscriber.delete", StatusPageSpec.KindName, page.Name, new { webhook = subscriber.Id }, null);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
