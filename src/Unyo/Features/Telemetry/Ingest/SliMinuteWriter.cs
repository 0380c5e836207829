using System.Diagnostics;
using System.Threading.Channels;
using Unyo.Data;
using Unyo.Hosting;

namespace Unyo.Features.Telemetry.Ingest;

// The write side of ingest, one per node. Handlers queue each request's (SLI, minute) sums in a
// bounded channel (full: the handler answers 429); FlushAsync merges what is queued and adds it
// to SliMinutes in one upsert. SliIngestWorker calls it every 250 ms or sooner when the queue
// fills; tests call it to wait for their events to land.
public sealed class SliMinuteWriter
{
    public static readonly CounterTable Table = new("SliMinutes", "Slis", nameof(SliMinute.SliId), nameof(SliMinute.Minute), nameof(SliMinute.Good), nameof(SliMinute.Total), nameof(SliMinute.Stamp));

    private readonly Channel<CounterDelta[]> _queue;
    // Wakes the worker before its tick when the queue is half full.
    private readonly Channel<bool> _backlog = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly SemaphoreSlim _flushing = new(1, 1);
    // Merged but not yet written; survives a failed flush, which is retried before anything new is
    // taken from the queue: while the database is down the queue fills and senders get 429.
    private readonly Dictionary<(Guid, long), (long Good, long Total)> _pending = [];
    private readonly int _wakeAt;
    private readonly IServiceScopeFactory _scopes;
    private readonly UnyoSettings _settings;

    public SliMinuteWriter(SliIngestOptions options, IServiceScopeFactory scopes, UnyoSettings settings)
    {
        _queue = Channel.CreateBounded<CounterDelta[]>(new BoundedChannelOptions(options.QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _wakeAt = Math.Max(1, options.QueueCapacity / 2);
        _scopes = scopes;
        _settings = settings;
        Prometheus.Metrics.DefaultRegistry.AddBeforeCollectCallback(() => SliIngestMetrics.QueueDepth.Set(_queue.Reader.Count));
    }

    public int QueueDepth => _queue.Reader.Count;

    // False when the queue is full (or the node is stopping): nothing of the batch is kept.
    public bool TryEnqueue(CounterDelta[] batch)
    {
        if (!_queue.Writer.TryWrite(batch))
        {
            return false;
        }
        if (_queue.Reader.Count >= _wakeAt)
        {
            _backlog.Writer.TryWrite(true);
        }
        return true;
    }

    public ValueTask<bool> WaitForBacklogAsync(CancellationToken cancellationToken) => _backlog.Reader.WaitToReadAsync(cancellationToken);

    // After the node stops taking requests: later batches are refused, queued ones still flushed.
    public void Complete() => _queue.Writer.TryComplete();

    // Writes everything queued (up to MaxRowsPerFlush rows per call) and returns the rows written.
    public async Task<int> FlushAsync(CancellationToken cancellationToken)
    {
        await _flushing.WaitAsync(cancellationToken);
        try
        {
            _backlog.Reader.TryRead(out _);
            if (_pending.Count == 0)
            {
                while (_pending.Count < SliIngestOptions.MaxRowsPerFlush && _queue.Reader.TryRead(out var batch))
                {
                    foreach (var delta in batch)
                    {
                        ref var counts = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_pending, (delta.Owner, delta.Period), out _);
                        counts.Good += delta.Good;
                        counts.Total += delta.Total;
                    }
                }
            }
            if (_pending.Count == 0)
            {
                return 0;
            }
            var rows = _pending.Select(p => new CounterDelta(p.Key.Item1, p.Key.Item2, p.Value.Good, p.Value.Total)).ToList();
            var started = Stopwatch.GetTimestamp();
            await using var scope = _scopes.CreateAsyncScope();
            var written = await _settings.Provider.AddCountersAsync(scope.ServiceProvider.GetRequiredService<UnyoDb>(), Table, rows, cancellationToken);
            _pending.Clear();
            SliIngestMetrics.FlushDuration.Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
            SliIngestMetrics.RowsUpserted.Inc(written);
            return written;
        }
        finally
        {
            _flushing.Release();
        }
    }

    // Flushes until nothing is queued or pending.
    public async Task<int> FlushAllAsync(CancellationToken cancellationToken)
    {
        var written = 0;
        do
        {
            written += await FlushAsync(cancellationToken);
        }
        while (_queue.Reader.Count > 0);
        return written;
    }
}
