namespace Unyo.Features.Notifications;

public enum DeliveryResult
{
    Delivered,
    // A timeout, a 5xx, a 429 or a refused connection: try again later (after RetryAfter when
    // the receiver said when).
    RetryLater,
    // The receiver refused the message for good (a 4xx other than 408 and 429, a bad address):
    // retrying cannot help, so it goes to the dead-letter list at once.
    Rejected,
}

// Detail: the receiver's answer or the error, short, for the attempt's record.
public sealed record DeliveryOutcome(DeliveryResult Result, int? StatusCode, string? Detail, TimeSpan? RetryAfter = null)
{
    public static DeliveryOutcome Delivered(int? statusCode = null) => new(DeliveryResult.Delivered, statusCode, null);
}
