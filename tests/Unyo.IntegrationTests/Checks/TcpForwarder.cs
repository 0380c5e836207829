using System.Net;
using System.Net.Sockets;

namespace Unyo.IntegrationTests.Checks;

/// Forwards connections on a loopback port to a server's port: a server that comes up on an
/// address some time after its clients were pointed at it.
public sealed class TcpForwarder : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly int _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    private TcpForwarder(TcpListener listener, int target)
    {
        (_listener, _target) = (listener, target);
        _accepting = AcceptAsync();
    }

    /// A loopback port nothing listens on (yet).
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static TcpForwarder Start(int port, int target)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        return new TcpForwarder(listener, target);
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            _ = PipeAsync(client);
        }
    }

    private async Task PipeAsync(TcpClient client)
    {
        using (client)
        using (var server = new TcpClient())
        {
            try
            {
                await server.ConnectAsync(IPAddress.Loopback, _target, _stop.Token);
                var (inbound, outbound) = (client.GetStream(), server.GetStream());
                await Task.WhenAny(inbound.CopyToAsync(outbound, _stop.Token), outbound.CopyToAsync(inbound, _stop.Token));
            }
            catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException)
            {
                // Either side went away: so does the other.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
