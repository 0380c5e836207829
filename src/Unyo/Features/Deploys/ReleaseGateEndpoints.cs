using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Audit;
using Unyo.Hosting;

namespace Unyo.Features.Deploys;

public static class ReleaseGateEndpoints
{
    public const int DefaultOverrideHours = 24;
    public const int MaxOverrideHours = 168;

    // `labels=security-fix,rollback` (or repeated) describe the change being shipped.
    public static async Task<Results<Ok<ReleaseGateResponse>, ProblemHttpResult>> Get(string name, string[]? labels, ReleaseGate gate, CancellationToken cancellationToken)
    {
        var split = (labels ?? []).SelectMany(l => l.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        return await gate.DecideAsync(name, split, cancellationToken) is { } answer ? TypedResults.Ok(answer) : Problems.NotFound("Service", name);
    }

    public static async Task<Results<Ok<List<GateOverrideResponse>>, ProblemHttpResult>> ListOverrides(string name, UnyoDb db, CancellationToken cancellationToken)
    {
        if (!await db.Services.AnyAsync(s => s.Name == name, cancellationToken))
        {
            return Problems.NotFound("Service", name);
        }
        var overrides = await db.ReleaseGateOverrides.AsNoTracking().Include(o => o.Service)
            .Where(o => o.Service!.Name == name).OrderByDescending(o => o.CreatedAt).Take(100).ToListAsync(cancellationToken);
        return TypedResults.Ok(overrides.Select(ToResponse).ToList());
    }

    public static async Task<Results<Created<GateOverrideResponse>, ValidationProblem, ProblemHttpResult>> CreateOverride(
        string name, CreateGateOverrideRequest request, UnyoDb db, AuditLog audit, TimeProvider time, ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var reason = request.Reason?.Trim() ?? "";
        if (reason.Length is < 10 or > 500)
        {
            errors.Add("reason", "must be 10–500 characters: say why shipping is right despite the error budget.");
        }
        if (request.Hours is < 1 or > MaxOverrideHours)
        {
            errors.Add("hours", $"must be between 1 and {MaxOverrideHours} (a week): overrides are for emergencies, not a new normal.");
        }
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }
        var service = await db.Services.SingleOrDefaultAsync(s => s.Name == name, cancellationToken);
        if (service is null)
        {
            return Problems.NotFound("Service", name);
        }
        var now = time.StoredNow();
        var entry = new ReleaseGateOverride
        {
            Id = Guid.CreateVersion7(now),
            ServiceId = service.Id,
            Service = service,
            Reason = reason,
            CreatedBy = principal.FindFirstValue(ClaimTypes.Email) ?? principal.Identity?.Name ?? "unknown",
            CreatedAt = now,
            ExpiresAt = now.AddHours(request.Hours ?? DefaultOverrideHours),
        };
        db.ReleaseGateOverrides.Add(entry);
        audit.Record("release-gate.override", "Service", service.Name, null, new { reason, expiresAt = entry.ExpiresAt }, "api");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/services/{service.Name}/release-gate/overrides/{entry.Id}", ToResponse(entry));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> EndOverride(string name, Guid id, UnyoDb db, AuditLog audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var entry = await db.ReleaseGateOverrides.Include(o => o.Service)
            .SingleOrDefaultAsync(o => o.Id == id && o.Service!.Name == name, cancellationToken);
        var now = time.StoredNow();
        if (entry is null || !entry.IsActiveAt(now))
        {
            return Problems.NotFound("Override", id.ToString());
        }
        entry.EndedAt = now;
        audit.Record("release-gate.override-end", "Service", name, new { reason = entry.Reason, expiresAt = entry.ExpiresAt }, null, "api");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    public static GateOverrideResponse ToResponse(ReleaseGateOverride entry) =>
        new(entry.Id, entry.Service?.Name ?? "", entry.Reason, entry.CreatedBy, entry.CreatedAt, entry.ExpiresAt, entry.EndedAt);
}
