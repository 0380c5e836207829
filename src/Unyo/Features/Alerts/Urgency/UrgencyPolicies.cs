using System.Collections.Concurrent;

namespace Unyo.Features.Alerts.Urgency;

// The parsed urgency rule of each integration, kept while its stored text stays the same: a
// rewritten integration (a new revision) brings new text and is parsed once more. Bounded by the
// number of integrations.
public static class UrgencyPolicies
{
    private static readonly ConcurrentDictionary<Guid, (string? Text, UrgencyPolicy Policy)> ByIntegration = new();

    public static UrgencyPolicy For(IntegrationRef integration)
    {
        if (integration.UrgencyRule is null)
        {
            return UrgencyPolicy.BySeverity;
        }
        if (ByIntegration.TryGetValue(integration.Id, out var cached) && string.Equals(cached.Text, integration.UrgencyRule, StringComparison.Ordinal))
        {
            return cached.Policy;
        }
        UrgencyPolicy policy;
        try
        {
            policy = UrgencyPolicy.Parse(integration.UrgencyRule);
        }
        catch (FormatException)
        {
            // Validated when written; only a time zone gone from this system's database gets here.
            // Judging by severity still pages for critical alerts, which losing the alert would not.
            policy = UrgencyPolicy.BySeverity;
        }
        ByIntegration[integration.Id] = (integration.UrgencyRule, policy);
        return policy;
    }

    public static void Forget(Guid integrationId) => ByIntegration.TryRemove(integrationId, out _);
}
