using Microsoft.AspNetCore.Http.HttpResults;

namespace Unyo.Hosting;

// RFC 9457 responses with the conventions every endpoint shares.
public static class Problems
{
    public static ValidationProblem Validation(ValidationErrors errors, string? title = null) =>
        TypedResults.ValidationProblem(errors.ToDictionary(), title: title ?? "One or more fields are invalid.");

    public static ValidationProblem Validation(string field, string message) =>
        Validation(new ValidationErrors().Add(field, message));

    public static ProblemHttpResult NotFound(string what, string name) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"{what} not found.", detail: $"There is no {what.ToLowerInvariant()} named '{name}'.");

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden.", detail: detail);

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict.", detail: detail);

    public static ProblemHttpResult PreconditionFailed(string current) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status412PreconditionFailed,
            title: "The object changed since you read it.",
            detail: $"If-Match does not match the current ETag {current}. Read it again, re-apply your change and retry.");
}
