namespace Unyo.Features.OnCall.Notices;

// A routine message to one person, not a page: a subject, a plain text and a link (a path under
// the public URL, such as "my/shifts").
public sealed record PersonalNotice(Guid UserId, string Subject, string Text, string Link);
