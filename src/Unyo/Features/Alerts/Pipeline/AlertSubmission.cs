namespace Unyo.Features.Alerts.Pipeline;

// Events of one request waiting for the writer, and the caller waiting for their fate.
internal sealed class AlertSubmission(IntegrationRef integration, IReadOnlyList<AlertEvent> events)
{
    private readonly TaskCompletionSource<IntakeOutcome> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IntegrationRef Integration { get; } = integration;

    public IReadOnlyList<AlertEvent> Events { get; } = events;

    // Filled by the writer, in the events' order.
    public string[] DedupKeys { get; } = new string[events.Count];

    public Task<IntakeOutcome> Outcome => _outcome.Task;

    public void Stored() => _outcome.TrySetResult(new IntakeOutcome(true, DedupKeys, TimeSpan.Zero));

    public void Failed(Exception exception) => _outcome.TrySetException(exception);
}
