using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Audit;
using Unyo.Hosting;

namespace Unyo.Features.Incidents.Policy;

// Reads the policy in force (stored, else the defaults) and writes it with its audit record.
public sealed class IncidentPolicies(UnyoDb db, AuditLog audit, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<(IncidentPolicySpec Spec, StoredIncidentPolicy? Stored)> CurrentAsync(CancellationToken cancellationToken)
    {
        var stored = await db.Set<StoredIncidentPolicy>().AsNoTracking().SingleOrDefaultAsync(p => p.Name == IncidentPolicySpec.DefaultName, cancellationToken);
        return (stored is null ? IncidentPolicySpec.Defaults : Read(stored.Spec), stored);
    }

    // Only validated documents are stored; one that no longer validates (a newer rule the code
    // refuses) falls back to the defaults rather than breaking every incident page.
    public static IncidentPolicySpec Read(string json) =>
        IncidentPolicyValidator.Validate(JsonSerializer.Deserialize<IncidentPolicyDocument>(json, Json), new ValidationErrors()) ?? IncidentPolicySpec.Defaults;

    public async Task<StoredIncidentPolicy> SaveAsync(IncidentPolicySpec spec, ManagedBy managedBy, int? expectedRevision, string? source, CancellationToken cancellationToken)
    {
        var stored = await db.Set<StoredIncidentPolicy>().SingleOrDefaultAsync(p => p.Name == IncidentPolicySpec.DefaultName, cancellationToken);
        if (expectedRevision is { } revision && (stored?.Revision ?? 0) != revision)
        {
            throw new RequestValidationException(new ValidationErrors().Add("revision", $"the policy is at revision {stored?.Revision ?? 0}: read it again and retry."), StatusCodes.Status412PreconditionFailed, "The object changed since you read it.");
        }
        var before = stored is null ? null : Read(stored.Spec).ToDocument();
        if (stored is null)
        {
            stored = new StoredIncidentPolicy { Name = IncidentPolicySpec.DefaultName, Spec = "{}" };
            db.Add(stored);
        }
        var document = spec.ToDocument();
        stored.Spec = JsonSerializer.Serialize(document, Json);
        stored.ManagedBy = managedBy;
        stored.Revision++;
        stored.UpdatedAt = time.StoredNow();
        // The apply engine records its own changes; the API records here.
        if (source is not null)
        {
            audit.Record("incidentpolicy.update", IncidentPolicySpec.KindName, IncidentPolicySpec.DefaultName, before, document, source);
        }
        await db.SaveChangesAsync(cancellationToken);
        return stored;
    }

    public static IncidentPolicyResponse ToResponse(IncidentPolicySpec spec, StoredIncidentPolicy? stored) =>
        new(spec.ToDocument(), stored is not null, stored?.ManagedBy.ToName(), stored?.Revision ?? 0, stored?.UpdatedAt);
}
