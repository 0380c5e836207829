using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Audit;
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

    public static async Task<Results<Created<UserResponse>, ValidationProblem, ProblemHttpResult>> Create(
        CreateUserRequest request, UnyoDb db, IPasswordHasher<User> hasher, TimeProvider time, AuditLog audit, ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var email = request.Email?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(email) || email.Length > 254 || !email.Contains('@') || email.StartsWith('@') || email.EndsWith('@'))
        {
            errors.Add("email", "must be an email address.");
        }
        if (request.DisplayName is { Length: > 200 })
        {
            errors.Add("displayName", "must be at most 200 characters.");
        }
        var role = OrgRole.Member;
        if (request.Role is not null && !OrgRoles.TryParse(request.Role, out role))
        {
            errors.Add("role", $"'{request.Role}' must be one of {string.Join(", ", OrgRoles.Names)}.");
        }
        if (request.Password is not { Length: >= PasswordSignIn.MinimumPasswordLength })
        {
            errors.Add("password", $"must be at least {PasswordSignIn.MinimumPasswordLength} characters.");
        }
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }
        if (role == OrgRole.Owner && !principal.IsInRole("owner"))
        {
            return Problems.Forbidden("Only owners can make another owner.");
        }
        if (await db.Users.AnyAsync(u => u.Email == email, cancellationToken))
        {
            return Problems.Conflict($"A user with email '{email}' already exists.");
        }
        var now = time.StoredNow();
        var user = new User
        {
            Id = Guid.CreateVersion7(now),
            Email = email!,
            DisplayName = string.IsNullOrWhiteSpace(request.DisplayName) ? email![..email!.IndexOf('@')] : request.DisplayName.Trim(),
            PasswordHash = "",
            Role = role,
            SecurityStamp = Guid.NewGuid().ToString("N"),
            CreatedAt = now,
        };
        user.PasswordHash = hasher.HashPassword(user, request.Password!);
        db.Users.Add(user);
        audit.Record("user.create", "User", user.Email, null, Snapshot(user), "api");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/users/{user.Id}", AccountMapping.ToResponse(user));
    }

    public static async Task<Results<Ok<UserResponse>, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, UpdateUserRequest request, UnyoDb db, AuditLog audit, ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        var user = await Users(db).SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return Problems.NotFound("User", id.ToString());
        }
        var role = user.Role;
        if (request.Role is not null && !OrgRoles.TryParse(request.Role, out role))
        {
            return Problems.Validation("role", $"'{request.Role}' must be one of {string.Join(", ", OrgRoles.Names)}.");
        }
        if (request.DisplayName is { Length: 0 or > 200 })
        {
            return Problems.Validation("displayName", "must be 1-200 characters.");
        }
        if ((role == OrgRole.Owner || user.Role == OrgRole.Owner) && role != user.Role && !principal.IsInRole("owner"))
        {
            return Problems.Forbidden("Only owners can grant or take away the owner role.");
        }
        if (request.Disabled == true && user.Role == OrgRole.Owner && !principal.IsInRole("owner"))
        {
            return Problems.Forbidden("Only owners can disable an owner.");
        }
        if (request.Disabled == true && user.Id == principal.UserId())
        {
            return Problems.Validation("disabled", "you cannot disable your own account.");
        }
        if (user.Role == OrgRole.Owner && (role != OrgRole.Owner || request.Disabled == true)
            && await db.Users.CountAsync(u => u.Role == OrgRole.Owner && !u.Disabled, cancellationToken) == 1)
        {
            return Problems.Conflict("This is the last owner; make someone else an owner first.");
        }
        var before = Snapshot(user);
        if (role != user.Role)
        {
            user.Role = role;
            user.SecurityStamp = Guid.NewGuid().ToString("N");
        }
        if (request.Disabled is { } disabled && disabled != user.Disabled)
        {
            user.Disabled = disabled;
            // A new stamp ends every session of the account at its next request.
            user.SecurityStamp = Guid.NewGuid().ToString("N");
        }
        user.DisplayName = request.DisplayName?.Trim() ?? user.DisplayName;
        audit.Record("user.update", "User", user.Email, before, Snapshot(user), "api");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(AccountMapping.ToResponse(user));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, UnyoDb db, AuditLog audit, ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return Problems.NotFound("User", id.ToString());
        }
        if (user.Role == OrgRole.Owner && !principal.IsInRole("owner"))
        {
            return Problems.Forbidden("Only owners can remove an owner.");
        }
        if (user.Role == OrgRole.Owner && await db.Users.CountAsync(u => u.Role == OrgRole.Owner && !u.Disabled, cancellationToken) == 1)
        {
            return Problems.Conflict("This is the last owner; make someone else an owner first.");
        }
        audit.Record("user.delete", "User", user.Email, Snapshot(user), null, "api");
        db.Users.Remove(user);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    // What the audit log keeps of a user: never the password hash or security stamp.
    public static object Snapshot(User user) => new { email = user.Email, displayName = user.DisplayName, role = user.Role.ToName(), disabled = user.Disabled };

    private static IQueryable<User> Users(UnyoDb db) => db.Users.Include(u => u.Memberships).ThenInclude(m => m.Team);
}
