namespace Unyo.Features.OnCall.Schedules.Pages;

// One button of a swap request's row: accept, decline or cancel that request.
public sealed class SwapAnswerForm
{
    public string? Schedule { get; set; }
    public Guid Id { get; set; }
    public string? Answer { get; set; }
}
