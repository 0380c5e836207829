namespace Unyo.Data;

// A table of counters kept per owner and period (SLI minutes are one): ingest adds to its rows,
// it never overwrites them, so any number of writers on any number of nodes add up exactly.
// Sources that read a period's whole value (PromQL) replace the row instead.
// Rows whose owner (OwnerTable.Id) no longer exists are skipped, not refused.
// Stamp, if named, is set to the database's clock on every write, so readers can find what changed.
public sealed record CounterTable(string Table, string OwnerTable, string Owner, string Period, string Good, string Total, string? Stamp = null);

// What one flush adds to (or sets on) one row.
public readonly record struct CounterDelta(Guid Owner, long Period, long Good, long Total);
