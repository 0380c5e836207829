using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

[assembly: AssemblyFixture(typeof(Unyo.BrowserTests.UnyoApp))]
// One server and one database for all tests; running them one at a time keeps pages predictable.
[assembly: Xunit.v3.Parallelization(Mode = Xunit.Sdk.ParallelMode.None)]

namespace Unyo.BrowserTests;

// A real Unyo on a loopback port with a fresh SQLite directory, and Debian's Chromium to drive it.
public sealed class UnyoApp : IAsyncLifetime
{
    public const string AdminEmail = "owner@example.com";
    public const string AdminPassword = "browser-tests-password-1";
    public const string AdminToken = "browser-tests-admin-token-0123456789";
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly string _data = Directory.CreateTempSubdirectory("unyo-browser-").FullName;
    private Factory? _factory;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public Uri BaseAddress { get; private set; } = null!;

    public string DataDirectory => _data;

    // The server's services, for tests that run a worker's cycle instead of waiting for its tick.
    public IServiceProvider Services => _factory!.Services;

    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async ValueTask InitializeAsync()
    {
        // CI installs Chromium from Debian; a machine without it must fail loudly, not skip.
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium is not at {ChromiumPath}. Install it with `apt-get install -y chromium`; the browser tests do not download browsers.");
        }
        _factory = new Factory(_data);
        _factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        BaseAddress = new Uri(addresses.Addresses.Single());
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    public Task<IBrowserContext> NewContextAsync(bool javaScript = true) =>
        _browser!.NewContextAsync(new()
        {
            BaseURL = BaseAddress.ToString(),
            JavaScriptEnabled = javaScript,
            ViewportSize = new() { Width = 1366, Height = 820 },
        });

    // A page signed in as the owner, through the sign-in form.
    public async Task<IPage> SignedInPageAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin");
        await page.GetByLabel("Email").FillAsync(AdminEmail);
        await page.GetByLabel("Password").FillAsync(AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Uri(BaseAddress, "/services").ToString());
        return page;
    }

    // Seeds data through the public API with the bootstrap token, as `unyo apply` would.
    public HttpClient Api()
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        return client;
    }

    // One run of the SLO month worker now, instead of waiting up to five minutes for its tick.
    public async Task CountSloMonthsAsync()
    {
        await using var scope = _factory!.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Unyo.Features.Slos.Sla.SloMonthRefresher>().RefreshAsync(TimeProvider.System.GetUtcNow(), TimeSpan.FromMinutes(1), CancellationToken.None);
    }

    /// Follows a main-navigation link, opening its group's menu first as a person's pointer would.
    public static async Task NavigateAsync(IPage page, string name)
    {
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        var link = nav.GetByRole(AriaRole.Link, new() { Name = name, Exact = true });
        // The inner locator of Has is queried inside each group, so it must not start from the nav again.
        var group = nav.Locator(".navgroup").Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true, IncludeHidden = true }) });
        if (await group.CountAsync() == 1)
        {
            await group.HoverAsync();
        }
        await link.ClickAsync();
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; a temp directory left behind is harmless.
        }
    }

    private sealed class Factory(string data) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("data", data);
            builder.UseSetting("UNYO_ADMIN_EMAIL", AdminEmail);
            builder.UseSetting("UNYO_ADMIN_PASSWORD", AdminPassword);
            builder.UseSetting("UNYO_ADMIN_TOKEN", AdminToken);
        }
    }
}
