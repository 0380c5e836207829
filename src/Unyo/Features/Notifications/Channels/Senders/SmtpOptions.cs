using System.Globalization;
using MailKit.Security;

namespace Unyo.Features.Notifications.Channels.Senders;

// The mail server every email channel sends through (server configuration, not per channel):
// Unyo:Smtp:Host, Port (default 587, 465 with tls, 25 with none), Security (none|starttls|tls,
// default starttls), Username, Password, From, and AcceptInvalidCertificates, which exists for
// tests against a self-signed server and must stay off in production.
public sealed record SmtpOptions(string? Host, int Port, SecureSocketOptions Security, string? Username, string? Password, string? From, bool AcceptInvalidCertificates)
{
    public const string Section = "Unyo:Smtp";

    public static SmtpOptions Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var security = (section["Security"] ?? "starttls").ToLowerInvariant() switch
        {
            "none" => SecureSocketOptions.None,
            "starttls" => SecureSocketOptions.StartTls,
            "tls" => SecureSocketOptions.SslOnConnect,
            var other => throw new InvalidOperationException($"{Section}:Security '{other}' must be none, starttls or tls."),
        };
        var port = section["Port"] is { Length: > 0 } text
            ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is > 0 and < 65536
                ? value
                : throw new InvalidOperationException($"{Section}:Port '{text}' must be a port number (1-65535).")
            : security switch { SecureSocketOptions.SslOnConnect => 465, SecureSocketOptions.None => 25, _ => 587 };
        return new SmtpOptions(
            string.IsNullOrWhiteSpace(section["Host"]) ? null : section["Host"]!.Trim(),
            port,
            security,
            string.IsNullOrEmpty(section["Username"]) ? null : section["Username"],
            string.IsNullOrEmpty(section["Password"]) ? null : section["Password"],
            string.IsNullOrWhiteSpace(section["From"]) ? null : section["From"]!.Trim(),
            string.Equals(section["AcceptInvalidCertificates"], "true", StringComparison.OrdinalIgnoreCase));
    }
}
