namespace Unyo.Features.Alerts;

// The one door into the alert pipeline for every intake endpoint. SubmitAsync returns once the
// events are durably stored (or refused): a caller answers 202 only after it.
public interface IAlertIntake
{
    ValueTask<IntakeOutcome> SubmitAsync(IntegrationRef integration, IReadOnlyList<AlertEvent> events, CancellationToken cancellationToken);
}

// Accepted: the dedup key each event was stored under, in order. Busy: the queue is full; the
// caller answers 429 with RetryAfter and nothing was stored.
public sealed record IntakeOutcome(bool Accepted, IReadOnlyList<string> DedupKeys, TimeSpan RetryAfter)
{
    public static IntakeOutcome Busy(TimeSpan retryAfter) => new(false, [], retryAfter);
}
