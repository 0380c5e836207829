using System.Net;
using Microsoft.AspNetCore.Http.HttpResults;
using Unyo.Client;
using Unyo.Hosting;

namespace Unyo.Features.StatusPages.Subscriptions;

// The public side of subscribing: the page's form (or JSON), and the confirm and unsubscribe
// links in mail. A link's GET only shows a button; the POST acts, so mail scanners that follow
// links change nothing.
public static class SubscriptionEndpoints
{
    private const string Accepted = "If that address can receive mail, a confirmation link is on its way. Nothing is sent to it until the link is opened.";

    public static async Task<IResult> Subscribe(string page, HttpRequest request, Subscriptions subscriptions, SubscribeRateLimit limit, CancellationToken cancellationToken)
    {
        // An unknown page first, whoever asks and however often: the walk of public routes relies on it.
        if (!await subscriptions.PageExistsAsync(page, cancellationToken))
        {
            return Problems.NotFound("Status page", page);
        }
        var form = request.HasFormContentType;
        string? email;
        if (form)
        {
            email = (await request.ReadFormAsync(cancellationToken))["email"].ToString();
        }
        else
        {
            try
            {
                email = (await request.ReadFromJsonAsync<StatusSubscribeRequest>(cancellationToken))?.Email;
            }
            catch (System.Text.Json.JsonException)
            {
                return Problems.Validation("email", "the body must be JSON such as {\"email\": \"name@example.com\"} or a form with an email field.");
            }
        }
        if (!limit.TryAcquire(request.HttpContext))
        {
            request.HttpContext.Response.Headers.RetryAfter = "60";
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests.",
                detail: "Too many subscriptions from this address; try again in a minute.");
        }
        var errors = new ValidationErrors();
        var address = Subscriptions.Normalise(email, errors);
        if (address is null)
        {
            return form ? Page(HttpStatusCode.BadRequest, "That address does not look right", $"email: {errors.All.First().Message}", Back(page))
                : Problems.Validation(errors);
        }
        await subscriptions.SubscribeAsync(page, address, cancellationToken);
        return form ? Page(HttpStatusCode.OK, "Check your inbox", Accepted, Back(page))
            : TypedResults.Json(new { message = Accepted }, statusCode: StatusCodes.Status202Accepted);
    }

    public static async Task<IResult> ShowConfirm(string page, string token, Subscriptions subscriptions, CancellationToken cancellationToken) =>
        await subscriptions.KnowsAsync(page, token, "confirm", cancellationToken)
            ? Page(HttpStatusCode.OK, "Confirm your subscription", "Press the button to start getting this page's updates by mail.", "<form method=\"post\"><button type=\"submit\">Confirm</button></form>")
            : Invalid();

    public static async Task<IResult> Confirm(string page, string token, Subscriptions subscriptions, CancellationToken cancellationToken) =>
        await subscriptions.ConfirmAsync(page, token, cancellationToken)
            ? Page(HttpStatusCode.OK, "Subscribed", "You will get this page's updates by mail. Each mail has a link to unsubscribe.", Back(page))
            : Invalid();

    public static async Task<IResult> ShowUnsubscribe(string page, string token, Subscriptions subscriptions, CancellationToken cancellationToken) =>
        await subscriptions.KnowsAsync(page, token, "unsubscribe", cancellationToken)
            ? Page(HttpStatusCode.OK, "Unsubscribe?", "Press the button to stop getting this page's updates.", "<form method=\"post\"><button type=\"submit\">Unsubscribe</button></form>")
            : Invalid();

    public static async Task<IResult> Unsubscribe(string page, string token, Subscriptions subscriptions, CancellationToken cancellationToken) =>
        await subscriptions.UnsubscribeAsync(page, token, cancellationToken)
            ? Page(HttpStatusCode.OK, "Unsubscribed", "No more updates will be sent to this address.", Back(page))
            : Invalid();

    // Unknown, altered, expired or already used: one answer for all.
    private static IResult Invalid() => Page(HttpStatusCode.NotFound, "This link is not valid", "It may have expired or been used already.", null);

    private static string Back(string page) => $"<p><a href=\"/status/{WebUtility.HtmlEncode(page)}\">Back to the status page</a></p>";

    private static ContentHttpResult Page(HttpStatusCode status, string title, string body, string? extra) => TypedResults.Content(
        $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
        $"<title>{WebUtility.HtmlEncode(title)}</title><link rel=\"stylesheet\" href=\"/status.css\"></head>" +
        $"<body class=\"status-public\"><main><h1>{WebUtility.HtmlEncode(title)}</h1><p>{WebUtility.HtmlEncode(body)}</p>{extra}</main></body></html>",
        "text/html; charset=utf-8", statusCode: (int)status);
}
