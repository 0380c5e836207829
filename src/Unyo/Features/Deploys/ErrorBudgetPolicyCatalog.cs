using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Audit;
using Unyo.Hosting;

namespace Unyo.Features.Deploys;

// Reads and writes error-budget policies for the API and the pages, and says which policy
// governs a service. Every write checks its services and the default before it saves, and saves
// once with its audit record.
public sealed class ErrorBudgetPolicyCatalog(UnyoDb db, TimeProvider time, AuditLog audit)
{
    public Task<ErrorBudgetPolicy?> FindAsync(string name, CancellationToken cancellationToken) =>
        db.ErrorBudgetPolicies.Include(p => p.Services).ThenInclude(s => s.Service).ThenInclude(s => s!.Team).AsSplitQuery()
            .SingleOrDefaultAsync(p => p.Name == name, cancellationToken);

    // One page in name order, after the cursor's name.
    public async Task<Page<ErrorBudgetPolicyResponse>> ListAsync(string? after, int take, CancellationToken cancellationToken)
    {
        IQueryable<ErrorBudgetPolicy> query = db.ErrorBudgetPolicies;
        if (after is not null)
        {
            query = query.Where(p => string.Compare(p.Name, after) > 0);
        }
        var rows = await ProjectAsync(query.OrderBy(p => p.Name).Take(take + 1), cancellationToken);
        var page = rows.Take(take).ToList();
        return new Page<ErrorBudgetPolicyResponse>(page, rows.Count > take ? Cursor.Encode(page[^1].Name) : null);
    }

    public async Task<ErrorBudgetPolicyResponse?> GetAsync(string name, CancellationToken cancellationToken) =>
        (await ProjectAsync(db.ErrorBudgetPolicies.Where(p => p.Name == name), cancellationToken)).SingleOrDefault();

    private static async Task<List<ErrorBudgetPolicyResponse>> ProjectAsync(IQueryable<ErrorBudgetPolicy> policies, CancellationToken cancellationToken) =>
        [.. (await policies.Select(p => new { Policy = p, Services = p.Services.Select(s => new { s.Service!.Name, Team = s.Service.Team!.Name }).ToList() })
                .AsNoTracking().AsSplitQuery().ToListAsync(cancellationToken))
            .Select(r => ToResponse(r.Policy, r.Services.Select(s => (s.Name, s.Team))))];

    // Needs the policy loaded with its services and their teams (FindAsync does).
    public static ErrorBudgetPolicyResponse ToResponse(ErrorBudgetPolicy policy) =>
        ToResponse(policy, policy.Services.Select(s => (s.Service!.Name, s.Service.Team!.Name)));

    private static ErrorBudgetPolicyResponse ToResponse(ErrorBudgetPolicy policy, IEnumerable<(string Service, string Team)> services)
    {
        var list = services.ToList();
        var spec = ErrorBudgetPolicySpec.From(policy, list.Select(s => s.Service));
        return new ErrorBudgetPolicyResponse(
            spec.Name, spec.Description, spec.IsDefault, spec.Services,
            [.. list.Select(s => s.Team).Distinct().Order(StringComparer.Ordinal)],
            ErrorBudgetPolicySpec.ToContract(spec.Steps), spec.FreezeWhilePaging, spec.ExemptLabels, spec.Rules.Describe(),
            policy.ManagedBy.ToName(), policy.Revision, policy.CreatedAt, policy.UpdatedAt);
    }

    // The service's own policy, else the organisation default, else the built-in policy.
    public async Task<EffectivePolicy> EffectiveAsync(Guid serviceId, CancellationToken cancellationToken)
    {
        var policy = await db.ErrorBudgetPolicies.AsNoTracking().SingleOrDefaultAsync(p => p.Services.Any(s => s.ServiceId == serviceId), cancellationToken)
            ?? await db.ErrorBudgetPolicies.AsNoTracking().SingleOrDefaultAsync(p => p.IsDefault, cancellationToken);
        return policy is null
            ? EffectivePolicy.BuiltIn
            : new EffectivePolicy(policy.IsDefault ? EffectivePolicy.FromDefault : EffectivePolicy.FromService, policy.Name, policy.Description, policy.ToRules());
    }

    public Task<bool> HasDefaultAsync(CancellationToken cancellationToken) => db.ErrorBudgetPolicies.AnyAsync(p => p.IsDefault, cancellationToken);

    // Null when there is no such service.
    public async Task<EffectivePolicy?> EffectiveAsync(string service, CancellationToken cancellationToken) =>
        await db.Services.Where(s => s.Name == service).Select(s => (Guid?)s.Id).SingleOrDefaultAsync(cancellationToken) is { } id
            ? await EffectiveAsync(id, cancellationToken)
            : null;

