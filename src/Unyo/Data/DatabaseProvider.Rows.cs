using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Unyo.Data;

// Whole rows written by key without EF Core's change tracker: for a cycle that rewrites
// thousands of rows at once (SLO snapshots), where tracking and one UPDATE per row cost more
// than the writing itself.
public abstract partial class DatabaseProvider
{
    // Inserts each row, or replaces every column but the key when a row with its key exists.
    // The key is columns[0]; values are model values (Guid, DateTimeOffset, long, double, bool,
    // string, null), stored as the model stores them. Joins the caller's transaction, or writes
    // in one of its own.
    public async Task UpsertRowsAsync(DbContext db, string table, IReadOnlyList<string> columns, IReadOnlyList<object?[]> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }
        var rowsPerStatement = Math.Max(1, ParametersPerStatement / columns.Count);
        var updates = string.Join(", ", columns.Skip(1).Select(c => $"\"{c}\" = excluded.\"{c}\""));
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            var connection = db.Database.GetDbConnection();
            for (var start = 0; start < rows.Count; start += rowsPerStatement)
            {
                var count = Math.Min(rowsPerStatement, rows.Count - start);
                await using var command = connection.CreateCommand();
                command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
                var values = new StringBuilder(count * columns.Count * 8);
                for (var i = 0; i < count; i++)
                {
                    var row = rows[start + i];
                    values.Append(i == 0 ? "(" : ", (");
                    for (var c = 0; c < columns.Count; c++)
                    {
                        var parameter = command.CreateParameter();
                        parameter.ParameterName = $"@p{i}_{c}";
                        parameter.Value = row[c] is { } value ? ToStored(value) : DBNull.Value;
                        command.Parameters.Add(parameter);
                        values.Append(c == 0 ? "" : ", ").Append(parameter.ParameterName);
                    }
                    values.Append(')');
                }
                command.CommandText = $"""
                    INSERT INTO "{table}" ({string.Join(", ", columns.Select(c => $"\"{c}\""))})
                    VALUES {values}
                    ON CONFLICT ("{columns[0]}") DO UPDATE SET {updates}
                    """;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }
        }
    }

    // A model value as this database's column holds it.
    protected abstract object ToStored(object value);

    // How many parameters one statement should bind (see each provider).
    protected abstract int ParametersPerStatement { get; }
}
