using System.Text.Json;
using Unyo.Cli;
using Unyo.Hosting;

namespace Unyo.Tests.Hosting;

public sealed class ConventionTests
{
    [Theory]
    [InlineData("postgres://app:s%40cret@db.internal:6543/unyo?sslmode=require", "db.internal", 6543, "unyo", "app", "s@cret")]
    [InlineData("postgresql://db/unyo", "db", 5432, "unyo", null, null)]
    [InlineData("Host=db;Port=5433;Database=unyo;Username=u;Password=p", "db", 5433, "unyo", "u", "p")]
    public void PostgresUrlsAndKeywordStringsAreBothAccepted(string value, string host, int port, string database, string? user, string? password)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(PostgresConnectionString.Normalize(value));

        Assert.Equal((host, port, database, user, password), (builder.Host, builder.Port, builder.Database, builder.Username, builder.Password));
    }

    [Fact]
    public void CursorsRoundTripAndForgeriesAreRefused()
    {
        var errors = new ValidationErrors();

        var (_, after) = Cursor.Read(Cursor.Encode("checkout-api"), 10, errors);
        Cursor.Read("***", 0, errors);

        Assert.Equal("checkout-api", after);
        Assert.Equal(["cursor", "limit"], errors.ToDictionary().Keys.Order());
    }

    [Fact]
    public void JsonErrorsNameTheFieldAndTheExpectedType()
    {
        var options = new JsonSerializerOptions();
        JsonConventions.Apply(options);

        var exception = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Sample>("""{"count":"many"}""", options));

        Assert.True("count" == JsonErrors.FieldFromPath(exception.Path), exception.Message);
        Assert.True(JsonErrors.Describe(exception) == "has the wrong type: expected a number.", exception.Message);
        Assert.Equal("has the wrong type: expected a number.", JsonErrors.Describe(exception));
    }

    [Fact]
    public void TimestampsAreWrittenInUtcWithZ()
    {
        var options = new JsonSerializerOptions();
        JsonConventions.Apply(options);

        var json = JsonSerializer.Serialize(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.FromHours(9)), options);

        Assert.Equal("\"2026-11-24T01:00:00Z\"", json);
    }

    [Fact]
    public void CliArgumentsAcceptBothSpellings()
    {
        var args = CliArgs.Parse(["-f", "a.yaml", "--filename=b.yaml", "--dry-run", "--server", "http://x"], new HashSet<string> { "dry-run" });

        Assert.Equal(["a.yaml", "b.yaml"], args.Values("f", "filename"));
        Assert.True(args.Flag("dry-run"));
        Assert.Equal("http://x", args.Value("server"));
        Assert.Throws<CliUsageException>(() => CliArgs.Parse(["--server"], new HashSet<string>()));
    }

    private sealed record Sample
    {
        public int? Count { get; init; }
    }
}
