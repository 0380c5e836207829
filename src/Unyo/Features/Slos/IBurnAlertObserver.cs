namespace Unyo.Features.Slos;

// Features above SLOs (alerting) implement this to hear that burn alerts opened or closed; SLOs
// cannot call them, standing on a lower floor. Called after the evaluation cycle is committed, on
// the node that ran it; it must return at once (a nudge, not the work).
public interface IBurnAlertObserver
{
    void OnBurnAlertsChanged();
}
