namespace Unyo.Features.Alerts;

// The four levels PagerDuty's Events API v2 uses, so events from it keep their meaning.
public enum AlertSeverity
{
    Critical,
    Error,
    Warning,
    Info,
}
