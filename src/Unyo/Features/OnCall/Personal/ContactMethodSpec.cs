namespace Unyo.Features.OnCall.Personal;

// A validated contact method: Address for email, SMS and voice; Url (null = keep the stored one)
// for chat and push.
public sealed record ContactMethodSpec(ContactMethodKind Kind, string Label, string? Address, string? Url);
