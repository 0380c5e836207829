using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Hosting;

namespace Unyo.Features.Accounts;

public static class UserEndpoints
{
    public static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> Me(UnyoDb db, ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        var id = principal.UserId();
        var user = await Users(db).SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        return user is null ? Problems.NotFound("User", id.ToString()) : TypedResults.Ok(AccountMapping.ToResponse(user));
    }

    public static async Task<Ok<OrganisationResponse>> Organisation(UnyoDb db, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.SingleAsync(cancellationToken);
        return TypedResults.Ok(new OrganisationResponse(organisation.Name, organisation.CreatedAt));
    }

    public static async Task<Results<Ok<Page<UserResponse>>, ValidationProblem>> List(UnyoDb db, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var (take, after) = Cursor.Read(cursor, limit, errors);
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }
        var query = Users(db).AsNoTracking();
        if (after is not null)
        {
            query = query.Where(u => string.Compare(u.Email, after) > 0);
        }
        var users = await query.OrderBy(u => u.Email).Take(take + 1).ToListAsync(cancellationToken);
        var page = users.Take(take).ToList();
        return TypedResults.Ok(new Page<UserResponse>([.. page.Select(AccountMapping.ToResponse)], users.Count > take ? Cursor.Encode(page[^1].Email) : null));
    }

    public static async Task<Created<UserResponse>> Create(CreateUserRequest request, UserDirectory users, ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        var user = await users.CreateAsync(request, principal, "api", cancellationToken);
        return TypedResults.Created($"/api/v1/users/{user.Id}", AccountMapping.ToResponse(user));
    }

    public static async Task<Ok<UserResponse>> Update(Guid id, UpdateUserRequest request, UserDirectory users, ClaimsPrincipal principal, CancellationToken cancellationToken) =>
        TypedResults.Ok(AccountMapping.ToResponse(await users.UpdateAsync(id, request, principal, "api", cancellationToken)));

    public static async Task<NoContent> Delete(Guid id, UserDirectory users, ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        await users.DeleteAsync(id, principal, "api", cancellationToken);
        return TypedResults.NoContent();
    }

    // What the audit log keeps of a user: never the password hash or security stamp.
    public static object Snapshot(User user) => new { email = user.Email, displayName = user.DisplayName, role = user.Role.ToName(), disabled = user.Disabled };

    public static IQueryable<User> Users(UnyoDb db) => db.Users.Include(u => u.Memberships).ThenInclude(m => m.Team);
}
