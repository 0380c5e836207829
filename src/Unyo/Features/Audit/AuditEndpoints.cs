using Microsoft.AspNetCore.Http.HttpResults;
using Unyo.Client;
using Unyo.Hosting;

namespace Unyo.Features.Audit;

public static class AuditEndpoints
{
    public static async Task<Results<Ok<Page<AuditRecordResponse>>, ValidationProblem>> List(
        AuditQuery audit, string? actor, string? kind, string? name, string? action, DateTimeOffset? from, DateTimeOffset? to, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var (take, _) = Cursor.Read(cursor, limit, errors);
        if (!AuditQuery.TryReadCursor(cursor, out var before) && !errors.Has("cursor"))
        {
            errors.Add("cursor", "is not a cursor this server issued.");
        }
        if (from is not null && to is not null && from >= to)
        {
            errors.Add("to", "must be after from.");
        }
        return errors.IsEmpty
            ? TypedResults.Ok(await audit.ListAsync(new AuditFilter(actor, kind, name, action, from?.ToUniversalTime(), to?.ToUniversalTime()), before, take, cancellationToken))
            : Problems.Validation(errors);
    }
}
