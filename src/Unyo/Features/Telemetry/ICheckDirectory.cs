namespace Unyo.Features.Telemetry;

// What an SLI over a synthetic check needs to know of it. The checks feature implements this:
// telemetry cannot import it, because checks write their results through telemetry's ingest.
public interface ICheckDirectory
{
    // The service of the named check, or null when no such check exists.
    Task<string?> ServiceOfAsync(string check, CancellationToken cancellationToken);
}
