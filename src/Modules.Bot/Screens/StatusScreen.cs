using Microsoft.Extensions.Diagnostics.HealthChecks;
using RepitBot.Modules.Bot.Texts;
using RepitBot.Modules.Bot.Updates;
using RepitBot.Shared.Contracts.Users;

namespace RepitBot.Modules.Bot.Screens;

/// <summary>
/// An admin's service status: every health check of this process (each module's mode and circuit, the databases,
/// Redis, Telegram itself) and how the bot receives updates.
/// </summary>
internal sealed class StatusScreen(Conversation chat, HealthCheckService health, BotRuntimeState runtime, UpdateQueue queue)
{
    public async Task ShowAsync(CancellationToken cancellationToken)
    {
        if (await chat.PersonAsync(cancellationToken) is not { Role: UserRole.Admin })
        {
            await chat.TellAsync(BotTexts.Forbidden, cancellationToken);
            return;
        }

        var report = await health.CheckHealthAsync(cancellationToken);
        var checks = report.Entries.Select(entry => (entry.Key, entry.Value.Status.ToString(), entry.Value.Description));
        await chat.SayAsync(BotTexts.Status(checks, runtime.Mode, queue.Pending), cancellationToken);
    }
}
