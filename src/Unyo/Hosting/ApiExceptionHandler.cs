using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Unyo.Hosting;

// Turns every exception that reaches the pipeline into a problem document. Bad input becomes a
// 4xx naming the field; anything else is a 500 that reveals nothing of the server's insides.
public sealed partial class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            RequestValidationException invalid => Validation(invalid.StatusCode, invalid.Title ?? "One or more fields are invalid.", invalid.Errors),
            BadHttpRequestException { InnerException: JsonException json } => FromJson(json),
            JsonException json => FromJson(json),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => new ProblemDetails
            {
                Status = StatusCodes.Status413PayloadTooLarge,
                Title = "The request body is too large.",
                Detail = $"Send at most {RequestLimits.MaxBodyBytes / 1024} KiB in one request.",
            },
            BadHttpRequestException bad when BindFailure().Match(bad.Message) is { Success: true } failure =>
                Validation(StatusCodes.Status400BadRequest, "One or more fields are invalid.", new ValidationErrors().Add(failure.Groups[1].Value, $"'{failure.Groups[2].Value}' is not a valid value.")),
            BadHttpRequestException bad when bad.Message.Contains("no body was provided", StringComparison.Ordinal) =>
                Validation(StatusCodes.Status400BadRequest, "The request has no body.", new ValidationErrors().Add("body", "is required: send a JSON object.")),
            BadHttpRequestException bad => new ProblemDetails { Status = bad.StatusCode, Title = "The request is malformed.", Detail = bad.Message },
            _ => null,
        };
        if (problem is null)
        {
            logger.LogError(exception, "Unhandled exception on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            problem = new ProblemDetails { Status = StatusCodes.Status500InternalServerError, Title = "Something went wrong on the server." };
        }
        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static HttpValidationProblemDetails Validation(int status, string title, ValidationErrors errors) =>
        new(errors.ToDictionary()) { Status = status, Title = title };

    private static HttpValidationProblemDetails FromJson(JsonException json) =>
        Validation(StatusCodes.Status400BadRequest, "The request body is not valid.", new ValidationErrors().Add(JsonErrors.FieldFromPath(json.Path), JsonErrors.Describe(json)));

    [GeneratedRegex("Failed to bind parameter \"(?:[^\"]* )?(\\w+)\" from \"(.*)\"")]
    private static partial Regex BindFailure();
}
