using System.Globalization;
using MailKit.Security;

namespace Unyo.Features.Notifications.Channels.Senders;

// The mail server every email channel sends through (server configuration, not per channel):
// Unyo:Smtp:Host, Port (default 587, 465 with tls, 25 with none), Security (none|starttls|tls,
// default starttls), Username, Password, From, and AcceptInvalidCertificates, which exists for
// tests against a self-signed server and must stay off in production. Each may also be given as
// UNYO_SMTP_HOST, UNYO_SMTP_PORT, ... like the rest of Unyo's settings.
public sealed record SmtpOptions(string? Host, int Port, SecureSocketOptions Security, string? Username, string? Password, string? From, bool AcceptInvalidCertificates)
{
    public const string Section = "Unyo:Smtp";

    public static SmtpOptions Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        string? Value(string key) => section[key] ?? configuration[$"UNYO_SMTP_{Snake(key)}"];
        var security = (Value("Security") ?? "starttls").ToLowerInvariant() switch
        {
            "none" => SecureSocketOptions.None,
            "starttls" => SecureSocketOptions.StartTls,
            "tls" => SecureSocketOptions.SslOnConnect,
            var other => throw new InvalidOperationException($"{Section}:Security '{other}' must be none, starttls or tls."),
        };
        var port = Value("Port") is { Length: > 0 } text
            ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is > 0 and < 65536
                ? value
                : throw new InvalidOperationException($"{Section}:Port '{text}' must be a port number (1-65535).")
            : security switch { SecureSocketOptions.SslOnConnect => 465, SecureSocketOptions.None => 25, _ => 587 };
        return new SmtpOptions(
            string.IsNullOrWhiteSpace(Value("Host")) ? null : Value("Host")!.Trim(),
            port,
            security,
            string.IsNullOrEmpty(Value("Username")) ? null : Value("Username"),
            string.IsNullOrEmpty(Value("Password")) ? null : Value("Password"),
            string.IsNullOrWhiteSpace(Value("From")) ? null : Value("From")!.Trim(),
            string.Equals(Value("AcceptInvalidCertificates"), "true", StringComparison.OrdinalIgnoreCase));
    }

    // AcceptInvalidCertificates -> ACCEPT_INVALID_CERTIFICATES
    private static string Snake(string key) =>
        string.Concat(key.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : c.ToString())).ToUpperInvariant();
}
