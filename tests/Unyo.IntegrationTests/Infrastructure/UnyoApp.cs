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

    private readonly IReadOnlyDictionary<string, string> _settings;

    private readonly Action<IServiceCollection>? _services;

    private UnyoApp(string provider, string? postgres, IReadOnlyDictionary<string, string>? settings, Action<IServiceCollection>? services, Action<IEndpointRouteBuilder>? testOnlyEndpoints)
    {
        _services = services;
        Provider = provider;
        _postgres = postgres;
        _settings = settings ?? new Dictionary<string, string>();
        _testOnlyEndpoints = testOnlyEndpoints;
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
    }

    public string Provider { get; }

    public Uri Address { get; private set; } = null!;

    /// settings: extra configuration (UNYO_* names) for servers that test a setting.
    /// services: replacements, for example a FakeTimeProvider for tests that walk through time.
    public static async Task<UnyoApp> StartAsync(string provider, IReadOnlyDictionary<string, string>? settings = null, Action<IServiceCollection>? services = null, Action<IEndpointRouteBuilder>? testOnlyEndpoints = null)
    {
        string? postgres = null;
        if (provider == Providers.Postgres)
        {
            postgres = await CreatePostgresDatabaseAsync();
        }
        var app = new UnyoApp(provider, postgres, settings, services, testOnlyEndpoints);
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
        // Every test talks from 127.0.0.1 at once: the API rate limit would make them depend on
        // each other. RateLimitTests turn it on for a server of their own.
        builder.UseSetting("UNYO_API_RATE_LIMIT", "0");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        builder.UseEnvironment("Testing");
        if (_services is not null)
        {
            builder.ConfigureServices(_services);
        }
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
        // Many test servers share one cluster, each with its own pool and workers that poll every
        // second: idle connections are closed after a few seconds, and no one server may hold more
        // than a share of the cluster's limit (a CI run once met "too many clients" at 600).
        return new NpgsqlConnectionStringBuilder(admin) { Database = name, ConnectionIdleLifetime = 10, ConnectionPruningInterval = 5, MaxPoolSize = 30 }.ConnectionString;
    }
}
