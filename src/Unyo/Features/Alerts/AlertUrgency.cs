namespace Unyo.Features.Alerts;

// High urgency pages a person now (phones, paging tools); low urgency waits for working hours (chat, email).
public enum AlertUrgency
{
    High,
    Low,
}
