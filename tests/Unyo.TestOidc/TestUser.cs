namespace Unyo.TestOidc;

// Who the provider says signed in. EmailVerified null leaves the claim out.
public sealed record TestUser(string Subject, string Email, string Name, IReadOnlyList<string> Groups, bool? EmailVerified = true);
