using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Unyo.Features.Accounts;
using Unyo.Features.Alerts;
using Unyo.Features.Alerts.Silences;
using Unyo.Features.Notifications.Routes;
using Unyo.Features.Accounts.Mfa;
using Unyo.Features.Accounts.Sessions;
using Unyo.Features.Accounts.Sso;
using Unyo.Features.Audit;
using Unyo.Features.Catalog;
using Unyo.Features.Checks;
using Unyo.Features.Deploys;
using Unyo.Features.Maintenance;
using Unyo.Features.Notifications;
using Unyo.Features.Slos;
using Unyo.Features.Slos.Sla;
using Unyo.Features.Telemetry;
using Unyo.Features.Telemetry.Otlp;
using Unyo.Hosting;

namespace Unyo.Data;

// One EF Core model for every feature. Each provider has a subclass that owns its migrations
// (SqliteUnyoDb, PostgresUnyoDb); handlers depend on this base type only.
public abstract class UnyoDb(DbContextOptions options) : DbContext(options), IDataProtectionKeyContext
{
    // Cookie and anti-forgery keys live in the database so that every node (and every restart)
    // can read what another wrote.
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<User> Users => Set<User>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<TeamMembership> TeamMemberships => Set<TeamMembership>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<UserSession> UserSessions => Set<UserSession>();
    public DbSet<SignInAttempt> SignInAttempts => Set<SignInAttempt>();
    public DbSet<UserTotp> UserTotps => Set<UserTotp>();
    public DbSet<RecoveryCode> RecoveryCodes => Set<RecoveryCode>();
    public DbSet<IdentityProvider> IdentityProviders => Set<IdentityProvider>();
    public DbSet<SsoLink> SsoLinks => Set<SsoLink>();
    public DbSet<Service> Services => Set<Service>();
    public DbSet<ServiceDependency> ServiceDependencies => Set<ServiceDependency>();
    public DbSet<Sli> Slis => Set<Sli>();
    public DbSet<SliMinute> SliMinutes => Set<SliMinute>();
    public DbSet<SliSourceStatus> SliSourceStatuses => Set<SliSourceStatus>();
    public DbSet<OtlpSeries> OtlpSeries => Set<OtlpSeries>();
    public DbSet<Check> Checks => Set<Check>();
    public DbSet<CheckState> CheckStates => Set<CheckState>();
    public DbSet<CheckStateChange> CheckStateChanges => Set<CheckStateChange>();
    public DbSet<CheckResult> CheckResults => Set<CheckResult>();
    public DbSet<CheckMinute> CheckMinutes => Set<CheckMinute>();
    public DbSet<CheckTargetSettings> CheckTargetSettings => Set<CheckTargetSettings>();
    public DbSet<Features.Checks.Locations.ProbeLocation> ProbeLocations => Set<Features.Checks.Locations.ProbeLocation>();
    public DbSet<Slo> Slos => Set<Slo>();
    public DbSet<BurnAlert> BurnAlerts => Set<BurnAlert>();
    public DbSet<SloSnapshot> SloSnapshots => Set<SloSnapshot>();
    public DbSet<SloMonth> SloMonths => Set<SloMonth>();
    public DbSet<ReleaseGateOverride> ReleaseGateOverrides => Set<ReleaseGateOverride>();
    public DbSet<ErrorBudgetPolicy> ErrorBudgetPolicies => Set<ErrorBudgetPolicy>();
    public DbSet<ErrorBudgetPolicyService> ErrorBudgetPolicyServices => Set<ErrorBudgetPolicyService>();
    public DbSet<MaintenanceWindow> MaintenanceWindows => Set<MaintenanceWindow>();
    public DbSet<MaintenanceWindowService> MaintenanceWindowServices => Set<MaintenanceWindowService>();
    public DbSet<Features.OnCall.Schedules.Schedule> Schedules => Set<Features.OnCall.Schedules.Schedule>();
    public DbSet<Features.OnCall.Schedules.ScheduleOverride> ScheduleOverrides => Set<Features.OnCall.Schedules.ScheduleOverride>();
    public DbSet<Features.OnCall.Escalation.EscalationPolicy> EscalationPolicies => Set<Features.OnCall.Escalation.EscalationPolicy>();
    public DbSet<Features.OnCall.Escalation.ServiceEscalationPolicy> ServiceEscalationPolicies => Set<Features.OnCall.Escalation.ServiceEscalationPolicy>();
    public DbSet<Features.OnCall.Escalation.AlertEscalation> AlertEscalations => Set<Features.OnCall.Escalation.AlertEscalation>();
    public DbSet<Features.OnCall.Escalation.EscalationPage> EscalationPages => Set<Features.OnCall.Escalation.EscalationPage>();
    public DbSet<Features.OnCall.Personal.ContactMethod> ContactMethods => Set<Features.OnCall.Personal.ContactMethod>();
    public DbSet<Features.OnCall.Personal.NotificationRule> NotificationRules => Set<Features.OnCall.Personal.NotificationRule>();
    public DbSet<Features.OnCall.Schedules.OnCallFeedSecret> OnCallFeedSecrets => Set<Features.OnCall.Schedules.OnCallFeedSecret>();
    public DbSet<Features.OnCall.Schedules.Swaps.ShiftSwap> ShiftSwaps => Set<Features.OnCall.Schedules.Swaps.ShiftSwap>();
    public DbSet<Features.OnCall.Analytics.OnCallProfile> OnCallProfiles => Set<Features.OnCall.Analytics.OnCallProfile>();
    public DbSet<Features.OnCall.Notices.ShiftNotice> ShiftNotices => Set<Features.OnCall.Notices.ShiftNotice>();
    public DbSet<Features.OnCall.Notices.ShiftDigest> ShiftDigests => Set<Features.OnCall.Notices.ShiftDigest>();
    public DbSet<Features.Incidents.Incident> Incidents => Set<Features.Incidents.Incident>();
    public DbSet<Features.Incidents.IncidentImpact> IncidentImpacts => Set<Features.Incidents.IncidentImpact>();
    public DbSet<Features.Incidents.IncidentAlert> IncidentAlerts => Set<Features.Incidents.IncidentAlert>();
    public DbSet<Features.Incidents.IncidentViewer> IncidentViewers => Set<Features.Incidents.IncidentViewer>();
    public DbSet<Features.Incidents.IncidentRoleAssignment> IncidentRoleAssignments => Set<Features.Incidents.IncidentRoleAssignment>();
    public DbSet<Features.Incidents.IncidentTimelineEntry> IncidentTimeline => Set<Features.Incidents.IncidentTimelineEntry>();
    // Postmortems (Features/Postmortems).
    public DbSet<Features.Postmortems.Postmortem> Postmortems => Set<Features.Postmortems.Postmortem>();
    public DbSet<Features.Postmortems.PostmortemComment> PostmortemComments => Set<Features.Postmortems.PostmortemComment>();
    public DbSet<Features.Postmortems.ActionItem> ActionItems => Set<Features.Postmortems.ActionItem>();
    public DbSet<Features.Postmortems.ActionItemDigest> ActionItemDigests => Set<Features.Postmortems.ActionItemDigest>();

