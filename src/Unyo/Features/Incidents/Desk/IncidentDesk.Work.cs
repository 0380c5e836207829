using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Hosting;

namespace Unyo.Features.Incidents.Desk;

// Title, severity, status, summary and notes, and the milestones a status change reaches.
public sealed partial class IncidentDesk
{
    // Tracked, and only if the user may see it: a private incident is "not found" to others.
    public Task<Incident?> FindAsync(long id, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        db.Incidents.VisibleTo(db, user).SingleOrDefaultAsync(i => i.Id == id, cancellationToken);

    public async Task UpdateAsync(Incident incident, UpdateIncidentRequest request, IncidentActor actor, CancellationToken cancellationToken)
    {
        Workable(incident, request.Revision);
        var errors = new ValidationErrors();
        var title = request.Title is null ? null : IncidentFields.Title(request.Title, "title", errors);
        IncidentFields.Severity(request.Severity, "severity", required: false, errors);
        IncidentFields.Summary(request.Summary, "summary", errors);
        IncidentStatus? status = null;
        if (request.Status is { } text)
        {
            status = IncidentStatuses.Parse(text);
            if (status is null)
            {
                errors.Add("status", $"'{text}' is not a status: use investigating, identified, monitoring or resolved.");
            }
        }
        if (!errors.IsEmpty)
        {
            throw new RequestValidationException(errors);
        }
        if (status == IncidentStatus.Resolved && incident.Status == IncidentStatus.Resolved)
        {
            throw AlreadyResolved(incident);
        }
        var (policy, _) = await policies.CurrentAsync(cancellationToken);
        var before = Snapshot(incident);
        var now = time.StoredNow();
        if (title is not null && title != incident.Title)
        {
            Timeline(incident.Id, IncidentTimelineKind.Title, actor.Name, $"Title changed from \"{incident.Title}\" to \"{title}\".", now);
            incident.Title = title;
        }
        if (request.Severity is { } severity && severity != incident.Severity)
        {
            var (from, to) = (policy.Severity(incident.Severity), policy.Severity(severity));
            Timeline(incident.Id, IncidentTimelineKind.Severity, actor.Name, $"Severity changed from {from.Label} ({from.Name}) to {to.Label} ({to.Name}).", now);
            incident.Severity = severity;
        }
        if (request.Summary is { } summary && summary != incident.Summary)
        {
            Timeline(incident.Id, IncidentTimelineKind.Note, actor.Name, "Summary updated.", now);
            incident.Summary = summary.Length == 0 ? null : summary;
        }
        if (status is { } next && next != incident.Status)
        {
            ChangeStatus(incident, next, actor, now);
        }
        Touch(incident, now);
        if (status == IncidentStatus.Resolved)
        {
            audit.RecordHere("incident.resolve", Kind, Name(incident.Id), before, Snapshot(incident));
        }
        else
        {
            audit.RecordHere("incident.update", Kind, Name(incident.Id), before, Snapshot(incident));
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task ResolveAsync(Incident incident, IncidentActor actor, CancellationToken cancellationToken)
    {
        Workable(incident, null);
        if (incident.Status == IncidentStatus.Resolved)
        {
            throw AlreadyResolved(incident);
        }
        var before = Snapshot(incident);
        var now = time.StoredNow();
        ChangeStatus(incident, IncidentStatus.Resolved, actor, now);
        Touch(incident, now);
        audit.RecordHere("incident.resolve", Kind, Name(incident.Id), before, Snapshot(incident));
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IncidentTimelineEntry> AddNoteAsync(Incident incident, IncidentNoteRequest request, IncidentActor actor, CancellationToken cancellationToken)
    {
        Workable(incident, null);
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(request.Text))
        {
            errors.Add("text", "is required: the note, in Markdown.");
        }
        else if (request.Text.Length > 20000)
        {
            errors.Add("text", "is at most 20000 characters.");
        }
        if (!errors.IsEmpty)
        {
            throw new RequestValidationException(errors);
        }
        var now = time.StoredNow();
        var entry = new IncidentTimelineEntry { IncidentId = incident.Id, At = now, Kind = IncidentTimelineKind.Note, Actor = actor.Name, Text = request.Text };
        db.IncidentTimeline.Add(entry);
        Touch(incident, now);
        audit.RecordHere("incident.note", Kind, Name(incident.Id), null, new { Note = request.Text });
        await db.SaveChangesAsync(cancellationToken);
        return entry;
    }

    // Milestones are set once, the first time they are reached; a reopened incident loses only
    // its resolution, so time to acknowledge and mitigate still say what happened first.
    private void ChangeStatus(Incident incident, IncidentStatus next, IncidentActor actor, DateTimeOffset now)
    {
        Timeline(incident.Id, IncidentTimelineKind.Status, actor.Name, $"Status changed from {incident.Status.Name()} to {next.Name()}.", now);
        if (incident.Status == IncidentStatus.Resolved)
        {
            incident.ResolvedAt = null;
        }
        incident.Status = next;
        if (actor.IsPerson)
        {
            Acknowledge(incident, actor.Name, now);
        }
        if (next is IncidentStatus.Monitoring or IncidentStatus.Resolved && incident.MitigatedAt is null)
        {
            incident.MitigatedAt = now;
            Milestone(incident, "Mitigated", now);
        }
        if (next == IncidentStatus.Resolved)
        {
            incident.ResolvedAt = now;
            Milestone(incident, "Resolved", now);
        }
    }

    private void Acknowledge(Incident incident, string by, DateTimeOffset at)
    {
        if (incident.AcknowledgedAt is null)
        {
            incident.AcknowledgedAt = at;
            Milestone(incident, $"Acknowledged by {by}", at);
        }
    }

    private void Milestone(Incident incident, string what, DateTimeOffset at) =>
        Timeline(incident.Id, IncidentTimelineKind.Milestone, "unyo", $"{what}: {IncidentStatuses.Elapsed(at - incident.DetectedAt)} after detection.", at);

    private static void Workable(Incident incident, int? revision)
    {
        if (revision is { } expected && expected != incident.Revision)
        {
            throw new RequestValidationException(new ValidationErrors().Add("revision", $"incident #{incident.Id} is at revision {incident.Revision}: read it again and retry."),
                StatusCodes.Status412PreconditionFailed, "The object changed since you read it.");
        }
        if (incident.MergedIntoId is { } into)
        {
            throw new RequestValidationException(new ValidationErrors().Add("id", $"incident #{incident.Id} was merged into incident #{into}; work on that one."),
                StatusCodes.Status409Conflict, "Merged into another incident.");
        }
    }

    private static RequestValidationException AlreadyResolved(Incident incident) =>
        new(new ValidationErrors().Add("status", $"incident #{incident.Id} was already resolved at {incident.ResolvedAt:yyyy-MM-dd HH:mm} UTC; reopen it (status investigating) first if it is back."),
            StatusCodes.Status409Conflict, "Already resolved.");

    private static void Touch(Incident incident, DateTimeOffset now)
    {
        incident.Revision++;
        incident.UpdatedAt = now;
    }
}
