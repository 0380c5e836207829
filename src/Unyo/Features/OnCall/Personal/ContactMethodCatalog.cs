using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Accounts;
using Unyo.Features.Audit;
using Unyo.Features.Checks;
using Unyo.Features.Checks.Probes;
using Unyo.Hosting;

namespace Unyo.Features.OnCall.Personal;

// A person's contact methods, for the API and the account page alike. Chat and push URLs (and a
// push method's signing secret) are sealed with SecretBox and never shown again; the audit
// records say what kind of method changed, never the number or URL itself.
public sealed class ContactMethodCatalog(UnyoDb db, SecretBox box, AuditLog audit, CheckTargets targets, IConfiguration configuration, TimeProvider time)
{
    public const int MaxPerPerson = 20;
    public const string Kind = "User";

    public Task<List<ContactMethod>> ListAsync(Guid userId, CancellationToken cancellationToken) =>
        db.ContactMethods.AsNoTracking().Where(c => c.UserId == userId).OrderBy(c => c.CreatedAt).ThenBy(c => c.Label).ToListAsync(cancellationToken);

    public Task<ContactMethod?> FindAsync(Guid userId, Guid id, CancellationToken cancellationToken) =>
        db.ContactMethods.SingleOrDefaultAsync(c => c.Id == id && c.UserId == userId, cancellationToken);

    // Validates, guards the URL and creates; throws RequestValidationException on bad input.
    public async Task<ContactMethodResponse> CreateAsync(User user, ContactMethodRequest request, string source, CancellationToken cancellationToken)
    {
        var spec = await ValidateAsync(request, null, cancellationToken);
        if (await db.ContactMethods.CountAsync(c => c.UserId == user.Id, cancellationToken) >= MaxPerPerson)
        {
            throw new RequestValidationException(new ValidationErrors().Add("kind", $"{user.Email} already has {MaxPerPerson} contact methods, the most one person may have; remove one first."), StatusCodes.Status409Conflict);
        }
        string? signingSecret = null;
        var method = new ContactMethod { Id = Guid.NewGuid(), UserId = user.Id, Kind = spec.Kind, Label = spec.Label, Address = spec.Address, CreatedAt = time.StoredNow() };
        if (spec.Url is { } url)
        {
            signingSecret = spec.Kind == ContactMethodKind.Push ? "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)) : null;
            Seal(method, url, signingSecret);
        }
        db.ContactMethods.Add(method);
        audit.Record("contactmethod.create", Kind, user.Email, null, Described(method), source);
        await db.SaveChangesAsync(cancellationToken);
        return Response(method) with { SigningSecret = signingSecret, Warning = Warning(method.Kind) };
    }

    public async Task<ContactMethodResponse> UpdateAsync(User user, ContactMethod method, ContactMethodRequest request, string source, CancellationToken cancellationToken)
    {
        var spec = await ValidateAsync(request, method, cancellationToken);
        var before = Described(method);
        (method.Label, method.Address) = (spec.Label, spec.Address);
        if (spec.Url is { } url)
        {
            // The push signing secret stays: the receiver already checks signatures with it.
            var stored = Opened(method);
            Seal(method, url, stored.GetValueOrDefault("signingSecret"));
        }
        audit.Record("contactmethod.update", Kind, user.Email, before, Described(method) with { Url = spec.Url is null ? null : "changed" }, source);
        await db.SaveChangesAsync(cancellationToken);
        return Response(method) with { Warning = Warning(method.Kind) };
    }

    // Deletes the method and the rule steps that use it, in one write; returns how many steps went.
    public async Task<int> DeleteAsync(User user, ContactMethod method, string source, CancellationToken cancellationToken)
    {
        var rules = await db.NotificationRules.Where(r => r.ContactMethodId == method.Id).ToListAsync(cancellationToken);
        db.NotificationRules.RemoveRange(rules);
        db.ContactMethods.Remove(method);
        audit.Record("contactmethod.delete", Kind, user.Email, Described(method), new { removedRules = rules.Count }, source);
        await db.SaveChangesAsync(cancellationToken);
        return rules.Count;
    }

    public static ContactMethodResponse Response(ContactMethod method) =>
        new(method.Id, method.Kind.ToName(), method.Label, method.Address, method.UrlHost, method.CreatedAt);

    // Unyo sends SMS and voice through the organisation's phone provider (Notifications reads the
    // same variables in PhoneProviderOptions); without one those pages are refused at send time.
    public string? Warning(ContactMethodKind kind) =>
        kind.IsPhone() && new[] { "UNYO_PHONE_ACCOUNT_SID", "UNYO_PHONE_AUTH_TOKEN", "UNYO_PHONE_FROM" }.Any(k => string.IsNullOrWhiteSpace(configuration[k]))
            ? "No phone provider is configured (UNYO_PHONE_ACCOUNT_SID, UNYO_PHONE_AUTH_TOKEN, UNYO_PHONE_FROM): SMS and voice pages will fail until an administrator sets one up. Add an email or push method too."
            : null;

    private async Task<ContactMethodSpec> ValidateAsync(ContactMethodRequest request, ContactMethod? stored, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var spec = ContactMethodValidator.Validate(request, stored, errors);
        if (spec?.Url is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            // The checks' SSRF guard: no loopback, private networks or metadata services unless an
            // admin allowed them. The senders' connect callback judges every address again at send time.
            var found = new ValidationErrors();
            var host = HostNames.Canonical(uri.Host, allowUnderscore: false, out _) ?? uri.Host;
            TargetGuard.CheckAtCreation(new TcpProbeSettings { Host = host, Port = uri.Port }, await targets.AllowListAsync(cancellationToken), found);
            foreach (var (_, message) in found.All)
            {
                errors.Add("url", message.Replace("checks may not probe it", "Unyo may not send to it", StringComparison.Ordinal));
            }
        }
        if (spec is null || !errors.IsEmpty)
        {
            throw new RequestValidationException(errors);
        }
        return spec;
    }

    private void Seal(ContactMethod method, string url, string? signingSecret)
    {
        var secrets = new Dictionary<string, string> { ["url"] = url };
        if (signingSecret is not null)
        {
            secrets["signingSecret"] = signingSecret;
        }
        method.SealedSecrets = box.Seal(JsonSerializer.Serialize(secrets));
        method.UrlHost = new Uri(url).Host;
    }

    private Dictionary<string, string> Opened(ContactMethod method) =>
        box.Open(method.SealedSecrets) is { } json ? JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [] : [];

    private sealed record Description(string Kind, string Label, string? Address, string? UrlHost, string? Url = null);

    // Phone numbers and addresses are personal data: the audit log keeps only their last characters.
    private static Description Described(ContactMethod method) =>
        new(method.Kind.ToName(), method.Label, method.Address is { Length: > 4 } a ? "…" + a[^4..] : method.Address, method.UrlHost);
}