    public async Task<ErrorBudgetPolicy> CreateAsync(ErrorBudgetPolicySpec spec, ManagedBy managedBy, CancellationToken cancellationToken)
    {
        // Checked up front for a clear answer; the unique index still decides races.
        if (await db.ErrorBudgetPolicies.AnyAsync(p => p.Name == spec.Name, cancellationToken))
        {
            throw NameTaken(spec.Name);
        }
        var now = time.StoredNow();
        var policy = new ErrorBudgetPolicy { Id = Guid.CreateVersion7(now), Name = spec.Name, CreatedAt = now };
        await WriteAsync(policy, spec, managedBy, now, cancellationToken);
        db.ErrorBudgetPolicies.Add(policy);
        audit.Record("errorbudgetpolicy.create", ErrorBudgetPolicySpec.KindName, spec.Name, null, spec.ToDocument(), managedBy.ToName());
        await SaveAsync(spec.Name, cancellationToken);
        return policy;
    }

    // Needs the policy loaded with its services (FindAsync does).
    public async Task UpdateAsync(ErrorBudgetPolicy policy, ErrorBudgetPolicySpec spec, ManagedBy managedBy, CancellationToken cancellationToken)
    {
        var before = Spec(policy).ToDocument();
        await WriteAsync(policy, spec, managedBy, time.StoredNow(), cancellationToken);
        audit.Record("errorbudgetpolicy.update", ErrorBudgetPolicySpec.KindName, spec.Name, before, spec.ToDocument(), managedBy.ToName());
        await SaveAsync(spec.Name, cancellationToken);
    }

    // Its services fall back to the organisation default (or the built-in policy).
    public async Task DeleteAsync(ErrorBudgetPolicy policy, string source, CancellationToken cancellationToken)
    {
        audit.Record("errorbudgetpolicy.delete", ErrorBudgetPolicySpec.KindName, policy.Name, Spec(policy).ToDocument(), null, source);
        db.ErrorBudgetPolicies.Remove(policy);
        await db.SaveChangesAsync(cancellationToken);
    }

    public static ErrorBudgetPolicySpec Spec(ErrorBudgetPolicy policy) => ErrorBudgetPolicySpec.From(policy, policy.Services.Select(s => s.Service!.Name));

    private async Task WriteAsync(ErrorBudgetPolicy policy, ErrorBudgetPolicySpec spec, ManagedBy managedBy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var names = spec.Services.ToList();
        var services = await db.Services.Include(s => s.Team).Where(s => names.Contains(s.Name)).ToDictionaryAsync(s => s.Name, cancellationToken);
        var taken = await db.ErrorBudgetPolicyServices.Where(s => names.Contains(s.Service!.Name) && s.PolicyId != policy.Id)
            .Select(s => new { Service = s.Service!.Name, Policy = s.Policy!.Name }).ToDictionaryAsync(s => s.Service, s => s.Policy, cancellationToken);
        for (var i = 0; i < names.Count; i++)
        {
            if (!services.ContainsKey(names[i]))
            {
                errors.Add($"services[{i}]", $"service '{names[i]}' does not exist.");
            }
            else if (taken.TryGetValue(names[i], out var other))
            {
                errors.Add($"services[{i}]", InAnotherPolicy(names[i], other));
            }
        }
        if (spec.IsDefault && await db.ErrorBudgetPolicies.Where(p => p.IsDefault && p.Id != policy.Id).Select(p => p.Name).FirstOrDefaultAsync(cancellationToken) is { } current)
        {
            errors.Add("default", DefaultTaken(current));
        }
        if (!errors.IsEmpty)
        {
            throw new RequestValidationException(errors);
        }
        spec.CopyTo(policy);
        var wanted = names.Select(n => services[n].Id).ToHashSet();
        policy.Services.RemoveAll(s => !wanted.Contains(s.ServiceId));
        foreach (var name in names.Where(n => policy.Services.All(s => s.ServiceId != services[n].Id)))
        {
            policy.Services.Add(new ErrorBudgetPolicyService { PolicyId = policy.Id, ServiceId = services[name].Id, Service = services[name] });
        }
        policy.ManagedBy = managedBy;
        policy.Revision++;
        policy.UpdatedAt = now;
    }

    public static string InAnotherPolicy(string service, string policy) =>
        $"service '{service}' already follows policy '{policy}': a service follows at most one policy; take it out of '{policy}' first.";

    public static string DefaultTaken(string policy) =>
        $"policy '{policy}' is already the organisation default: there is at most one; delete it or give it services first.";

    private async Task SaveAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new RequestValidationException(new ValidationErrors().Add("revision", $"policy '{name}' was changed by someone else while this request ran; read it again and retry."), StatusCodes.Status412PreconditionFailed, "The object changed since you read it.");
        }
        catch (DbUpdateException exception) when (DatabaseProvider.IsUniqueViolation(exception))
        {
            // The name, the default or one of the services was taken by a write that raced this one.
            throw new RequestValidationException(new ValidationErrors().Add("name", $"policy '{name}' conflicts with a change made meanwhile (its name, the organisation default or one of its services was taken); read again and retry."),
                StatusCodes.Status409Conflict, "Conflicting change.");
        }
    }

    private static RequestValidationException NameTaken(string name) =>
        new(new ValidationErrors().Add("name", $"an error-budget policy named '{name}' already exists."), StatusCodes.Status409Conflict, "The name is taken.");
}
