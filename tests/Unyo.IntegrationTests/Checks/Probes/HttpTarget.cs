using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Unyo.IntegrationTests.Checks.Probes;

// A raw HTTP/1.1 responder on 127.0.0.1 for probes to test against: one request per connection,
// routes for the answers a probe must judge (errors, slow, endless and huge bodies, redirects).
// With a certificate selector it speaks HTTPS, choosing the certificate by SNI.
public sealed class HttpTarget : IAsyncDisposable
{
    public const string OkJson = """{"status":"ok","items":[{"state":"up"}]}""";

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<string?, X509Certificate2>? _certificates;
    private readonly Task _accepting;
    private int _connections;
    private int _flaky;

    public HttpTarget(Func<string?, X509Certificate2>? certificates = null)
    {
        _certificates = certificates;
        _listener.Start(512);
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public int Port { get; }

    public int Connections => Volatile.Read(ref _connections);

    // The server name each TLS client asked for (SNI), in order.
    public ConcurrentQueue<string?> ServerNames { get; } = new();

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public string Url(string path, string host = "127.0.0.1") => $"{(_certificates is null ? "http" : "https")}://{host}:{Port}{path}";

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
            Interlocked.Increment(ref _connections);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            Stream stream = client.GetStream();
            if (_certificates is not null)
            {
                var tls = new SslStream(stream);
                await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
                {
                    ServerCertificateSelectionCallback = (_, name) =>
                    {
                        ServerNames.Enqueue(name);
                        return _certificates(name);
                    },
                }, _stop.Token);
                stream = tls;
            }
            var first = new byte[1];
            if (await stream.ReadAsync(first) == 0)
            {
                return;
            }
            if (_certificates is null && first[0] == 0x16)
            {
                // A TLS ClientHello on the plain port: answered as nginx does.
                await stream.WriteAsync("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n"u8.ToArray());
                return;
            }
            if (await ReadRequestAsync(stream, first[0]) is { } request)
            {
                Requests.Enqueue(request);
                await RespondAsync(stream, request);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException or System.Security.Authentication.AuthenticationException)
        {
            // The probe hung up (a cut body, a finished TLS check, a timeout): nothing to answer.
        }
    }

    private async Task RespondAsync(Stream stream, RecordedRequest request)
    {
        var path = request.Path.Split('?')[0];
        var segments = path.Trim('/').Split('/');
        switch (segments)
        {
            case ["ok"]:
                await WriteAsync(stream, 200, "application/json", OkJson);
                break;
            case ["degraded"]:
                await WriteAsync(stream, 200, "application/json", """{"status":"degraded"}""");
                break;
            case ["status", var code]:
                await WriteAsync(stream, int.Parse(code, CultureInfo.InvariantCulture), "text/plain", "Internal trouble\u0001 in the back end");
                break;
            case ["slow", var ms]:
                await Task.Delay(int.Parse(ms, CultureInfo.InvariantCulture), _stop.Token);
                await WriteAsync(stream, 200, "text/plain", "slow ok");
                break;
            case ["latin1"]:
                await WriteAsync(stream, 200, "text/plain; charset=iso-8859-1", Encoding.Latin1.GetBytes("caf\u00e9 ok"));
                break;
            case ["flaky"]:
                await WriteAsync(stream, Interlocked.Increment(ref _flaky) == 1 ? 503 : 200, "text/plain", "flaky");
                break;
            case ["redirect", var left]:
                var n = int.Parse(left, CultureInfo.InvariantCulture);
                await WriteAsync(stream, n == 0 ? 200 : 302, "text/plain", n == 0 ? "arrived" : "", n == 0 ? null : $"/redirect/{n - 1}");
                break;
            case ["redirect-to"]:
                await WriteAsync(stream, request.Method == "POST" ? 303 : 302, "text/plain", "", Uri.UnescapeDataString(request.Path.Split("?to=")[1]));
                break;
            case ["drip"]:
                await DripAsync(stream);
                break;
            case ["endless"]:
                await EndlessAsync(stream);
                break;
            case ["huge"]:
                await HugeAsync(stream, 50L * 1024 * 1024);
                break;
            default:
                await WriteAsync(stream, 200, "text/plain", $"{request.Method} {request.Path}");
                break;
        }
    }

    private static Task WriteAsync(Stream stream, int status, string contentType, string body, string? location = null) =>
        WriteAsync(stream, status, contentType, Encoding.UTF8.GetBytes(body), location);

    private static async Task WriteAsync(Stream stream, int status, string contentType, byte[] body, string? location = null)
    {
        var head = $"HTTP/1.1 {status} {(status < 400 ? "OK" : "Trouble")}\r\nContent-Type: {contentType}\r\nContent-Length: {body.Length}\r\n"
            + (location is null ? "" : $"Location: {location}\r\n") + "Connection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(body);
        await stream.FlushAsync();
    }

    private async Task DripAsync(Stream stream)
    {
        await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1000000\r\nConnection: close\r\n\r\n"u8.ToArray(), _stop.Token);
        while (true)
        {
            await stream.WriteAsync("x"u8.ToArray(), _stop.Token);
            await stream.FlushAsync(_stop.Token);
            await Task.Delay(50, _stop.Token);
        }
    }

    private async Task EndlessAsync(Stream stream)
    {
        await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"u8.ToArray(), _stop.Token);
        var chunk = Encoding.ASCII.GetBytes($"4000\r\n{new string('x', 0x4000)}\r\n");
        while (true)
        {
            await stream.WriteAsync(chunk, _stop.Token);
        }
    }

    private async Task HugeAsync(Stream stream, long length)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: {length}\r\nConnection: close\r\n\r\n"), _stop.Token);
        var block = new byte[64 * 1024];
        for (long sent = 0; sent < length; sent += block.Length)
        {
            await stream.WriteAsync(block, _stop.Token);
        }
    }

    private static async Task<RecordedRequest?> ReadRequestAsync(Stream stream, byte first)
    {
        var buffer = new byte[64 * 1024];
        buffer[0] = first;
        var length = 1;
        int end;
        while ((end = buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8)) < 0)
        {
            var read = length < buffer.Length ? await stream.ReadAsync(buffer.AsMemory(length)) : 0;
            if (read == 0)
            {
                return null;
            }
            length += read;
        }
        var lines = Encoding.ASCII.GetString(buffer, 0, end).Split("\r\n");
        var start = lines[0].Split(' ');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            headers[line[..colon]] = line[(colon + 1)..].Trim();
        }
        var body = new MemoryStream();
        body.Write(buffer, end + 4, length - end - 4);
        var declared = headers.TryGetValue("Content-Length", out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : 0;
        while (body.Length < declared)
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0)
            {
                break;
            }
            body.Write(buffer, 0, read);
        }
        return new RecordedRequest(start[0], start[1], headers, Encoding.UTF8.GetString(body.ToArray()));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}

public sealed record RecordedRequest(string Method, string Path, Dictionary<string, string> Headers, string Body);
