using System.Threading.Channels;

namespace Unyo.Features.Checks;

// Results waiting to be written, from every source on this node. Bounded: a full queue refuses
// more (probe agents get 429 and send again later; the local scheduler skips a run).
public sealed class CheckResultQueue
{
    public const int Capacity = 50_000;

    private readonly Channel<CheckResultRecord> _channel = Channel.CreateBounded<CheckResultRecord>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public int Count => _channel.Reader.Count;

    public bool TryAdd(CheckResultRecord record) => _channel.Writer.TryWrite(record);

    // All or nothing, so a batch from an agent is never half taken.
    public bool TryAddAll(IReadOnlyList<CheckResultRecord> records)
    {
        lock (_channel)
        {
            if (Capacity - _channel.Reader.Count < records.Count)
            {
                return false;
            }
            foreach (var record in records)
            {
                _channel.Writer.TryWrite(record);
            }
            return true;
        }
    }

    public bool TryTake(out CheckResultRecord record) => _channel.Reader.TryRead(out record!);

    public ValueTask<bool> WaitAsync(CancellationToken cancellationToken) => _channel.Reader.WaitToReadAsync(cancellationToken);
}
