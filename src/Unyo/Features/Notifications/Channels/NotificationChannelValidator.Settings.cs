using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MimeKit;

namespace Unyo.Features.Notifications.Channels;

// The settings of each kind.
public static partial class NotificationChannelValidator
{
    public const int MaxRecipients = 50;
    private const int MaxHeaders = 20;

    [GeneratedRegex(@"^\+[1-9][0-9]{1,14}$")]
    private static partial Regex E164();

    [GeneratedRegex(@"^[A-Za-z0-9]{1,64}$")]
    private static partial Regex AccountSid();

    [GeneratedRegex(@"^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$")]
    private static partial Regex HeaderName();

    // Headers Unyo sets itself (the signature covers the body they frame) or that break the request.
    private static readonly string[] ReservedHeaders = ["host", "content-type", "content-length", "transfer-encoding", "connection", "expect", "te", "upgrade"];

    private static JsonObject Email(SettingsReader reader) => new JsonObject()
        .Put("to", reader.List("to", required: true, MaxRecipients, "an email address", IsMailbox))
        .Put("cc", reader.List("cc", required: false, MaxRecipients, "an email address", IsMailbox))
        .Put("from", reader.Text("from", 300, required: false, IsMailbox, "must be an email address, optionally with a name: Unyo <alerts@example.com>."));

    private static JsonObject Twilio(SettingsReader reader) => new JsonObject()
        .Put("baseUrl", reader.Url("baseUrl"))
        .Put("accountSid", reader.Text("accountSid", 64, required: true, AccountSid().IsMatch, "must be the account SID: letters and digits, such as AC0123…"))
        .Put("from", reader.Text("from", 16, required: true, E164().IsMatch, "must be a phone number in E.164 form, such as +14155550100."))
        .Put("to", reader.List("to", required: true, 20, "a phone number in E.164 form (+14155550100)", E164().IsMatch));

    private static bool IsMailbox(string text) =>
        MailboxAddress.TryParse(text, out var mailbox) && mailbox.Address.Contains('@') && !mailbox.Address.StartsWith('@') && !mailbox.Address.EndsWith('@');

    private static JsonObject? Headers(SettingsReader reader)
    {
        if (reader.Node("headers") is not { } node)
        {
            return null;
        }
        if (node is not JsonObject headers)
        {
            reader.Errors.Add("settings.headers", "must be a mapping of header names to values.");
            return null;
        }
        if (headers.Count > MaxHeaders)
        {
            reader.Errors.Add("settings.headers", $"must have at most {MaxHeaders} headers.");
            return null;
        }
        var result = new JsonObject();
        foreach (var (name, value) in headers.OrderBy(h => h.Key, StringComparer.OrdinalIgnoreCase))
        {
            var field = $"settings.headers.{name}";
            if (!HeaderName().IsMatch(name))
            {
                reader.Errors.Add(field, "is not a valid header name.");
            }
            else if (ReservedHeaders.Contains(name.ToLowerInvariant()) || name.StartsWith("X-Unyo-", StringComparison.OrdinalIgnoreCase))
            {
                reader.Errors.Add(field, "is set by Unyo itself and cannot be overridden.");
            }
            else if (value is not JsonValue v || !v.TryGetValue<string>(out var text) || text.Length > 1000 || text.Any(char.IsControl))
            {
                reader.Errors.Add(field, "must be a text of at most 1000 characters without line breaks.");
            }
            else
            {
                result[name] = text;
            }
        }
        return result.Count == 0 ? null : result;
    }

    private static JsonObject Put(this JsonObject json, string key, JsonNode? value)
    {
        if (value is not null)
        {
            json[key] = value;
        }
        return json;
    }
}
