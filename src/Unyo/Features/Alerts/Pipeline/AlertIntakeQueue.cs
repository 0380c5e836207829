using System.Threading.Channels;

namespace Unyo.Features.Alerts.Pipeline;

// The door every intake endpoint uses. Submissions wait here for the writer, which stores many
// of them in one transaction (a group commit): each caller's task completes once its events are
// committed, so a 202 always means stored. A full queue answers Busy at once instead of letting
// memory grow while the database is slow.
public sealed class AlertIntakeQueue : IAlertIntake
{
    public const int Capacity = 20_000;

    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);

    private readonly Channel<AlertSubmission> _channel = Channel.CreateUnbounded<AlertSubmission>(new UnboundedChannelOptions { SingleReader = true });
    private int _queuedEvents;

    public int QueuedEvents => Volatile.Read(ref _queuedEvents);

    public async ValueTask<IntakeOutcome> SubmitAsync(IntegrationRef integration, IReadOnlyList<AlertEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return new IntakeOutcome(true, [], TimeSpan.Zero);
        }
        if (Interlocked.Add(ref _queuedEvents, events.Count) > Capacity)
        {
            Interlocked.Add(ref _queuedEvents, -events.Count);
            AlertMetrics.Refused.WithLabels("queue_full").Inc();
            return IntakeOutcome.Busy(RetryAfter);
        }
        var submission = new AlertSubmission(integration, events);
        if (!_channel.Writer.TryWrite(submission))
        {
            Interlocked.Add(ref _queuedEvents, -events.Count);
            return IntakeOutcome.Busy(RetryAfter);
        }
        // Not cancelled with the request: once queued, the events are stored whether or not the
        // caller is still there to hear it.
        return await submission.Outcome;
    }

    internal ValueTask<bool> WaitAsync(CancellationToken cancellationToken) => _channel.Reader.WaitToReadAsync(cancellationToken);

    // Takes submissions until about maxEvents events are in hand.
    internal List<AlertSubmission> Take(int maxEvents)
    {
        var taken = new List<AlertSubmission>();
        var events = 0;
        while (events < maxEvents && _channel.Reader.TryRead(out var submission))
        {
            taken.Add(submission);
            events += submission.Events.Count;
        }
        Interlocked.Add(ref _queuedEvents, -events);
        return taken;
    }

    internal void Complete() => _channel.Writer.TryComplete();
}
