using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Unyo.IntegrationTests.Notifications;

/// A small SMTP server on 127.0.0.1 for the email channel: EHLO, STARTTLS (or TLS from the first
/// byte), AUTH PLAIN and LOGIN, MAIL, RCPT, DATA, QUIT, with a self-signed certificate. It keeps
/// every message it accepted, with whether it came over TLS and who signed in.
public sealed class SmtpListener : IAsyncDisposable
{
    public sealed record Mail(string From, IReadOnlyList<string> To, string Data, bool OverTls, string? User);

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly X509Certificate2 _certificate = SelfSigned();
    private readonly bool _implicitTls;
    private readonly bool _offerStartTls;
    private readonly (string User, string Password)? _credentials;

    public SmtpListener(bool implicitTls = false, bool offerStartTls = true, (string User, string Password)? credentials = null)
    {
        (_implicitTls, _offerStartTls, _credentials) = (implicitTls, offerStartTls, credentials);
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public ConcurrentQueue<Mail> Mails { get; } = new();

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        Stream stream = client.GetStream();
        var secure = false;
        try
        {
            if (_implicitTls)
            {
                stream = await TlsAsync(stream);
                secure = true;
            }
            var (reader, writer) = Open(stream);
            await writer.WriteAsync("220 localhost ESMTP unyo-test\r\n");
            string? user = null, from = null;
            var to = new List<string>();
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                var argument = line.Length > verb.Length ? line[(verb.Length + 1)..] : "";
                switch (verb)
                {
                    case "EHLO":
                        var lines = new List<string> { "250-localhost" };
                        if (_offerStartTls && !secure)
                        {
                            lines.Add("250-STARTTLS");
                        }
                        if (_credentials is not null)
                        {
                            lines.Add("250-AUTH PLAIN LOGIN");
                        }
                        lines.Add("250 8BITMIME");
                        await writer.WriteAsync(string.Join("\r\n", lines) + "\r\n");
                        break;
                    case "HELO" or "RSET" or "NOOP":
                        await writer.WriteAsync("250 OK\r\n");
                        break;
                    case "STARTTLS":
                        await writer.WriteAsync("220 Go ahead\r\n");
                        stream = await TlsAsync(stream);
                        secure = true;
                        (reader, writer) = Open(stream);
                        break;
                    case "AUTH":
                        user = await AuthenticateAsync(argument, reader, writer);
                        break;
                    case "MAIL":
                        if (_credentials is not null && user is null)
                        {
                            await writer.WriteAsync("530 5.7.0 Authentication required\r\n");
                            break;
                        }
                        (from, to) = (Address(argument), []);
                        await writer.WriteAsync("250 OK\r\n");
                        break;
                    case "RCPT":
                        to.Add(Address(argument));
                        await writer.WriteAsync("250 OK\r\n");
                        break;
                    case "DATA":
                        await writer.WriteAsync("354 End data with <CR><LF>.<CR><LF>\r\n");
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync(_stop.Token) is { } dataLine && dataLine != ".")
                        {
                            data.Append(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine).Append('\n');
                        }
                        Mails.Enqueue(new Mail(from ?? "", to, data.ToString(), secure, user));
                        await writer.WriteAsync("250 OK queued\r\n");
                        break;
                    case "QUIT":
                        await writer.WriteAsync("221 Bye\r\n");
                        return;
                    default:
                        await writer.WriteAsync("502 Command not implemented\r\n");
                        break;
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or System.Security.Authentication.AuthenticationException)
        {
            // The client hung up or the test ended.
        }
    }

    private async Task<string?> AuthenticateAsync(string argument, StreamReader reader, StreamWriter writer)
    {
        var parts = argument.Split(' ');
        string user, password;
        if (parts[0].Equals("PLAIN", StringComparison.OrdinalIgnoreCase))
        {
            var encoded = parts.Length > 1 ? parts[1] : await Challenge("", reader, writer);
            var fields = Encoding.UTF8.GetString(Convert.FromBase64String(encoded)).Split('\0');
            (user, password) = (fields[1], fields[2]);
        }
        else
        {
            user = Encoding.UTF8.GetString(Convert.FromBase64String(parts.Length > 1 ? parts[1] : await Challenge("VXNlcm5hbWU6", reader, writer)));
            password = Encoding.UTF8.GetString(Convert.FromBase64String(await Challenge("UGFzc3dvcmQ6", reader, writer)));
        }
        if (_credentials is { } expected && expected.User == user && expected.Password == password)
        {
            await writer.WriteAsync("235 2.7.0 Authentication successful\r\n");
            return user;
        }
        await writer.WriteAsync("535 5.7.8 Authentication credentials invalid\r\n");
        return null;
    }

    private static async Task<string> Challenge(string prompt, StreamReader reader, StreamWriter writer)
    {
        await writer.WriteAsync($"334 {prompt}\r\n");
        return await reader.ReadLineAsync() ?? "";
    }

    private static string Address(string argument) => argument[(argument.IndexOf('<') + 1)..argument.IndexOf('>')];

    private static (StreamReader, StreamWriter) Open(Stream stream) =>
        (new StreamReader(stream, Encoding.UTF8, false, 1024, leaveOpen: true), new StreamWriter(stream, new UTF8Encoding(false), 1024, leaveOpen: true) { AutoFlush = true, NewLine = "\r\n" });

    private async Task<Stream> TlsAsync(Stream stream)
    {
        var tls = new SslStream(stream, leaveInnerStreamOpen: false);
        await tls.AuthenticateAsServerAsync(_certificate);
        return tls;
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(TimeProvider.System.GetUtcNow().AddDays(-1), TimeProvider.System.GetUtcNow().AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _certificate.Dispose();
    }
}
