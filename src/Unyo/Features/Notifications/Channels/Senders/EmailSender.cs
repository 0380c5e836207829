using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Unyo.Features.Notifications.Channels.Senders;

// Email through the configured SMTP server with MailKit: one message to all of a channel's
// addresses. SMTP's own answer classes decide the outcome: 4xx and lost connections retry later,
// 5xx (no such mailbox, refused sender) is final.
public sealed class EmailSender(SmtpOptions options, ILogger<EmailSender> logger) : INotificationSender
{
    public ChannelKind Kind => ChannelKind.Email;

    public async Task<DeliveryOutcome> SendAsync(ChannelTarget channel, NotificationMessage message, CancellationToken cancellationToken)
    {
        if (options.Host is null)
        {
            return new DeliveryOutcome(DeliveryResult.Rejected, null, $"no mail server is configured ({SmtpOptions.Section}:Host); see docs/configuration.md");
        }
        var from = (string?)channel.Settings["from"] ?? options.From;
        if (from is null || !MailboxAddress.TryParse(from, out var sender))
        {
            return new DeliveryOutcome(DeliveryResult.Rejected, null, $"no sender address: set {SmtpOptions.Section}:From or the channel's settings.from");
        }
        var mail = Compose(channel, message, sender);
        using var client = new SmtpClient();
        try
        {
            if (options.AcceptInvalidCertificates)
            {
                client.ServerCertificateValidationCallback = (_, _, _, _) => true;
            }
            await client.ConnectAsync(options.Host, options.Port, options.Security, cancellationToken);
            if (options.Username is not null)
            {
                await client.AuthenticateAsync(options.Username, options.Password ?? "", cancellationToken);
            }
            var answer = await client.SendAsync(mail, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
            return new DeliveryOutcome(DeliveryResult.Delivered, 250, ShortAnswer(answer));
        }
        catch (SmtpCommandException exception)
        {
            var code = (int)exception.StatusCode;
            return new DeliveryOutcome(code >= 500 ? DeliveryResult.Rejected : DeliveryResult.RetryLater, code, $"{code} {exception.Message}");
        }
        catch (AuthenticationException exception)
        {
            // Wrong credentials are the server's configuration: retrying helps once it is fixed.
            logger.LogWarning("SMTP authentication failed at {Host}: {Message}", options.Host, exception.Message);
            return new DeliveryOutcome(DeliveryResult.RetryLater, 535, $"SMTP authentication failed: {exception.Message}");
        }
        catch (ServiceNotAuthenticatedException exception)
        {
            // The server wants credentials and none are configured: fixed in configuration, then retried.
            return new DeliveryOutcome(DeliveryResult.RetryLater, 530, $"the mail server requires authentication ({SmtpOptions.Section}:Username and Password): {exception.Message}");
        }
        catch (OperationCanceledException)
        {
            return new DeliveryOutcome(DeliveryResult.RetryLater, null, "timed out talking to the mail server");
        }
        catch (Exception exception) when (exception is SmtpProtocolException or IOException or SocketException or SslHandshakeException or ServiceNotConnectedException or TimeoutException)
        {
            return new DeliveryOutcome(DeliveryResult.RetryLater, null, HttpOutcomes.Short($"{options.Host}:{options.Port}: {exception.Message}"));
        }
        catch (Exception exception) when (exception is CommandException or ProtocolException or InvalidOperationException)
        {
            // Whatever else MailKit says about the conversation: the receiver's side, never a crash of the dispatcher.
            logger.LogWarning(exception, "SMTP send to {Host} failed", options.Host);
            return new DeliveryOutcome(DeliveryResult.RetryLater, null, HttpOutcomes.Short($"{options.Host}:{options.Port}: {exception.Message}"));
        }
    }

    public static MimeMessage Compose(ChannelTarget channel, NotificationMessage message, MailboxAddress sender)
    {
        var (subject, text) = MessageText.Render(channel, message);
        var mail = new MimeMessage { Subject = subject, Body = new TextPart("plain") { Text = text } };
        mail.From.Add(sender);
        mail.To.AddRange(channel.Settings["to"]!.AsArray().Select(a => MailboxAddress.Parse((string)a!)));
        if (channel.Settings["cc"] is { } cc)
        {
            mail.Cc.AddRange(cc.AsArray().Select(a => MailboxAddress.Parse((string)a!)));
        }
        // Receivers that thread by header keep one thread per alert.
        mail.Headers.Add("X-Unyo-Delivery", message.DeliveryId.ToString());
        if (message.Event != NotificationEvent.Notice)
        {
            mail.Headers.Add("X-Unyo-Alert", message.AlertId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return mail;
    }

    private static string? ShortAnswer(string? answer) => answer is null ? null : HttpOutcomes.Short(answer);
}
