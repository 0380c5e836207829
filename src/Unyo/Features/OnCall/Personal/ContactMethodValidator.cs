using System.Text.RegularExpressions;
using Unyo.Client;
using Unyo.Hosting;

namespace Unyo.Features.OnCall.Personal;

// Checks a contact method the same way for the API and the page. The URL's target (no private
// networks unless allowed) is judged by ContactMethodCatalog, which reads the allow list.
public static partial class ContactMethodValidator
{
    public const int MaxUrlLength = 2000;

    // `stored`: the method being replaced, whose kind may not change and whose URL is kept when none is given.
    public static ContactMethodSpec? Validate(ContactMethodRequest request, ContactMethod? stored, ValidationErrors errors)
    {
        var kind = ContactMethodKinds.Parse(request.Kind);
        if (request.Kind is null && stored is not null)
        {
            kind = stored.Kind;
        }
        if (kind is null)
        {
            errors.Add("kind", request.Kind is null ? "is required: one of email, sms, voice, chat, push." : $"must be one of email, sms, voice, chat, push (not '{request.Kind}').");
            return null;
        }
        if (stored is not null && stored.Kind != kind)
        {
            errors.Add("kind", $"cannot change from {stored.Kind.ToName()} to {kind.Value.ToName()}: add a new contact method instead.");
        }
        var label = string.IsNullOrWhiteSpace(request.Label) ? kind.Value.Title() : request.Label.Trim();
        if (label.Length > 100)
        {
            errors.Add("label", "must be at most 100 characters.");
        }
        var address = kind.Value switch
        {
            ContactMethodKind.Email => Email(request.Address, errors),
            ContactMethodKind.Sms or ContactMethodKind.Voice => Phone(request.Address, errors),
            _ => null,
        };
        if (kind.Value.IsUrl() && request.Address is not null)
        {
            errors.Add("address", $"is not used by {kind.Value.ToName()} methods: give the webhook URL as url.");
        }
        string? url = null;
        if (kind.Value.IsUrl())
        {
            url = Url(request.Url, required: stored is null, errors);
        }
        else if (request.Url is not null)
        {
            errors.Add("url", $"is only for chat and push methods; {kind.Value.ToName()} takes an address.");
        }
        return errors.IsEmpty ? new ContactMethodSpec(kind.Value, label, address, url) : null;
    }

    private static string? Email(string? value, ValidationErrors errors)
    {
        var email = value?.Trim();
        if (string.IsNullOrEmpty(email))
        {
            errors.Add("address", "is required: the email address to page.");
            return null;
        }
        if (email.Length > 254 || !EmailShape().IsMatch(email))
        {
            errors.Add("address", $"must be an email address such as oncall@example.com (not '{Shorten(email)}').");
            return null;
        }
        return email;
    }

    private static string? Phone(string? value, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add("address", "is required: the phone number in E.164 form, such as +14155550100.");
            return null;
        }
        // People write numbers with spaces and dashes; what is stored and dialled is bare E.164.
        var phone = Separators().Replace(value.Trim(), "");
        if (!E164().IsMatch(phone))
        {
            errors.Add("address", $"must be a phone number in E.164 form: + and the country code, 8 to 15 digits in all, such as +14155550100 (not '{Shorten(value.Trim())}').");
            return null;
        }
        return phone;
    }

    private static string? Url(string? value, bool required, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required || value is not null)
            {
                errors.Add("url", "is required: the http(s) URL to post pages to (write-only: it is never shown again).");
            }
            return null;
        }
        var url = value.Trim();
        if (url.Length > MaxUrlLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host))
        {
            errors.Add("url", $"must be an absolute http or https URL of at most {MaxUrlLength} characters.");
            return null;
        }
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            errors.Add("url", "must not carry a user name or password.");
            return null;
        }
        return url;
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";

    [GeneratedRegex(@"^[^@\s<>()]+@[^@\s<>()]+\.[^@\s<>()]+$")]
    private static partial Regex EmailShape();

    [GeneratedRegex(@"^\+[0-9]{8,15}$")]
    private static partial Regex E164();

    [GeneratedRegex(@"[\s\-\.\(\)]")]
    private static partial Regex Separators();
}
