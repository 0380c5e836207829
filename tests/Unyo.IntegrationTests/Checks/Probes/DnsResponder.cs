using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Unyo.IntegrationTests.Checks.Probes;

// A tiny authoritative DNS responder over UDP on 127.0.0.1 for the zone probe.test:
//   www.probe.test  A   10.0.0.1, 10.0.0.2
//   txt.probe.test  TXT "v=spf1 -all"
//   empty.probe.test    exists, no records
//   silent.probe.test   never answered
// Every other name is NXDOMAIN.
public sealed class DnsResponder : IAsyncDisposable
{
    private readonly UdpClient _udp = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;
    private int _questions;

    public DnsResponder()
    {
        Endpoint = (IPEndPoint)_udp.Client.LocalEndPoint!;
        _serving = ServeAsync();
    }

    public IPEndPoint Endpoint { get; }

    public int Questions => Volatile.Read(ref _questions);

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            UdpReceiveResult received;
            try
            {
                received = await _udp.ReceiveAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            Interlocked.Increment(ref _questions);
            if (Answer(received.Buffer) is { } answer)
            {
                await _udp.SendAsync(answer, received.RemoteEndPoint, _stop.Token);
            }
        }
    }

    private static byte[]? Answer(byte[] query)
    {
        var (name, end) = ReadName(query, 12);
        var type = BinaryPrimitives.ReadUInt16BigEndian(query.AsSpan(end));
        var question = query.AsSpan(12, end + 4 - 12);
        var records = new List<(ushort Type, byte[] Data)>();
        var rcode = 0;
        switch (name.ToLowerInvariant())
        {
            case "www.probe.test":
                records.Add((1, [10, 0, 0, 1]));
                records.Add((1, [10, 0, 0, 2]));
                break;
            case "txt.probe.test":
                var text = Encoding.ASCII.GetBytes("v=spf1 -all");
                records.Add((16, [(byte)text.Length, .. text]));
                break;
            case "empty.probe.test":
                break;
            case "silent.probe.test":
                return null;
            default:
                rcode = 3;
                break;
        }
        var answers = records.Where(r => r.Type == type).ToList();
        var response = new List<byte>();
        response.AddRange(query.AsSpan(0, 2).ToArray());
        response.AddRange([(byte)(0x84 | (query[2] & 0x01)), (byte)(0x80 | rcode), 0, 1, 0, (byte)answers.Count, 0, 0, 0, 0]);
        response.AddRange(question.ToArray());
        foreach (var (recordType, data) in answers)
        {
            response.AddRange([0xC0, 0x0C, 0, (byte)recordType, 0, 1, 0, 0, 0, 60, 0, (byte)data.Length]);
            response.AddRange(data);
        }
        return [.. response];
    }

    private static (string Name, int End) ReadName(byte[] message, int offset)
    {
        var labels = new List<string>();
        while (message[offset] != 0)
        {
            labels.Add(Encoding.ASCII.GetString(message, offset + 1, message[offset]));
            offset += message[offset] + 1;
        }
        return (string.Join('.', labels), offset + 1);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _udp.Dispose();
        await _serving;
        _stop.Dispose();
    }
}
