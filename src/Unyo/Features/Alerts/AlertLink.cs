namespace Unyo.Features.Alerts;

// A link an alert carries (a dashboard, a graph). The runbook is kept apart, on the alert itself.
public sealed record AlertLink(string Href, string? Text);
