using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Accounts;
using Unyo.Features.Alerts;
using Unyo.Features.Audit;
using Unyo.Hosting;

namespace Unyo.Features.OnCall.Personal;

// A person's notification rules, read and replaced whole. An urgency without steps pages the
// account's email address at once (PersonalPager does that); reads show that default as such.
public sealed class NotificationRuleSet(UnyoDb db, AuditLog audit)
{
    public const int MaxSteps = 10;
    public const int MaxDelayMinutes = 240;
    public const string AccountEmail = "Account email";

    public async Task<NotificationRulesResponse> ReadAsync(Guid userId, CancellationToken cancellationToken)
    {
        var rules = await db.NotificationRules.AsNoTracking().Where(r => r.UserId == userId)
            .Select(r => new { r.Urgency, r.ContactMethodId, r.ContactMethod!.Kind, r.ContactMethod.Label, r.DelayMinutes }).ToListAsync(cancellationToken);
        List<NotificationRuleStepResponse> Steps(AlertUrgency urgency)
        {
            var steps = rules.Where(r => r.Urgency == urgency).OrderBy(r => r.DelayMinutes).ThenBy(r => r.Label, StringComparer.Ordinal)
                .Select(r => new NotificationRuleStepResponse(r.ContactMethodId, r.Kind.ToName(), r.Label, r.DelayMinutes)).ToList();
            return steps.Count > 0 ? steps : [new NotificationRuleStepResponse(null, ContactMethodKind.Email.ToName(), AccountEmail, 0, IsDefault: true)];
        }
        return new NotificationRulesResponse(Steps(AlertUrgency.High), Steps(AlertUrgency.Low), IsDefault: rules.Count == 0);
    }

    // Replaces every step in one write; throws RequestValidationException naming the step at fault.
    public async Task<NotificationRulesResponse> ReplaceAsync(User user, NotificationRulesRequest request, string source, CancellationToken cancellationToken)
    {
        var methods = await db.ContactMethods.AsNoTracking().Where(c => c.UserId == user.Id).ToDictionaryAsync(c => c.Id, c => c.Label, cancellationToken);
        var errors = new ValidationErrors();
        var wanted = Validate("high", AlertUrgency.High, request.High, methods, user.Email, errors)
            .Concat(Validate("low", AlertUrgency.Low, request.Low, methods, user.Email, errors)).ToList();
        if (!errors.IsEmpty)
        {
            throw new RequestValidationException(errors);
        }
        var stored = await db.NotificationRules.Where(r => r.UserId == user.Id).ToListAsync(cancellationToken);
        var before = Described(stored.Select(r => (r.Urgency, methods.GetValueOrDefault(r.ContactMethodId, "?"), r.DelayMinutes)));
        db.NotificationRules.RemoveRange(stored);
        foreach (var (urgency, method, delay) in wanted)
        {
            db.NotificationRules.Add(new NotificationRule { Id = Guid.NewGuid(), UserId = user.Id, Urgency = urgency, ContactMethodId = method, DelayMinutes = delay });
        }
        audit.Record("notificationrules.update", ContactMethodCatalog.Kind, user.Email, before, Described(wanted.Select(w => (w.Urgency, methods[w.Method], w.Delay))), source);
        await db.SaveChangesAsync(cancellationToken);
        return await ReadAsync(user.Id, cancellationToken);
    }

    private static List<(AlertUrgency Urgency, Guid Method, int Delay)> Validate(
        string field, AlertUrgency urgency, IReadOnlyList<NotificationRuleStepRequest>? steps, Dictionary<Guid, string> methods, string email, ValidationErrors errors)
    {
        var valid = new List<(AlertUrgency, Guid, int)>();
        if (steps is null)
        {
            return valid;
        }
        if (steps.Count > MaxSteps)
        {
            errors.Add(field, $"has {steps.Count} steps; at most {MaxSteps} per urgency.");
            return valid;
        }
        var seen = new HashSet<(Guid, int)>();
        for (var i = 0; i < steps.Count; i++)
        {
            var (step, at) = (steps[i], $"{field}[{i}]");
            if (step is null)
            {
                errors.Add(at, "must be a step: {contactMethod, delayMinutes}.");
                continue;
            }
            if (step.ContactMethod is not { } method)
            {
                errors.Add($"{at}.contactMethod", "is required: the id of one of your contact methods.");
            }
            else if (!methods.ContainsKey(method))
            {
                errors.Add($"{at}.contactMethod", $"{method} is not one of {email}'s contact methods.");
            }
            if (step.DelayMinutes is not { } delay)
            {
                errors.Add($"{at}.delayMinutes", $"is required: minutes after the page, 0 to {MaxDelayMinutes}.");
            }
            else if (delay is < 0 or > MaxDelayMinutes)
            {
                errors.Add($"{at}.delayMinutes", $"must be between 0 and {MaxDelayMinutes} minutes (not {delay}).");
            }
            if (step.ContactMethod is { } m && methods.ContainsKey(m) && step.DelayMinutes is { } d and >= 0 and <= MaxDelayMinutes)
            {
                if (!seen.Add((m, d)))
                {
                    errors.Add(at, $"repeats {methods[m]} at {d} minutes; each contact method and delay may appear once per urgency.");
                }
                valid.Add((urgency, m, d));
            }
        }
        return valid;
    }

    private static List<string> Described(IEnumerable<(AlertUrgency Urgency, string Label, int Delay)> steps) =>
        [.. steps.OrderBy(s => s.Urgency).ThenBy(s => s.Delay).Select(s => $"{s.Urgency.ToString().ToLowerInvariant()}: {s.Label} at {s.Delay} min")];
}
