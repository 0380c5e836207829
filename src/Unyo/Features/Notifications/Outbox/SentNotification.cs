namespace Unyo.Features.Notifications.Outbox;

// One attempt at a claimed notification, waiting to be recorded by the ledger.
public sealed record SentNotification(Notification Notification, DeliveryOutcome Outcome, TimeSpan Duration);
