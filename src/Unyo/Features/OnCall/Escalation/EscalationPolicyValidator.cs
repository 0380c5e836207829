using Unyo.Client;
using Unyo.Hosting;

namespace Unyo.Features.OnCall.Escalation;

// Field rules for an escalation policy, shared by the API, the pages and YAML. Keys are the
// request's field names (`levels[1].targets[0].schedule`); whether the team, services, users and
// schedules exist is checked where the state is known (EscalationPolicyCatalog, the YAML kind).
// A policy cannot loop: its targets are people, schedules and teams, never other policies, and
// every wait is at least a minute, so a repeating policy pages at most once a minute.
public static class EscalationPolicyValidator
{
    public const int MaxLevels = 20;
    public const int MaxTargets = 20;
    public const int MaxRepeat = 9;
    public const int MaxServices = 200;
    public static readonly TimeSpan MinEscalateAfter = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaxEscalateAfter = TimeSpan.FromHours(24);

    public static EscalationPolicySpec? Validate(EscalationPolicyRequest request, ValidationErrors errors)
    {
        Slugs.Check(request.Name, "name", errors);
        Slugs.Check(request.Team, "team", errors);
        if (request.Description is { Length: > 2000 })
        {
            errors.Add("description", "must be at most 2000 characters.");
        }
        if (request.Repeat is < 0 or > MaxRepeat)
        {
            errors.Add("repeat", $"must be from 0 (page each level once) to {MaxRepeat}.");
        }
        var services = new List<string>();
        if (request.Services is { Count: > MaxServices })
        {
            errors.Add("services", $"must be at most {MaxServices}.");
        }
        else
        {
            for (var i = 0; i < (request.Services?.Count ?? 0); i++)
            {
                var service = request.Services![i];
                Slugs.Check(service, $"services[{i}]", errors);
                if (service is not null && services.Contains(service, StringComparer.Ordinal))
                {
                    errors.Add($"services[{i}]", $"'{service}' is listed twice.");
                }
                else if (service is not null)
                {
                    services.Add(service);
                }
            }
        }
        var levels = new List<EscalationLevelSpec>();
        if (request.Levels is not { Count: > 0 })
        {
            errors.Add("levels", "give at least one level: whom to page first, and how long to wait for an acknowledgement.");
        }
        else if (request.Levels.Count > MaxLevels)
        {
            errors.Add("levels", $"must be at most {MaxLevels}.");
        }
        else
        {
            for (var i = 0; i < request.Levels.Count; i++)
            {
                if (Level(request.Levels[i], $"levels[{i}]", errors) is { } level)
                {
                    levels.Add(level);
                }
            }
        }
        if (!errors.IsEmpty)
        {
            return null;
        }
        return new EscalationPolicySpec(request.Name!, request.Team!, string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim(),
            request.Repeat ?? 0, [.. services.Order(StringComparer.Ordinal)], levels);
    }

    private static EscalationLevelSpec? Level(EscalationLevelRequest? level, string field, ValidationErrors errors)
    {
        if (level is null)
        {
            errors.Add(field, "is empty: a level needs targets and an escalateAfter.");
            return null;
        }
        var before = errors.All.Count();
        if (string.IsNullOrWhiteSpace(level.EscalateAfter))
        {
            errors.Add($"{field}.escalateAfter", $"is required: how long to wait for an acknowledgement before the next level, from {Durations.Format(MinEscalateAfter)} to {Durations.Format(MaxEscalateAfter)}, such as 15m.");
        }
        var after = string.IsNullOrWhiteSpace(level.EscalateAfter) ? TimeSpan.Zero
            : Durations.Read(level.EscalateAfter.Trim(), $"{field}.escalateAfter", TimeSpan.Zero, MinEscalateAfter, MaxEscalateAfter, errors);
        var targets = new List<EscalationTargetSpec>();
        if (level.Targets is not { Count: > 0 })
        {
            errors.Add($"{field}.targets", "give at least one target: a user, a schedule or a team.");
        }
        else if (level.Targets.Count > MaxTargets)
        {
            errors.Add($"{field}.targets", $"must be at most {MaxTargets}.");
        }
        else
        {
            for (var i = 0; i < level.Targets.Count; i++)
            {
                if (Target(level.Targets[i], $"{field}.targets[{i}]", errors) is { } target)
                {
                    if (targets.Contains(target))
                    {
                        errors.Add($"{field}.targets[{i}]", $"{target.KindName} '{target.Name}' is listed twice in this level.");
                    }
                    targets.Add(target);
                }
            }
        }
        return errors.All.Count() == before ? new EscalationLevelSpec(after, targets) : null;
    }

    private static EscalationTargetSpec? Target(EscalationTargetRequest? target, string field, ValidationErrors errors)
    {
        var given = new (EscalationTargetKind Kind, string? Name)[] { (EscalationTargetKind.User, target?.User), (EscalationTargetKind.Schedule, target?.Schedule), (EscalationTargetKind.Team, target?.Team) }
            .Where(t => t.Name is not null).ToList();
        if (given.Count != 1)
        {
            errors.Add(field, "give exactly one of user (an email), schedule or team.");
            return null;
        }
        var (kind, name) = given[0];
        var key = $"{field}.{kind.ToString().ToLowerInvariant()}";
        if (kind == EscalationTargetKind.User)
        {
            var email = name!.Trim().ToLowerInvariant();
            if (email.Length is 0 or > 254 || !email.Contains('@'))
            {
                errors.Add(key, $"'{name}' is not an email address.");
                return null;
            }
            return new EscalationTargetSpec(kind, email);
        }
        var before = errors.All.Count();
        Slugs.Check(name, key, errors);
        return errors.All.Count() == before ? new EscalationTargetSpec(kind, name!) : null;
    }
}
