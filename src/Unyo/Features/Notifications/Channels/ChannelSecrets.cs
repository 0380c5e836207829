using System.Security.Cryptography;
using System.Text.Json;
using Unyo.Features.Accounts.Sso;
using Unyo.Hosting;

namespace Unyo.Features.Notifications.Channels;

// A channel's write-only settings: one JSON object sealed with SecretBox in SealedSecrets. Writes
// merge changes into what is stored (a missing key keeps, "" removes), generate a webhook's
// signing secret when none is given, and say what changed in words for plans and audit records.
public sealed class ChannelSecrets(SecretBox box)
{
    public Dictionary<string, string> Open(NotificationChannel channel) => Open(channel.SealedSecrets);

    // A sealed text that no longer opens (a lost key ring) reads as no secrets: the channel then
    // fails with "is required" on its next change instead of a 500.
    public Dictionary<string, string> Open(string? sealedSecrets) =>
        box.Open(sealedSecrets) is { } json
            ? JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? []
            : new Dictionary<string, string>(StringComparer.Ordinal);

    public static Dictionary<string, string> Merge(ChannelKind kind, IReadOnlyDictionary<string, string> stored, IReadOnlyDictionary<string, string> changes)
    {
        var merged = stored.Where(s => kind.SecretNames().Contains(s.Key)).ToDictionary(StringComparer.Ordinal);
        foreach (var (name, value) in changes)
        {
            if (value.Length == 0)
            {
                merged.Remove(name);
            }
            else
            {
                merged[name] = value;
            }
        }
        return merged;
    }

    // Null when nothing was generated; otherwise the new signing secret, shown once.
    public static string? Complete(ChannelKind kind, Dictionary<string, string> merged, ValidationErrors errors)
    {
        foreach (var name in kind.RequiredSecrets().Where(n => !merged.ContainsKey(n)))
        {
            errors.Add($"secrets.{name}", "is required (write-only: it is never shown again).");
        }
        if (kind == ChannelKind.Webhook && !merged.ContainsKey(ChannelKinds.SigningSecret))
        {
            return merged[ChannelKinds.SigningSecret] = "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        }
        return null;
    }

    public string? Seal(IReadOnlyDictionary<string, string> secrets) =>
        secrets.Count == 0 ? null : box.Seal(JsonSerializer.Serialize(secrets.OrderBy(s => s.Key, StringComparer.Ordinal).ToDictionary()));

    public static Dictionary<string, string> Notes(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after)
    {
        var notes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in before.Keys.Union(after.Keys))
        {
            var (had, has) = (before.GetValueOrDefault(name), after.GetValueOrDefault(name));
            if (had != has)
            {
                notes[name] = has is null ? SecretNotes.Removed : SecretNotes.Changed;
            }
        }
        return notes;
    }
}
