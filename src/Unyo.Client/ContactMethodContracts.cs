namespace Unyo.Client;

/// <summary>
/// Creates or replaces one of a person's contact methods (<c>/api/v1/users/{email}/contact-methods</c>). Only the person
/// and admins may read or change them: phone numbers and personal webhook URLs are personal data.
/// </summary>
public sealed record ContactMethodRequest
{
    /// <summary><c>email</c>, <c>sms</c>, <c>voice</c>, <c>chat</c> or <c>push</c> (required). Cannot change on replace.</summary>
    public string? Kind { get; init; }
    /// <summary>What the person calls it (<c>Work phone</c>), 1 to 100 characters; defaults to the kind.</summary>
    public string? Label { get; init; }
    /// <summary>Email: an address. SMS and voice: a phone number in E.164 form (<c>+</c> and 8 to 15 digits). Not for chat or push.</summary>
    public string? Address { get; init; }
    /// <summary>
    /// Chat: a Slack-compatible incoming-webhook URL; push: any http(s) endpoint that takes the signed webhook JSON.
    /// Write-only: never returned. Required on create; on replace, leave it out to keep the stored one.
    /// </summary>
    public string? Url { get; init; }
}

/// <summary>One contact method. Chat and push URLs are shown only as their host.</summary>
/// <param name="Id">Its id, used by notification rules.</param>
/// <param name="Kind"><c>email</c>, <c>sms</c>, <c>voice</c>, <c>chat</c> or <c>push</c>.</param>
/// <param name="Label">What the person calls it.</param>
/// <param name="Address">The email address or phone number; null for chat and push.</param>
/// <param name="UrlHost">The host of a chat or push URL; null otherwise.</param>
/// <param name="CreatedAt">When it was added.</param>
/// <param name="SigningSecret">A push method's generated signing secret (HMAC-SHA256 of the body, header <c>X-Unyo-Signature</c>), shown once: only in the answer to the create.</param>
/// <param name="Warning">Something that will stop pages from arriving, such as SMS without a configured phone provider.</param>
public sealed record ContactMethodResponse(
    Guid Id, string Kind, string Label, string? Address, string? UrlHost, DateTimeOffset CreatedAt, string? SigningSecret = null, string? Warning = null);

/// <summary>The answer to deleting a contact method: the notification rule steps that used it are deleted with it.</summary>
/// <param name="RemovedRules">How many rule steps used the method and were removed.</param>
public sealed record ContactMethodDeletedResponse(int RemovedRules);

/// <summary>Replaces all of a person's notification rules (<c>PUT /api/v1/users/{email}/notification-rules</c>).</summary>
public sealed record NotificationRulesRequest
{
    /// <summary>Steps for high-urgency pages (at most 10). Empty or missing: none.</summary>
    public IReadOnlyList<NotificationRuleStepRequest>? High { get; init; }
    /// <summary>Steps for low-urgency pages (at most 10). Empty or missing: none.</summary>
    public IReadOnlyList<NotificationRuleStepRequest>? Low { get; init; }
}

/// <summary>One step: page through this contact method this many minutes after the page, unless acknowledged by then.</summary>
public sealed record NotificationRuleStepRequest
{
    /// <summary>The id of one of the same person's contact methods (required).</summary>
    public Guid? ContactMethod { get; init; }
    /// <summary>Minutes after the page, 0 to 240 (required).</summary>
    public int? DelayMinutes { get; init; }
}

/// <summary>A person's notification rules per urgency, in order of delay.</summary>
/// <param name="High">Steps for high-urgency pages.</param>
/// <param name="Low">Steps for low-urgency pages.</param>
/// <param name="IsDefault">True when the person has no rules at all: pages then go to the account's email address at once, which is what the steps show. An urgency without steps shows that default step alone.</param>
public sealed record NotificationRulesResponse(IReadOnlyList<NotificationRuleStepResponse> High, IReadOnlyList<NotificationRuleStepResponse> Low, bool IsDefault);

/// <summary>One step of a person's rules.</summary>
/// <param name="ContactMethod">The contact method's id; null for the default step (the account's email address).</param>
/// <param name="Kind">The contact method's kind.</param>
/// <param name="Label">The contact method's label, or <c>Account email</c> for the default step.</param>
/// <param name="DelayMinutes">Minutes after the page.</param>
/// <param name="IsDefault">True for the step Unyo uses when the person set none for this urgency: the account's email address at once.</param>
public sealed record NotificationRuleStepResponse(Guid? ContactMethod, string Kind, string Label, int DelayMinutes, bool IsDefault = false);
