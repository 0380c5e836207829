using Microsoft.AspNetCore.Http.HttpResults;

namespace Unyo.Features.Alerts.Pages;

// The alert pages' forms post to the same handlers as the JSON API (Api/), so a form checks who
// may act and validates exactly as the API does; this reads a handler's answer back for the page.
public sealed record AlertFormAnswer(int Status, Dictionary<string, string[]>? Errors, string? Message)
{
    public bool Succeeded => Status is >= 200 and < 300;

    public static AlertFormAnswer From(IResult result) => result switch
    {
        ValidationProblem problem => new(StatusCodes.Status400BadRequest, new Dictionary<string, string[]>(problem.ProblemDetails.Errors, StringComparer.Ordinal), null),
        ProblemHttpResult problem => new(problem.StatusCode, null, problem.ProblemDetails.Detail ?? problem.ProblemDetails.Title),
        IStatusCodeHttpResult { StatusCode: { } status } => new(status, null, null),
        _ => new(StatusCodes.Status200OK, null, null),
    };

    public static AlertFormAnswer Invalid(string field, string message) =>
        new(StatusCodes.Status400BadRequest, new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] }, null);
}
