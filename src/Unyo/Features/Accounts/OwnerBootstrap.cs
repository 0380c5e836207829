using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Audit;
using Unyo.Hosting;

namespace Unyo.Features.Accounts;

// On first start with an empty database, creates the organisation and its owner, plus a first
// API token. Several nodes may start at once: the organisation row (id 1) decides who wins.
public sealed class OwnerBootstrap(UnyoDb db, IPasswordHasher<User> hasher, TimeProvider time, AuditLog audit, ILogger<OwnerBootstrap> logger)
{
    public sealed record Settings(string Email, string? Password, string? Token, TextWriter Console);

    public async Task RunAsync(Settings settings, CancellationToken cancellationToken)
    {
        if (await db.Organisations.AnyAsync(cancellationToken))
        {
            return;
        }
        if (settings.Password is { Length: < PasswordSignIn.MinimumPasswordLength })
        {
            throw new InvalidOperationException($"UNYO_ADMIN_PASSWORD must be at least {PasswordSignIn.MinimumPasswordLength} characters.");
        }
        if (settings.Token is { Length: < 20 })
        {
            throw new InvalidOperationException("UNYO_ADMIN_TOKEN must be at least 20 characters.");
        }
        var now = time.StoredNow();
        var password = settings.Password ?? GeneratePassword();
        var secret = settings.Token ?? ApiTokenSecrets.Generate();
        var owner = new User
        {
            Id = Guid.CreateVersion7(now),
            Email = settings.Email.Trim().ToLowerInvariant(),
            DisplayName = "Owner",
            PasswordHash = "",
            Role = OrgRole.Owner,
            SecurityStamp = Guid.NewGuid().ToString("N"),
            CreatedAt = now,
        };
        owner.PasswordHash = hasher.HashPassword(owner, password);
        db.Organisations.Add(new Organisation { Id = 1, Name = "Unyo", CreatedAt = now });
        db.Users.Add(owner);
        db.ApiTokens.Add(new ApiToken
        {
            Id = Guid.CreateVersion7(now),
            UserId = owner.Id,
            Name = "bootstrap",
            Prefix = ApiTokenSecrets.PrefixOf(secret),
            Hash = ApiTokenSecrets.Hash(secret),
            CreatedAt = now,
            ExpiresAt = now.AddDays(90),
            // The first token bootstraps everything else, people included.
            Scope = TokenScope.Admin,
        });
        audit.Record("user.create", "User", owner.Email, null, UserEndpoints.Snapshot(owner), "system");
        audit.Record("token.create", "ApiToken", "bootstrap", null, new { name = "bootstrap", prefix = ApiTokenSecrets.PrefixOf(secret) }, "system");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (DatabaseProvider.IsUniqueViolation(exception))
        {
            logger.LogInformation("Another node created the organisation first");
            return;
        }
        logger.LogInformation("Created the organisation and its owner {Email}", owner.Email);
        // Printed to the console, not logged: logs are often shipped elsewhere and kept.
        var lines = new List<string> { "", "Unyo first start: the owner account was created.", $"  email:     {owner.Email}" };
        lines.Add(settings.Password is null ? $"  password:  {password}   (generated; change it after signing in)" : "  password:  from UNYO_ADMIN_PASSWORD");
        lines.Add(settings.Token is null ? $"  API token: {secret}   (expires in 90 days; shown only now)" : "  API token: from UNYO_ADMIN_TOKEN (expires in 90 days)");
        lines.Add("");
        await settings.Console.WriteLineAsync(string.Join(Environment.NewLine, lines));
        await settings.Console.FlushAsync(cancellationToken);
    }

    private static string GeneratePassword() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', 'x').Replace('/', 'y');
}
