namespace Unyo.Features.Checks.Probes;

// The steps of one probe attempt, in order; a timeout is described by the step it interrupted.
internal enum ProbePhase
{
    Starting,
    Resolving,
    Connecting,
    TlsHandshake,
    WaitingForHeaders,
    ReadingBody,
    Querying,
}
