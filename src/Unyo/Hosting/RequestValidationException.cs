namespace Unyo.Hosting;

// Thrown where a request is refused deep inside a unit of work; the exception handler turns it
// into a problem response before anything is committed.
public sealed class RequestValidationException(ValidationErrors errors, int statusCode = StatusCodes.Status400BadRequest, string? title = null)
    : Exception(title ?? "One or more fields are invalid.")
{
    public ValidationErrors Errors { get; } = errors;
    public int StatusCode { get; } = statusCode;
    public string? Title { get; } = title;
}
