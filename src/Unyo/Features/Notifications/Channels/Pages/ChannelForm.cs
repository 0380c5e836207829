using System.Text.Json.Nodes;
using Unyo.Client;

namespace Unyo.Features.Notifications.Channels.Pages;

// What the channel form posts: plain strings, so a refused form comes back exactly as typed.
// Lists are comma- or line-separated; headers are "Name: value" lines. Secret inputs post only
// what was typed: an empty one keeps the stored secret.
public sealed class ChannelForm
{
    public string? Name { get; set; }
    public string? Team { get; set; }
    public string? Type { get; set; }
    public string? Use { get; set; }
    // "true" or "false": a select, since an unticked checkbox posts nothing and could not say no.
    public string? Enabled { get; set; } = "true";
    public string? To { get; set; }
    public string? Cc { get; set; }
    public string? From { get; set; }
    public string? Username { get; set; }
    public string? Format { get; set; }
    public string? Headers { get; set; }
    public string? Url { get; set; }
    public string? BaseUrl { get; set; }
    public string? AccountSid { get; set; }
    public string? SecretUrl { get; set; }
    public string? SigningSecret { get; set; }
    public string? RoutingKey { get; set; }
    public string? AuthToken { get; set; }
    public string? TriggeredSubject { get; set; }
    public string? TriggeredText { get; set; }
    public string? ResolvedSubject { get; set; }
    public string? ResolvedText { get; set; }
    public int Revision { get; set; }

    public static ChannelForm Of(NotificationChannelResponse channel)
    {
        var s = channel.Settings;
        var twilio = channel.Type is "sms" or "voice";
        return new ChannelForm
        {
            Name = channel.Name,
            Team = channel.Team,
            Type = channel.Type,
            Use = channel.Use,
            Enabled = channel.Enabled ? "true" : "false",
            To = s["to"] is JsonArray to ? string.Join(", ", to.Select(t => (string?)t)) : null,
            Cc = s["cc"] is JsonArray cc ? string.Join(", ", cc.Select(t => (string?)t)) : null,
            From = (string?)s["from"],
            Username = (string?)s["username"],
            Format = (string?)s["format"],
            Headers = s["headers"] is JsonObject headers ? string.Join("\n", headers.Select(h => $"{h.Key}: {(string?)h.Value}")) : null,
            Url = twilio ? null : (string?)s["url"],
            BaseUrl = (string?)s["baseUrl"],
            AccountSid = (string?)s["accountSid"],
            TriggeredSubject = channel.Templates.GetValueOrDefault("triggered")?.Subject,
            TriggeredText = channel.Templates.GetValueOrDefault("triggered")?.Text,
            ResolvedSubject = channel.Templates.GetValueOrDefault("resolved")?.Subject,
            ResolvedText = channel.Templates.GetValueOrDefault("resolved")?.Text,
            Revision = channel.Revision,
        };
    }

    // Only the fields of the form's type are sent; templates of other events are kept as stored.
    public NotificationChannelRequest ToRequest(IReadOnlyDictionary<string, NotificationTemplateRequest> storedTemplates)
    {
        var settings = new JsonObject();
        void Put(string key, JsonNode? value)
        {
            if (value is not null)
            {
                settings[key] = value;
            }
        }
        var kind = ChannelKinds.Parse(Type);
        var names = kind?.PublicNames() ?? [];
        Put("to", names.Contains("to") ? List(To) : null);
        Put("cc", names.Contains("cc") ? List(Cc) : null);
        Put("from", names.Contains("from") ? Blank(From) : null);
        Put("username", names.Contains("username") ? Blank(Username) : null);
        Put("format", names.Contains("format") ? Blank(Format) : null);
        Put("headers", names.Contains("headers") ? HeaderLines(Headers) : null);
        Put("url", names.Contains("url") ? Blank(Url) : null);
        Put("baseUrl", names.Contains("baseUrl") ? Blank(BaseUrl) : null);
        Put("accountSid", names.Contains("accountSid") ? Blank(AccountSid) : null);
        var secrets = new Dictionary<string, string?>();
        foreach (var (name, value) in new[] { ("url", SecretUrl), (ChannelKinds.SigningSecret, SigningSecret), ("routingKey", RoutingKey), ("authToken", AuthToken) })
        {
            if (kind?.SecretNames().Contains(name) == true && !string.IsNullOrEmpty(value))
            {
                secrets[name] = value;
            }
        }
        var templates = storedTemplates.ToDictionary(t => t.Key, t => t.Value);
        Template(templates, "triggered", TriggeredSubject, TriggeredText);
        Template(templates, "resolved", ResolvedSubject, ResolvedText);
        return new NotificationChannelRequest
        {
            Name = Name?.Trim(), Team = Team, Type = Type, Use = Blank(Use), Enabled = Enabled != "false",
            Settings = settings, Secrets = secrets, Templates = templates,
        };
    }

    private static void Template(Dictionary<string, NotificationTemplateRequest> templates, string name, string? subject, string? text)
    {
        if (Blank(subject) is null && Blank(text) is null)
        {
            templates.Remove(name);
        }
        else
        {
            templates[name] = new NotificationTemplateRequest { Subject = Blank(subject), Text = Blank(text) };
        }
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static JsonArray? List(string? text)
    {
        var items = (text ?? "").Split([',', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return items.Length == 0 ? null : new JsonArray([.. items.Select(i => (JsonNode)i)]);
    }

    private static JsonObject? HeaderLines(string? text)
    {
        var headers = new JsonObject();
        foreach (var line in (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = line.IndexOf(':');
            headers[colon < 0 ? line : line[..colon].Trim()] = colon < 0 ? "" : line[(colon + 1)..].Trim();
        }
        return headers.Count == 0 ? null : headers;
    }
}