    // Incidents (the "incidents" branch): the organisation's incident policy.
    public DbSet<Features.Incidents.Policy.StoredIncidentPolicy> IncidentPolicies => Set<Features.Incidents.Policy.StoredIncidentPolicy>();

    public DbSet<Integration> Integrations => Set<Integration>();
    public DbSet<Alert> Alerts => Set<Alert>();
    public DbSet<AlertTimelineEntry> AlertTimeline => Set<AlertTimelineEntry>();
    public DbSet<Features.Alerts.Changes.ChangeEvent> ChangeEvents => Set<Features.Alerts.Changes.ChangeEvent>();
    public DbSet<NotificationChannel> NotificationChannels => Set<NotificationChannel>();
    public DbSet<Features.Notifications.Outbox.Notification> Notifications => Set<Features.Notifications.Outbox.Notification>();
    public DbSet<Features.Notifications.Outbox.NotificationAttempt> NotificationAttempts => Set<Features.Notifications.Outbox.NotificationAttempt>();
    public DbSet<Silence> Silences => Set<Silence>();
    public DbSet<AlertRoute> AlertRoutes => Set<AlertRoute>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<Lease> Leases => Set<Lease>();
    public DbSet<AuditRecord> AuditRecords => Set<AuditRecord>();

    // Status pages (Features/StatusPages).
    public DbSet<Features.StatusPages.StatusPage> StatusPages => Set<Features.StatusPages.StatusPage>();
    public DbSet<Features.StatusPages.StatusPageComponent> StatusPageComponents => Set<Features.StatusPages.StatusPageComponent>();
    public DbSet<Features.StatusPages.Updates.StatusPageUpdate> StatusPageUpdates => Set<Features.StatusPages.Updates.StatusPageUpdate>();
    public DbSet<Features.StatusPages.Subscriptions.StatusSubscriber> StatusSubscribers => Set<Features.StatusPages.Subscriptions.StatusSubscriber>();

    // The database's clock in whole Unix seconds, as SQL: one clock for every node.
    public abstract string NowSecondsSql { get; }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(UnyoDb).Assembly);
        modelBuilder.Entity<SliMinute>().Property(m => m.Stamp).HasDefaultValueSql(NowSecondsSql);
    }
}
