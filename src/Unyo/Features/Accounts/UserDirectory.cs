using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Accounts.Sessions;
using Unyo.Features.Audit;
using Unyo.Hosting;

namespace Unyo.Features.Accounts;

// Creates and changes accounts for the API and the People page, with the same rules: owners
// alone make or unmake owners, the last active owner stays, nobody disables themselves.
// Refusals are RequestValidationExceptions (the API answers them as problems).
public sealed class UserDirectory(UnyoDb db, IPasswordHasher<User> hasher, TimeProvider time, AuditLog audit, WebSessions sessions)
{
    public async Task<User> CreateAsync(CreateUserRequest request, ClaimsPrincipal principal, string source, CancellationToken cancellationToken)
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
            throw new RequestValidationException(errors);
        }
        if (role == OrgRole.Owner && !principal.IsInRole("owner"))
        {
            throw Refused("role", "only owners can make another owner.", StatusCodes.Status403Forbidden);
        }
        if (await db.Users.AnyAsync(u => u.Email == email, cancellationToken))
        {
            throw Refused("email", $"a user with email '{email}' already exists.", StatusCodes.Status409Conflict);
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
        audit.Record("user.create", "User", user.Email, null, UserEndpoints.Snapshot(user), source);
        await db.SaveChangesAsync(cancellationToken);
        return user;
    }

    public async Task<User> UpdateAsync(Guid id, UpdateUserRequest request, ClaimsPrincipal principal, string source, CancellationToken cancellationToken)
    {
        var user = await UserEndpoints.Users(db).SingleOrDefaultAsync(u => u.Id == id, cancellationToken)
            ?? throw Refused("id", $"there is no user with id '{id}'.", StatusCodes.Status404NotFound);
        var role = user.Role;
        if (request.Role is not null && !OrgRoles.TryParse(request.Role, out role))
        {
            throw Refused("role", $"'{request.Role}' must be one of {string.Join(", ", OrgRoles.Names)}.");
        }
        if (request.DisplayName is { Length: 0 or > 200 })
        {
            throw Refused("displayName", "must be 1-200 characters.");
        }
        if ((role == OrgRole.Owner || user.Role == OrgRole.Owner) && role != user.Role && !principal.IsInRole("owner"))
        {
            throw Refused("role", "only owners can grant or take away the owner role.", StatusCodes.Status403Forbidden);
        }
        if (request.Disabled == true && user.Role == OrgRole.Owner && !principal.IsInRole("owner"))
        {
            throw Refused("disabled", "only owners can disable an owner.", StatusCodes.Status403Forbidden);
        }
        if (request.Disabled == true && user.Id == principal.UserId())
        {
            throw Refused("disabled", "you cannot disable your own account.");
        }
        if (role != OrgRole.Owner || request.Disabled == true)
        {
            await KeepAnActiveOwnerAsync(user, cancellationToken);
        }
        var before = UserEndpoints.Snapshot(user);
        // A new stamp ends every session of the account at its next request; the sessions are
        // also marked ended here, so the session lists say why.
        if (role != user.Role)
        {
            user.Role = role;
            user.SecurityStamp = Guid.NewGuid().ToString("N");
            await sessions.EndAllAsync(user.Id, "role-changed", null, cancellationToken);
        }
        if (request.Disabled is { } disabled && disabled != user.Disabled)
        {
            user.Disabled = disabled;
            user.SecurityStamp = Guid.NewGuid().ToString("N");
            await sessions.EndAllAsync(user.Id, "disabled", null, cancellationToken);
        }
        user.DisplayName = request.DisplayName?.Trim() ?? user.DisplayName;
        audit.Record("user.update", "User", user.Email, before, UserEndpoints.Snapshot(user), source);
        await db.SaveChangesAsync(cancellationToken);
        return user;
    }

    public async Task DeleteAsync(Guid id, ClaimsPrincipal principal, string source, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken)
            ?? throw Refused("id", $"there is no user with id '{id}'.", StatusCodes.Status404NotFound);
        if (user.Role == OrgRole.Owner && !principal.IsInRole("owner"))
        {
            throw Refused("id", "only owners can remove an owner.", StatusCodes.Status403Forbidden);
        }
        await KeepAnActiveOwnerAsync(user, cancellationToken);
        audit.Record("user.delete", "User", user.Email, UserEndpoints.Snapshot(user), null, source);
        db.Users.Remove(user);
        await db.SaveChangesAsync(cancellationToken);
    }

    // The organisation always keeps one owner who can sign in.
    private async Task KeepAnActiveOwnerAsync(User user, CancellationToken cancellationToken)
    {
        if (user.Role == OrgRole.Owner && !user.Disabled
            && await db.Users.CountAsync(u => u.Role == OrgRole.Owner && !u.Disabled, cancellationToken) == 1)
        {
            throw Refused("role", "this is the last owner; make someone else an owner first.", StatusCodes.Status409Conflict);
        }
    }

    private static RequestValidationException Refused(string field, string message, int status = StatusCodes.Status400BadRequest) =>
        new(new ValidationErrors().Add(field, message), status, status switch
        {
            StatusCodes.Status403Forbidden => "Forbidden.",
            StatusCodes.Status404NotFound => "User not found.",
            StatusCodes.Status409Conflict => "Conflict.",
            _ => "One or more fields are invalid.",
        });
}
