using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Primitives;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Alerts.Actions;
using Unyo.Features.Alerts.Api;

namespace Unyo.Features.Alerts.Pages;

// The inbox's "Acknowledge selected": the checked ids go to the API's bulk acknowledge, which
// checks each alert's team and acknowledges each in its own transaction; the page then says
// what became of them.
public sealed class InboxAcknowledgement(AlertAccess access, AlertActions actions, UnyoDb db)
{
    // Which of the shown alerts the user may acknowledge: triggered ones of teams they act for.
    public async Task<HashSet<long>> SelectableAsync(IEnumerable<Alert> rows, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var triggered = rows.Where(a => a.Status == AlertStatus.Triggered).ToList();
        var teams = new Dictionary<Guid, bool>();
        foreach (var team in triggered.Select(a => a.Service!.TeamId).Distinct())
        {
            teams[team] = await access.CanActAsync(user, team, cancellationToken);
        }
        return triggered.Where(a => teams[a.Service!.TeamId]).Select(a => a.Id).ToHashSet();
    }

    // The summary for the query string of the page shown next, or the error about the ids.
    public async Task<(string? Summary, string? Error)> AcknowledgeAsync(StringValues posted, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (posted.Count == 0)
        {
            return (null, "Selected alerts: tick at least one alert to acknowledge.");
        }
        var ids = new List<long>(posted.Count);
        foreach (var value in posted)
        {
            if (!AlertAccess.ParseId(value ?? "", out var id))
            {
                return (null, $"Selected alerts: '{value}' is not an alert id.");
            }
            ids.Add(id);
        }
        var result = (await BulkAcknowledgeEndpoint.Acknowledge(new BulkAcknowledgeRequest { Ids = ids }, access, actions, db, user, cancellationToken)).Result;
        if (result is ValidationProblem problem)
        {
            return (null, string.Join(" ", problem.ProblemDetails.Errors.SelectMany(e => e.Value.Select(m => $"Selected alerts: {m}"))));
        }
        var outcomes = ((Ok<BulkAcknowledgeResponse>)result).Value!.Results;
        int Count(string outcome) => outcomes.Count(r => r.Outcome == outcome);
        return (string.Join(',', new[] { Count("acknowledged"), Count("unchanged"), Count("forbidden"), Count("notFound") }.Select(n => n.ToString(CultureInfo.InvariantCulture))), null);
    }

    // "3 acknowledged, 1 already handled, 2 not yours" from the summary AcknowledgeAsync made.
    public static string? Describe(string? summary)
    {
        var parts = (summary ?? "").Split(',');
        if (parts.Length != 4 || !parts.All(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            return null;
        }
        var n = parts.Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        var text = $"{n[0]} acknowledged, {n[1]} already handled, {n[2]} not yours";
        return n[3] > 0 ? $"{text}, {n[3]} no longer there." : text + ".";
    }
}
