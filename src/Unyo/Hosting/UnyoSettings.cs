using Microsoft.Data.Sqlite;
using Unyo.Data;

namespace Unyo.Hosting;

// Where Unyo listens and keeps its data, from flags first, then UNYO_* environment variables,
// then defaults: http://127.0.0.1:8080 and SQLite in ./unyo-data.
public sealed record UnyoSettings(string Urls, string DataDirectory, DatabaseProvider Provider, string ConnectionString)
{
    public const string DefaultUrls = "http://127.0.0.1:8080";
    public const string DefaultDataDirectory = "unyo-data";

    public static UnyoSettings From(IConfiguration configuration)
    {
        var urls = configuration["urls"] ?? configuration["UNYO_URLS"] ?? DefaultUrls;
        var data = Path.GetFullPath(configuration["data"] ?? configuration["UNYO_DATA"] ?? DefaultDataDirectory);
        var database = configuration["database"] ?? configuration["UNYO_DATABASE"];
        if (string.IsNullOrWhiteSpace(database))
        {
            var file = Path.Combine(data, "unyo.db");
            return new UnyoSettings(urls, data, DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = file, Pooling = true }.ToString());
        }
        return new UnyoSettings(urls, data, DatabaseProvider.Postgres, PostgresConnectionString.Normalize(database));
    }

    public string DescribeDatabase() => $"{Provider.Name} ({Provider.Describe(ConnectionString)})";
}
