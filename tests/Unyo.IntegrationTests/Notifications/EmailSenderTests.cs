using System.Text.Json.Nodes;
using MailKit.Security;
using Microsoft.Extensions.Logging.Abstractions;
using Unyo.Features.Alerts;
using Unyo.Features.Notifications;
using Unyo.Features.Notifications.Channels.Senders;

namespace Unyo.IntegrationTests.Notifications;

/// The email sender against the test SMTP listener in each of the server's modes: plain, STARTTLS,
/// TLS from the first byte, with and without credentials.
public sealed class EmailSenderTests
{
    private static readonly ChannelTarget Channel = new(Guid.NewGuid(), "mail", ChannelKind.Email,
        new JsonObject { ["to"] = new JsonArray("oncall@example.test") }, new Dictionary<string, string>(), null);

    private static readonly NotificationMessage Message = new(
        Guid.NewGuid(), NotificationEvent.Triggered, 42, "http://unyo.example/alerts/42", "Checkout is down", "checkout", "payments",
        AlertSeverity.Critical, AlertUrgency.High, AlertStatus.Triggered, "checks", "k", null, true, [], new Dictionary<string, string>(), null, 1,
        TimeProvider.System.GetUtcNow(), "http://unyo.example/a/ack", "http://unyo.example/a/resolve");

    private static EmailSender Sender(SmtpListener smtp, SecureSocketOptions security, string? user = null, string? password = null, bool acceptInvalid = true) =>
        new(new SmtpOptions("127.0.0.1", smtp.Port, security, user, password, "unyo@example.test", acceptInvalid), NullLogger<EmailSender>.Instance);

    [Fact]
    public async Task PlainSmtpWithoutTlsDelivers()
    {
        await using var smtp = new SmtpListener(offerStartTls: false);

        var outcome = await Sender(smtp, SecureSocketOptions.None).SendAsync(Channel, Message, CancellationToken.None);

        Assert.Equal(DeliveryResult.Delivered, outcome.Result);
        var mail = Assert.Single(smtp.Mails);
        Assert.Equal((false, null, "unyo@example.test"), (mail.OverTls, mail.User, mail.From));
        Assert.Contains("Subject: [critical] Checkout is down", mail.Data);
        Assert.Contains("Runbook: no runbook", mail.Data);
        Assert.Contains("Acknowledge: http://unyo.example/a/ack", mail.Data);
    }

    [Fact]
    public async Task StartTlsAndImplicitTlsDeliverOverTlsWithCredentials()
    {
        await using var starttls = new SmtpListener(credentials: ("u", "p"));
        await using var implicitTls = new SmtpListener(implicitTls: true, credentials: ("u", "p"));

        var upgraded = await Sender(starttls, SecureSocketOptions.StartTls, "u", "p").SendAsync(Channel, Message, CancellationToken.None);
        var wrapped = await Sender(implicitTls, SecureSocketOptions.SslOnConnect, "u", "p").SendAsync(Channel, Message, CancellationToken.None);

        Assert.Equal((DeliveryResult.Delivered, DeliveryResult.Delivered), (upgraded.Result, wrapped.Result));
        Assert.Equal((true, "u"), (Assert.Single(starttls.Mails).OverTls, starttls.Mails.Single().User));
        Assert.Equal((true, "u"), (Assert.Single(implicitTls.Mails).OverTls, implicitTls.Mails.Single().User));
    }

    [Fact]
    public async Task WrongOrMissingCredentialsAndUntrustedCertificatesRetryLater()
    {
        await using var smtp = new SmtpListener(credentials: ("u", "p"));

        var wrong = await Sender(smtp, SecureSocketOptions.StartTls, "u", "not-p").SendAsync(Channel, Message, CancellationToken.None);
        var untrusted = await Sender(smtp, SecureSocketOptions.StartTls, "u", "p", acceptInvalid: false).SendAsync(Channel, Message, CancellationToken.None);
        var anonymous = await Sender(smtp, SecureSocketOptions.StartTls).SendAsync(Channel, Message, CancellationToken.None);

        Assert.Equal((DeliveryResult.RetryLater, 535), (wrong.Result, wrong.StatusCode));
        Assert.Equal(DeliveryResult.RetryLater, untrusted.Result);
        Assert.Contains("certificate", untrusted.Detail, StringComparison.OrdinalIgnoreCase);
        Assert.Equal((DeliveryResult.RetryLater, 530), (anonymous.Result, anonymous.StatusCode));
        Assert.Contains("requires authentication", anonymous.Detail);
        Assert.Empty(smtp.Mails);
    }
}
