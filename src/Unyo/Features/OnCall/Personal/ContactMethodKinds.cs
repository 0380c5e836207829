namespace Unyo.Features.OnCall.Personal;

public static class ContactMethodKinds
{
    public static readonly IReadOnlyList<string> Names = ["email", "sms", "voice", "chat", "push"];

    public static string ToName(this ContactMethodKind kind) => kind.ToString().ToLowerInvariant();

    public static ContactMethodKind? Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "email" => ContactMethodKind.Email,
        "sms" => ContactMethodKind.Sms,
        "voice" => ContactMethodKind.Voice,
        "chat" => ContactMethodKind.Chat,
        "push" => ContactMethodKind.Push,
        _ => null,
    };

    public static bool IsPhone(this ContactMethodKind kind) => kind is ContactMethodKind.Sms or ContactMethodKind.Voice;

    public static bool IsUrl(this ContactMethodKind kind) => kind is ContactMethodKind.Chat or ContactMethodKind.Push;

    public static string Title(this ContactMethodKind kind) => kind switch
    {
        ContactMethodKind.Email => "Email",
        ContactMethodKind.Sms => "SMS",
        ContactMethodKind.Voice => "Voice call",
        ContactMethodKind.Chat => "Chat",
        _ => "Push",
    };
}
