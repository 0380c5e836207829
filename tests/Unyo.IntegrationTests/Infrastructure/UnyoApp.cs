using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Unyo.Data;
using Unyo.Features.Accounts;

namespace Unyo.IntegrationTests.Infrastructure;

/// A real Unyo server on a loopback port, on a fresh SQLite file or a fresh PostgreSQL database.
public sealed class UnyoApp : WebApplicationFactory<Program>
{
    public const string AdminToken = "unyo_integration_admin_token_0001";
    public const string AdminPassword = "correct horse battery staple";
    public const string AdminEmail = "owner@example.test";

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"unyo-it-{Guid.NewGuid():N}");
    private readonly string? _postgres;
    private readonly Action<IEndpointRouteBuilder>? _testOnlyEndpoints;

    private UnyoApp(string provider, string? postgres, Action<IEndpointRouteBuilder>? testOnlyEndpoints)
    {
        Provider = provider;
        _postgres = postgres;
        _testOnlyEndpoints = testOnlyEndpoints;
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
    }

    public string Provider { get; }

    public Uri Address { get; private set; } = null!;

    public static async Task<UnyoApp> StartAsync(string provider, Action<IEndpointRouteBuilder>? testOnlyEndpoints = null)
    {
        string? postgres = null;
        if (provider == Providers.Postgres)
        {
            postgres = await CreatePostgresDatabaseAsync();
        }
        var app = new UnyoApp(provider, postgres, testOnlyEndpoints);
        app.StartServer();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        app.Address = new Uri(addresses.First() + "/");
        return app;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("data", _dataDirectory);
        if (_postgres is not null)
        {
            builder.UseSetting("database", _postgres);
        }
        builder.UseSetting("UNYO_ADMIN_TOKEN", AdminToken);
        builder.UseSetting("UNYO_ADMIN_PASSWORD", AdminPassword);
        builder.UseSetting("UNYO_ADMIN_EMAIL", AdminEmail);
        builder.UseEnvironment("Testing");
        if (_testOnlyEndpoints is not null)
        {
            builder.ConfigureServices(s => s.AddSingleton<IStartupFilter>(new TestOnlyEndpoints(_testOnlyEndpoints)));
        }
        Directory.CreateDirectory(_dataDirectory);
    }

    public HttpClient Client(string? token = null)
    {
        var client = new HttpClient { BaseAddress = Address };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return client;
    }

    public HttpClient Admin() => Client(AdminToken);

    /// A new user with the given role, signed in with a fresh API token.
    public async Task<(Guid Id, string Email, string Token)> CreateUserAsync(OrgRole role, params string[] teams)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<UnyoDb>();
        var time = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var email = $"{role.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}@example.test";
        var user = new User
        {
            Id = Guid.CreateVersion7(),
            Email = email,
            DisplayName = email,
            PasswordHash = "x",
            Role = role,
            SecurityStamp = Guid.NewGuid().ToString("N"),
            CreatedAt = time.GetUtcNow(),
        };
        db.Users.Add(user);
        foreach (var team in teams)
        {
            var teamId = db.Teams.Single(t => t.Name == team).Id;
            db.TeamMemberships.Add(new TeamMembership { TeamId = teamId, UserId = user.Id, CreatedAt = time.GetUtcNow() });
        }
        await db.SaveChangesAsync();
        var token = await scope.ServiceProvider.GetRequiredService<TokenIssuer>().IssueAsync(TokenOwner.Person(user.Id), "test", 1, TokenScope.Admin, "system", CancellationToken.None);
        return (user.Id, email, token.Token);
    }

    public T WithDb<T>(Func<UnyoDb, T> read)
    {
        using var scope = Services.CreateScope();
        return read(scope.ServiceProvider.GetRequiredService<UnyoDb>());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp directory left behind is harmless.
        }
    }

    // A fresh, empty database on the test cluster; returns its connection string.
    public static async Task<string> CreatePostgresDatabaseAsync()
    {
        var admin = Environment.GetEnvironmentVariable("UNYO_TEST_POSTGRES")
            ?? throw new InvalidOperationException(
                "UNYO_TEST_POSTGRES is not set. Run the tests with scripts/test.sh, which starts a throwaway PostgreSQL, " +
                "or set it to an admin connection string (Host=127.0.0.1;Port=55432;Username=unyo;Password=…).");
        var name = $"unyo_it_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }
}
