using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Unyo.Data;

namespace Unyo.Hosting;

// `Idempotency-Key` on creating POSTs: the first successful answer is stored and replayed for
// retries with the same key and body, so a client that timed out can retry without creating a
// second object. A different body under the same key is refused. Failed requests are not kept,
// so a corrected retry with the same key goes through.
public sealed class IdempotencyFilter(UnyoDb db, TimeProvider time, IOptions<JsonOptions> json) : IEndpointFilter
{
    public const string Header = "Idempotency-Key";
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        string? key = http.Request.Headers[Header];
        if (key is null)
        {
            return await next(context);
        }
        if (key.Length is 0 or > 255)
        {
            return Problems.Validation(Header, "must be 1-255 characters.");
        }
        // Team tokens have no user id: their team keeps their keys apart from everyone else's.
        var caller = http.User.TeamId() is { } team ? $"team:{team}" : http.User.UserId().ToString();
        var scope = $"{caller} {http.Request.Method} {http.Request.Path}";
        var hash = await HashBodyAsync(http.Request);
        var existing = await db.IdempotencyRecords.AsNoTracking().SingleOrDefaultAsync(r => r.Scope == scope && r.Key == key, http.RequestAborted);
        if (existing is not null)
        {
            return Replay(existing, hash, http);
        }
        var record = new IdempotencyRecord { Id = Guid.CreateVersion7(time.GetUtcNow()), Key = key, Scope = scope, RequestHash = hash, CreatedAt = time.GetUtcNow() };
        db.IdempotencyRecords.Add(record);
        try
        {
            await db.SaveChangesAsync(http.RequestAborted);
        }
        catch (DbUpdateException exception) when (DatabaseProvider.IsUniqueViolation(exception))
        {
            return InProgress();
        }
        finally
        {
            db.Entry(record).State = EntityState.Detached;
        }

        object? result;
        try
        {
            result = await next(context);
        }
        catch
        {
            await ForgetAsync(record.Id);
            throw;
        }
        var inner = result is INestedHttpResult nested ? nested.Result : result as IResult;
        if (inner is IStatusCodeHttpResult { StatusCode: >= 200 and < 300 } success)
        {
            var value = inner is IValueHttpResult { Value: { } v } ? JsonSerializer.SerializeToUtf8Bytes(v, v.GetType(), json.Value.SerializerOptions) : null;
            var location = inner.GetType().GetProperty("Location")?.GetValue(inner) as string;
            string? etag = http.Response.Headers.ETag;
            await db.IdempotencyRecords.Where(r => r.Id == record.Id).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.StatusCode, success.StatusCode)
                .SetProperty(r => r.Body, value)
                .SetProperty(r => r.ContentType, value is null ? null : "application/json; charset=utf-8")
                .SetProperty(r => r.Location, location)
                .SetProperty(r => r.ETag, etag), CancellationToken.None);
        }
        else
        {
            await ForgetAsync(record.Id);
        }
        return result;
    }

    private Task ForgetAsync(Guid id) => db.IdempotencyRecords.Where(r => r.Id == id).ExecuteDeleteAsync(CancellationToken.None);

    private static object Replay(IdempotencyRecord existing, string hash, HttpContext http)
    {
        if (existing.RequestHash != hash)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency-Key reused.",
                detail: "This Idempotency-Key was already used with a different request body. Use a new key for a new request.");
        }
        if (existing.StatusCode is not { } status)
        {
            return InProgress();
        }
        http.Response.Headers["Idempotent-Replayed"] = "true";
        if (existing.Location is not null)
        {
            http.Response.Headers.Location = existing.Location;
        }
        if (existing.ETag is not null)
        {
            http.Response.Headers.ETag = existing.ETag;
        }
        return existing.Body is null ? TypedResults.StatusCode(status) : new StatusBytes(status, existing.Body, existing.ContentType ?? "application/json");
    }

    private static ProblemHttpResult InProgress() =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "A request with this Idempotency-Key is in progress.", detail: "Retry after it finishes.");

    private static async Task<string> HashBodyAsync(HttpRequest request)
    {
        // The body was buffered by IdempotencyBuffering before model binding read it.
        if (!request.Body.CanSeek)
        {
            return "";
        }
        request.Body.Position = 0;
        var hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(request.Body, request.HttpContext.RequestAborted));
        request.Body.Position = 0;
        return hash;
    }

    private sealed class StatusBytes(int status, byte[] body, string contentType) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.ContentType = contentType;
            await httpContext.Response.Body.WriteAsync(body, httpContext.RequestAborted);
        }
    }
}

public static class IdempotencyExtensions
{
    public static RouteHandlerBuilder WithIdempotency(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter<IdempotencyFilter>();

    // Buffers the body of requests that carry an Idempotency-Key so the filter can hash it
    // after model binding has read it. Bodies are capped by the request size limit.
    public static IApplicationBuilder UseIdempotencyBuffering(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (HttpMethods.IsPost(context.Request.Method) && context.Request.Headers.ContainsKey(IdempotencyFilter.Header))
            {
                context.Request.EnableBuffering();
            }
            return next(context);
        });
}
