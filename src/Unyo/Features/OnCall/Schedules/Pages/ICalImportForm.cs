namespace Unyo.Features.OnCall.Schedules.Pages;

// The schedule page's "import a calendar" form; the file itself is read from the request's files.
public sealed class ICalImportForm
{
    public string? Layer { get; set; }
    public bool SkipUnknown { get; set; }
}
