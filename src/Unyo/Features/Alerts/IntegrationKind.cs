namespace Unyo.Features.Alerts;

// Which intake endpoint an integration key opens. A key works only at its own endpoint, so a
// leaked Alertmanager key cannot post PagerDuty events and the other way round.
public enum IntegrationKind
{
    // POST /api/v1/alerts
    Native,
    // POST /api/v1/integrations/alertmanager/{key}
    Alertmanager,
    // POST /v2/enqueue and /v2/change/enqueue
    PagerDuty,
    // POST /api/v1/integrations/webhook/{key}, read through the integration's field mapping
    Webhook,
}
