using System.Text.Json.Nodes;
using Unyo.Client;
using Unyo.Hosting;

namespace Unyo.Features.Notifications.Channels;

// Field rules for a channel, shared by the API, the pages and YAML. Keys are the request's field
// names (`settings.to[1]`, `secrets.url`, `templates.triggered.text`). Secrets come out as
// changes: a value sets one, "" removes one, a missing key keeps what is stored; whether the
// required ones are there, and whether URLs pass the target guard, is checked where the stored
// state is known (ChannelCatalog, NotificationChannelKind).
public static partial class NotificationChannelValidator
{
    public static NotificationChannelSpec? Validate(NotificationChannelRequest request, ValidationErrors errors, out Dictionary<string, string> secrets)
    {
        secrets = new Dictionary<string, string>(StringComparer.Ordinal);
        Slugs.Check(request.Name, "name", errors);
        Slugs.Check(request.Team, "team", errors);
        var kind = ChannelKinds.Parse(request.Type);
        if (kind is null)
        {
            errors.Add("type", string.IsNullOrWhiteSpace(request.Type) ? $"is required: one of {ChannelKinds.Names}." : $"'{request.Type}' is not a channel type; use one of {ChannelKinds.Names}.");
        }
        var use = request.Use is null ? kind?.DefaultUse() : ChannelKinds.ParseUse(request.Use);
        if (request.Use is not null && use is null)
        {
            errors.Add("use", $"'{request.Use}' must be paging or chat.");
        }
        var templates = ChannelTemplates.Validate(request.Templates, errors);
        if (kind is null)
        {
            return null;
        }
        var settings = Settings(kind.Value, request.Settings ?? [], errors);
        secrets = Secrets(kind.Value, request.Secrets, errors);
        if (!errors.IsEmpty)
        {
            return null;
        }
        return new NotificationChannelSpec(request.Name!, request.Team!, kind.Value, use!.Value, request.Enabled ?? true, settings, templates);
    }

    private static Dictionary<string, string> Secrets(ChannelKind kind, IReadOnlyDictionary<string, string?>? given, ValidationErrors errors)
    {
        var changes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in given ?? new Dictionary<string, string?>())
        {
            var field = $"secrets.{name}";
            if (!kind.SecretNames().Contains(name))
            {
                errors.Add(field, kind.PublicNames().Contains(name)
                    ? "is not secret: give it under settings."
                    : $"is not a secret of type {kind.ToName()}; it has {(kind.SecretNames().Count == 0 ? "none" : string.Join(", ", kind.SecretNames()))}.");
                continue;
            }
            if (value is null)
            {
                continue;
            }
            if (value.Length == 0)
            {
                if (kind.RequiredSecrets().Contains(name))
                {
                    errors.Add(field, "is required and cannot be removed; leave it out to keep the stored one.");
                }
                changes[name] = "";
                continue;
            }
            var problem = name switch
            {
                "url" => UrlProblem(value),
                ChannelKinds.SigningSecret => value.Length is < 16 or > 200 ? "must be 16 to 200 characters; leave it out to have one generated." : null,
                _ => value.Length > 500 || value.Any(char.IsControl) ? "must be at most 500 characters without control characters." : null,
            };
            if (problem is not null)
            {
                errors.Add(field, problem);
                continue;
            }
            changes[name] = value.Trim();
        }
        return changes;
    }

    // Absolute http(s) only: a file:// or gopher:// URL would reach what no webhook should.
    public static string? UrlProblem(string text)
    {
        if (text.Length > 2000)
        {
            return "must be at most 2000 characters.";
        }
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.Host.Length == 0)
        {
            return "must be an absolute http:// or https:// URL.";
        }
        return uri.UserInfo.Length > 0 ? "must not carry a user name or password; most receivers put their credential in the path." : null;
    }

    private static JsonObject Settings(ChannelKind kind, JsonObject given, ValidationErrors errors)
    {
        foreach (var (name, _) in given)
        {
            if (!kind.PublicNames().Contains(name))
            {
                errors.Add($"settings.{name}", kind.SecretNames().Contains(name)
                    ? "is write-only: give it under secrets."
                    : $"is not a setting of type {kind.ToName()}; it has {(kind.PublicNames().Count == 0 ? "none" : string.Join(", ", kind.PublicNames()))}.");
            }
        }
        var reader = new SettingsReader(given, errors);
        return kind switch
        {
            ChannelKind.Email => Email(reader),
            ChannelKind.Mattermost or ChannelKind.Discord => new JsonObject().Put("username", reader.Text("username", 80, required: false)),
            ChannelKind.Teams => new JsonObject().Put("format", reader.OneOf("format", TeamsFormats)),
            ChannelKind.Webhook => new JsonObject().Put("headers", Headers(reader)),
            ChannelKind.PagerDuty => new JsonObject().Put("url", reader.Url("url")),
            ChannelKind.Sms or ChannelKind.Voice => Twilio(reader),
            _ => [],
        };
    }

    public static readonly string[] TeamsFormats = ["adaptiveCard", "messageCard"];
}
