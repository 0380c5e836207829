using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Unyo.Data;

// Rows inserted and updated without EF Core's change tracker, in the caller's transaction: for
// hot paths that write a few hundred rows a second (check results and minutes), where tracking
// each row and reading back generated keys cost more than the writing. Values are model values,
// stored as the model stores them (ToStored). A database error comes back as DbUpdateException,
// as from SaveChanges, so callers judge it the same way (IsUniqueViolation).
public abstract partial class DatabaseProvider
{
    // Inserts every row (values in the order of `columns`), many rows per statement.
    public async Task InsertRowsAsync(DbContext db, string table, IReadOnlyList<string> columns, IReadOnlyList<object?[]> rows, CancellationToken cancellationToken)
    {
        var names = string.Join(", ", columns.Select(c => $"\"{c}\""));
        await BatchAsync(db, table, columns.Count, rows, (sql, count, parameter) =>
        {
            sql.Append($"INSERT INTO \"{table}\" ({names}) VALUES ");
            for (var i = 0; i < count; i++)
            {
                sql.Append(i == 0 ? "(" : ", (");
                for (var c = 0; c < columns.Count; c++)
                {
                    sql.Append(c == 0 ? "" : ", ").Append(parameter(i, c));
                }
                sql.Append(')');
            }
        }, cancellationToken);
    }

    // Updates each row found by its key (the first `keyColumns` of `columns`) whose concurrency
    // token still holds the value after the row's columns (row[columns.Count]): sets the other
    // columns, the token among them. Returns how many rows changed: fewer than given means
    // another writer changed (or deleted) some since they were read.
    public Task<int> UpdateRowsAsync(DbContext db, string table, IReadOnlyList<string> columns, int keyColumns, string token, IReadOnlyList<object?[]> rows, CancellationToken cancellationToken) =>
        BatchAsync(db, table, columns.Count + 1, rows, (sql, count, parameter) =>
        {
            for (var i = 0; i < count; i++)
            {
                sql.Append($"UPDATE \"{table}\" SET ");
                for (var c = keyColumns; c < columns.Count; c++)
                {
                    sql.Append(c == keyColumns ? "" : ", ").Append($"\"{columns[c]}\" = ").Append(parameter(i, c));
                }
                sql.Append(" WHERE ");
                for (var c = 0; c < keyColumns; c++)
                {
                    sql.Append($"\"{columns[c]}\" = ").Append(parameter(i, c)).Append(" AND ");
                }
                sql.Append($"\"{token}\" = ").Append(parameter(i, columns.Count)).Append(";\n");
            }
        }, cancellationToken);

    // A JSON column's value (a JSON document as text), which PostgreSQL keeps as jsonb.
    public sealed record JsonText(string Text);

    // An instant inside a JSON column, as EF Core writes it there for this database's model.
    public abstract void WriteJsonInstant(System.Text.Json.Utf8JsonWriter writer, DateTimeOffset at);

    protected virtual void MarkJson(DbParameter parameter)
    {
    }

    // Writes the rows ParametersPerStatement parameters at a time: `write` appends the SQL of
    // `count` rows, naming row i's value c by parameter(i, c). Returns the rows affected.
    private async Task<int> BatchAsync(DbContext db, string table, int width, IReadOnlyList<object?[]> rows, Action<StringBuilder, int, Func<int, int, string>> write, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return 0;
        }
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException($"Writing {table} rows needs the caller's transaction.");
        var rowsPerStatement = Math.Max(1, ParametersPerStatement / width);
        var affected = 0;
        try
        {
            for (var start = 0; start < rows.Count; start += rowsPerStatement)
            {
                var count = Math.Min(rowsPerStatement, rows.Count - start);
                await using var command = transaction.Connection!.CreateCommand();
                command.Transaction = transaction;
                for (var i = 0; i < count; i++)
                {
                    var row = rows[start + i];
                    for (var c = 0; c < width; c++)
                    {
                        var parameter = command.CreateParameter();
                        parameter.ParameterName = $"@p{i}_{c}";
                        parameter.Value = row[c] is { } value ? ToStored(value) : DBNull.Value;
                        if (row[c] is JsonText)
                        {
                            MarkJson(parameter);
                        }
                        command.Parameters.Add(parameter);
                    }
                }
                var sql = new StringBuilder(count * width * 10);
                write(sql, count, (i, c) => $"@p{i}_{c}");
                command.CommandText = sql.ToString();
                affected += await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        catch (DbException exception)
        {
            throw new DbUpdateException($"Writing {table} rows failed: {exception.Message}", exception);
        }
        return affected;
    }
}
