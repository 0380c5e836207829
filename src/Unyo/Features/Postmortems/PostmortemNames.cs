namespace Unyo.Features.Postmortems;

// The words the API, YAML-like exports and pages use for states, statuses and priorities.
public static class PostmortemNames
{
    public static string Name(this PostmortemState state) => state switch
    {
        PostmortemState.Draft => "draft",
        PostmortemState.InReview => "in_review",
        _ => "published",
    };

    public static string Name(this ActionItemStatus status) => status switch
    {
        ActionItemStatus.Open => "open",
        ActionItemStatus.InProgress => "in_progress",
        ActionItemStatus.Done => "done",
        _ => "declined",
    };

    public static string Label(this PostmortemState state) => state switch
    {
        PostmortemState.Draft => "Draft",
        PostmortemState.InReview => "In review",
        _ => "Published",
    };

    public static string Label(this ActionItemStatus status) => status switch
    {
        ActionItemStatus.Open => "Open",
        ActionItemStatus.InProgress => "In progress",
        ActionItemStatus.Done => "Done",
        _ => "Declined",
    };

    public static PostmortemState? ParseState(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "draft" => PostmortemState.Draft,
        "in_review" or "in-review" or "inreview" => PostmortemState.InReview,
        "published" => PostmortemState.Published,
        _ => null,
    };

    public static ActionItemStatus? ParseStatus(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "open" => ActionItemStatus.Open,
        "in_progress" or "in-progress" or "inprogress" => ActionItemStatus.InProgress,
        "done" => ActionItemStatus.Done,
        "declined" => ActionItemStatus.Declined,
        _ => null,
    };

    public static ActionItemPriority? ParsePriority(string? text) => text?.Trim().ToUpperInvariant() switch
    {
        "P1" => ActionItemPriority.P1,
        "P2" => ActionItemPriority.P2,
        "P3" => ActionItemPriority.P3,
        "P4" => ActionItemPriority.P4,
        _ => null,
    };
}
