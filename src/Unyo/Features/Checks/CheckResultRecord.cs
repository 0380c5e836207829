using Unyo.Features.Checks.Probes;

namespace Unyo.Features.Checks;

// A result on its way to the database: from the local scheduler, a probe agent's batch or a
// heartbeat ping. Start pings carry no outcome (Result is null): they only mark a job's start.
public sealed record CheckResultRecord(Guid CheckId, string Location, DateTimeOffset At, ProbeResult? Result);
