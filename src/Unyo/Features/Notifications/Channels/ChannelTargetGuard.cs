using Unyo.Features.Checks.Probes;
using Unyo.Hosting;

namespace Unyo.Features.Notifications.Channels;

// The checks' SSRF guard applied to the URLs a channel posts to: a team member must not make the
// server post to itself, its private network or a metadata service unless an admin allowed the
// target (PUT /api/v1/check-settings). Judged here for literal addresses and well-known names;
// the senders' connect callback judges every address they actually connect to.
public static class ChannelTargetGuard
{
    public static void Check(NotificationChannelSpec spec, IReadOnlyDictionary<string, string> secrets, TargetAllowList allowed, ValidationErrors errors)
    {
        foreach (var (field, url) in Urls(spec, secrets))
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
            {
                continue;
            }
            var found = new ValidationErrors();
            var host = HostNames.Canonical(uri.Host, allowUnderscore: false, out _) ?? uri.Host;
            TargetGuard.CheckAtCreation(new TcpProbeSettings { Host = host, Port = uri.Port }, allowed, found);
            foreach (var (_, message) in found.All)
            {
                errors.Add(field, message.Replace("checks may not probe it", "channels may not send to it", StringComparison.Ordinal));
            }
        }
    }

    private static IEnumerable<(string Field, string Url)> Urls(NotificationChannelSpec spec, IReadOnlyDictionary<string, string> secrets)
    {
        if (secrets.TryGetValue("url", out var url))
        {
            yield return ("secrets.url", url);
        }
        foreach (var name in new[] { "url", "baseUrl" })
        {
            if ((string?)spec.Settings[name] is { } setting)
            {
                yield return ($"settings.{name}", setting);
            }
        }
    }

    // A refusal by the connect callback, found again in the exception chain HttpClient wraps around it.
    public static string? Refusal(Exception exception) => ProbeFailedException.Find(exception)?.Message;
}
