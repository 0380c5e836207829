namespace Unyo.Hosting;

// One refusal: the audit action (auth.token-refused or auth.forbidden), the credential as far
// as it is known (kind "ApiToken" with the token's prefix, or "User" with the person's email),
// why, and the credential column when the token is known but refused ("token:<id>").
public sealed record AccessRefusal(string Action, string Kind, string Name, string Reason, string? Credential = null);
