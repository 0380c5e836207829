using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using Unyo.Data;
using Unyo.Features.Notifications;
using Unyo.Features.Notifications.Outbox;
using Unyo.Features.OnCall.Notices;
using Unyo.IntegrationTests.Infrastructure;
using Unyo.IntegrationTests.Notifications;

namespace Unyo.IntegrationTests.OnCall;

/// An isolated server whose clock the test holds, with mail going to a local SMTP listener, and the
/// reads the shift notice tests share.
public static class ShiftNoticeKit
{
    public static async Task<UnyoApp> AppAsync(Servers servers, string provider, FakeTimeProvider clock, SmtpListener smtp, string? lead = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["UNYO_NOTIFY_SEND"] = "false",
            ["UNYO_PUBLIC_URL"] = "https://unyo.example.com",
            ["Unyo:Smtp:Host"] = "127.0.0.1",
            ["Unyo:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Unyo:Smtp:Security"] = "none",
            ["Unyo:Smtp:From"] = "Unyo <unyo@example.test>",
        };
        if (lead is not null)
        {
            settings["UNYO_ONCALL_NOTICE_LEAD"] = lead;
        }
        return await servers.GetIsolatedAsync(provider, $"notices-{Guid.NewGuid():N}", settings, services: s => s.AddSingleton<TimeProvider>(clock));
    }

    // The host's own worker; it also runs by itself whenever the clock moves, which the records make harmless.
    public static Task RunAsync(UnyoApp app) => app.Services.GetRequiredService<ShiftNoticeWorker>().RunOnceAsync(CancellationToken.None);

    // A worker as a restarted (or another) node would have it: a new instance with its own state.
    public static ShiftNoticeWorker NewWorker(UnyoApp app) => new(
        app.Services.GetRequiredService<IServiceScopeFactory>(), app.Services.GetRequiredService<TimeProvider>(),
        app.Services.GetRequiredService<ShiftNoticeOptions>(), NullLogger<ShiftNoticeWorker>.Instance);

    public static async Task<Guid> UserIdAsync(UnyoApp app, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UnyoDb>().Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }

    public static async Task<List<ShiftNotice>> NoticesAsync(UnyoApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return [.. (await scope.ServiceProvider.GetRequiredService<UnyoDb>().ShiftNotices.AsNoTracking().ToListAsync()).OrderBy(n => n.ShiftStart)];
    }

    public static async Task<List<ShiftDigest>> DigestsAsync(UnyoApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UnyoDb>().ShiftDigests.AsNoTracking().ToListAsync();
    }

    public static async Task<List<Notification>> OutboxAsync(UnyoApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UnyoDb>().Notifications.AsNoTracking().Where(n => n.Event == NotificationEvent.Notice).ToListAsync();
    }

    public static MimeMessage Parse(SmtpListener.Mail mail) => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(mail.Data)));
}
