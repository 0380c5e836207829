using System.Net;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Unyo.Data;

namespace Unyo.Features.Alerts.Actions;

// /alerts/act/{token}: the acknowledge and resolve links in messages. Opening one shows what it
// will do; only the button (a POST) acts, so a mail scanner fetching links changes nothing. The
// signed token is the credential; no session is involved.
public static class ActionLinkEndpoints
{
    public static async Task<ContentHttpResult> Show(string token, ActionLinks links, UnyoDb db, CancellationToken cancellationToken)
    {
        if (links.Read(token) is not { } act)
        {
            return Page(HttpStatusCode.NotFound, "This link is not valid", "It may have expired (links last 24 hours) or been altered. Open the alert in Unyo instead.");
        }
        var alert = await db.Alerts.AsNoTracking().Where(a => a.Id == act.AlertId)
            .Select(a => new { a.Summary, Service = a.Service!.Name, a.Status }).SingleOrDefaultAsync(cancellationToken);
        if (alert is null)
        {
            return Page(HttpStatusCode.NotFound, "This alert no longer exists", "Its service may have been deleted.");
        }
        var verb = act.Action == AlertActionKind.Acknowledge ? "Acknowledge" : "Resolve";
        return Page(HttpStatusCode.OK, $"{verb} alert #{act.AlertId}?",
            $"<strong>{Encode(alert.Summary)}</strong> on {Encode(alert.Service)}, now {alert.Status.ToString().ToLowerInvariant()}.",
            $"<form method=\"post\"><button type=\"submit\">{verb}</button></form>");
    }

    public static async Task<ContentHttpResult> Act(string token, ActionLinks links, AlertActions actions, CancellationToken cancellationToken)
    {
        if (links.Read(token) is not { } act)
        {
            return Page(HttpStatusCode.NotFound, "This link is not valid", "It may have expired (links last 24 hours) or been altered. Open the alert in Unyo instead.");
        }
        var (outcome, alert) = await actions.ApplyAsync(act.AlertId, act.Action, "link in a notification", cancellationToken);
        return outcome switch
        {
            AlertActions.Outcome.NotFound => Page(HttpStatusCode.NotFound, "This alert no longer exists", "Its service may have been deleted."),
            AlertActions.Outcome.AlreadyDone => Page(HttpStatusCode.OK, $"Alert #{act.AlertId} is already {alert!.Status.ToString().ToLowerInvariant()}", "Nothing changed."),
            _ => Page(HttpStatusCode.OK, $"Alert #{act.AlertId} {(act.Action == AlertActionKind.Acknowledge ? "acknowledged" : "resolved")}", Encode(alert!.Summary)),
        };
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static ContentHttpResult Page(HttpStatusCode status, string title, string body, string? form = null) => TypedResults.Content(
        $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
        $"<title>{Encode(title)} · Unyo</title><link rel=\"stylesheet\" href=\"/app.css\"></head>" +
        $"<body><main class=\"page\"><h1>{Encode(title)}</h1><p>{body}</p>{form}</main></body></html>",
        "text/html; charset=utf-8", statusCode: (int)status);
}
