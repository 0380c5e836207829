namespace Unyo.Features.StatusPages.Updates.Pages;

// The incident page's publish form as posted.
public sealed class StatusUpdateForm
{
    public List<string> Pages { get; set; } = [];
    public string? Status { get; set; }
    public string? Title { get; set; }
    public string? Message { get; set; }
}
