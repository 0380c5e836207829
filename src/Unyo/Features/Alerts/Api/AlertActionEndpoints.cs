using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Alerts.Actions;
using Unyo.Hosting;

namespace Unyo.Features.Alerts.Api;

// `POST /api/v1/alerts/{id}/…`: acting on one alert. Each answers 200 with the alert as it is
// afterwards; an action that is already done (acknowledging an acknowledged alert) changes
// nothing and answers 409 saying so, as expiring an ended silence does.
public static class AlertActionEndpoints
{
    public static Task<Results<Ok<AlertResponse>, ValidationProblem, ProblemHttpResult>> Acknowledge(
        string id, AlertAccess access, AlertActions actions, UnyoDb db, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ApplyAsync(id, AlertActionKind.Acknowledge, access, actions, db, user, cancellationToken);

    public static Task<Results<Ok<AlertResponse>, ValidationProblem, ProblemHttpResult>> Resolve(
        string id, AlertAccess access, AlertActions actions, UnyoDb db, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ApplyAsync(id, AlertActionKind.Resolve, access, actions, db, user, cancellationToken);

    private static async Task<Results<Ok<AlertResponse>, ValidationProblem, ProblemHttpResult>> ApplyAsync(
        string id, AlertActionKind action, AlertAccess access, AlertActions actions, UnyoDb db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (alertId, problem) = await access.CheckAsync(id, user, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        var (outcome, alert) = await actions.ApplyAsync(alertId, action, AlertAccess.Actor(user), cancellationToken);
        return await AnswerAsync(id, outcome, alert, db, a => $"Alert #{a.Id} is already {AlertViews.Name(a.Status)}; nothing changed.", cancellationToken);
    }

    public static async Task<Results<Ok<AlertResponse>, ValidationProblem, ProblemHttpResult>> Snooze(
        string id, SnoozeAlertRequest request, AlertAccess access, AlertActions actions, UnyoDb db, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (alertId, problem) = await access.CheckAsync(id, user, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        var errors = new ValidationErrors();
        if (SnoozeTime.Until(request, time.StoredNow(), errors) is not { } until)
        {
            return Problems.Validation(errors);
        }
        var (outcome, alert) = await actions.SnoozeAsync(alertId, until, AlertAccess.Actor(user), cancellationToken);
        return await AnswerAsync(id, outcome, alert, db, a => $"Alert #{a.Id} is {AlertViews.Name(a.Status)}: only an acknowledged alert can be snoozed. Acknowledge it first.", cancellationToken);
    }

    public static async Task<Results<Created<AlertTimelineEntryResponse>, ValidationProblem, ProblemHttpResult>> Note(
        string id, AlertNoteRequest request, AlertAccess access, AlertActions actions, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (alertId, problem) = await access.CheckAsync(id, user, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        var text = request.Text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return Problems.Validation("text", "is required: what you want the timeline to say (Markdown).");
        }
        if (text.Length > AlertActions.MaxNoteLength)
        {
            return Problems.Validation("text", $"must be at most {AlertActions.MaxNoteLength} characters (it has {text.Length}).");
        }
        var (outcome, entry) = await actions.NoteAsync(alertId, text, AlertAccess.Actor(user), cancellationToken);
        return outcome == AlertActions.Outcome.Done
            ? TypedResults.Created($"/api/v1/alerts/{alertId}", AlertViews.ToResponse(entry!))
            : AlertAccess.NotFound(id);
    }

    public static async Task<Results<Ok<AlertResponse>, ValidationProblem, ProblemHttpResult>> Reassign(
        string id, ReassignAlertRequest request, AlertAccess access, AlertActions actions, UnyoDb db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (alertId, problem) = await access.CheckAsync(id, user, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        if (await Assignees.FindAsync(db, request.User, cancellationToken) is not { } person)
        {
            return Problems.Validation("user", string.IsNullOrWhiteSpace(request.User)
                ? "is required: the email or id of the person to assign the alert to."
                : $"'{request.User}' is not an active person of the organisation (give their email or user id).");
        }
        var (outcome, alert) = await actions.ReassignAsync(alertId, person.Id, person.Email, AlertAccess.Actor(user), cancellationToken);
        return await AnswerAsync(id, outcome, alert, db, a => $"Alert #{a.Id} is already assigned to {person.Email}; nothing changed.", cancellationToken);
    }

    // Refusals of what the alert's state rules out (already done, or not applicable) say why.
    private static async Task<Results<Ok<AlertResponse>, ValidationProblem, ProblemHttpResult>> AnswerAsync(
        string id, AlertActions.Outcome outcome, Alert? alert, UnyoDb db, Func<Alert, string> refusal, CancellationToken cancellationToken) => outcome switch
    {
        AlertActions.Outcome.NotFound => AlertAccess.NotFound(id),
        AlertActions.Outcome.AlreadyDone or AlertActions.Outcome.NotApplicable => Problems.Conflict(refusal(alert!)),
        _ => TypedResults.Ok(await AlertViews.ResponseAsync(db, alert!.Id, cancellationToken)),
    };
}
