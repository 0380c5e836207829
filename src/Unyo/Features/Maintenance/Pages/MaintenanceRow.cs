using Unyo.Client;

namespace Unyo.Features.Maintenance.Pages;

// A window on the maintenance page, with its last occurrence that is over (if any in the last year).
public sealed record MaintenanceRow(MaintenanceWindowResponse Window, MaintenanceOccurrence? Last);
