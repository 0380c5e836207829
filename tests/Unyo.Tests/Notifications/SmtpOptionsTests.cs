using MailKit.Security;
using Microsoft.Extensions.Configuration;
using Unyo.Features.Notifications.Channels.Senders;

namespace Unyo.Tests.Notifications;

public sealed class SmtpOptionsTests
{
    private static SmtpOptions Read(params (string Key, string Value)[] settings) =>
        SmtpOptions.Read(new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build());

    [Fact]
    public void DefaultsAreStartTlsOnPort587WithoutAServer()
    {
        var options = Read();

        Assert.Equal((null, 587, SecureSocketOptions.StartTls, false), (options.Host, options.Port, options.Security, options.AcceptInvalidCertificates));
    }

    [Fact]
    public void TheSectionAndUnyoVariablesBothWorkAndThePortFollowsTheSecurity()
    {
        var section = Read(("Unyo:Smtp:Host", "mail.example"), ("Unyo:Smtp:Security", "tls"), ("Unyo:Smtp:From", "Unyo <unyo@example.test>"));
        var variables = Read(("UNYO_SMTP_HOST", "relay.example"), ("UNYO_SMTP_SECURITY", "none"), ("UNYO_SMTP_USERNAME", "u"), ("UNYO_SMTP_ACCEPT_INVALID_CERTIFICATES", "true"));

        Assert.Equal(("mail.example", 465, SecureSocketOptions.SslOnConnect, "Unyo <unyo@example.test>"), (section.Host, section.Port, section.Security, section.From));
        Assert.Equal(("relay.example", 25, SecureSocketOptions.None, "u", true), (variables.Host, variables.Port, variables.Security, variables.Username, variables.AcceptInvalidCertificates));
    }

    [Fact]
    public void ABadSecurityOrPortStopsTheServerNamingTheSetting()
    {
        var security = Assert.Throws<InvalidOperationException>(() => Read(("Unyo:Smtp:Security", "ssl")));
        var port = Assert.Throws<InvalidOperationException>(() => Read(("UNYO_SMTP_PORT", "70000")));

        Assert.Contains("Unyo:Smtp:Security 'ssl' must be none, starttls or tls", security.Message);
        Assert.Contains("Unyo:Smtp:Port '70000'", port.Message);
    }
}
