namespace Unyo.Features.Checks.Probes;

// What one run of a probe found: the outcome, how long it took, why (in words a person on call
// reads: "HTTP 500, expected 200-299"), and the details worth keeping (status code, address,
// certificate expiry, DNS answers, a body snippet). Attempts counts retries within the run.
public sealed record ProbeResult(ProbeOutcome Outcome, int LatencyMs, string? Reason, IReadOnlyDictionary<string, string>? Details, int Attempts = 1);
